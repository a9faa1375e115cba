import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { PublicViewService } from './public-view.service';
import type { PublicView } from './public-view';

/** The public view behind a QR code: no login. */
@Controller('api/public')
export class PublicController {
  constructor(private readonly views: PublicViewService) {}

  // Per client address: generous for people reloading a page, a brake on token scanning.
  @Get(':token')
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  view(@Param('token') token: string): Promise<PublicView> {
    return this.views.viewByToken(token);
  }
}
