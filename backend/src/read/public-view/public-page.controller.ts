import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { WebAppAssets } from '../../platform/web/web-app-assets';
import { PublicPageService } from './public-page.service';

/** The public QR page itself (HTML, no login), with its first state rendered in: see PublicPageService. */
@Controller('q')
export class PublicPageController {
  constructor(
    private readonly pages: PublicPageService,
    private readonly webApp: WebAppAssets,
  ) {}

  // The same budget as GET /api/public/{token}: the page reads the same view.
  @Get(':token')
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.page(token, req.headers.cookie);
    // The rating changes at any time and the page depends on the language cookie: never from a shared cache.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.vary('Cookie');
    if (page.csp) res.setHeader('Content-Security-Policy', page.csp);
    this.webApp.sendHtml(req, res, page.status, page.html);
  }
}
