import { Controller, Get, Header, Param, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { inScope, scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ApiError } from '../../platform/web/api-error';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PublicSignService } from '../public-view/public-sign.service';

const regionQuery = z.strictObject({ region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit administrative code') });

/** QR codes and printable signs (inspectors); token rotation is workflows/public-token. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class QrController {
  constructor(private readonly signs: PublicSignService) {}

  @Get('enterprises/:uscc/qr.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  qrSvg(@Param('uscc') uscc: string): Promise<string> {
    return this.signs.qrSvg(uscc);
  }

  @Get('enterprises/:uscc/qr.png')
  @Header('Cache-Control', 'no-store')
  async qrPng(@Param('uscc') uscc: string): Promise<StreamableFile> {
    return new StreamableFile(await this.signs.qrPng(uscc), { type: 'image/png' });
  }

  /** Everything one printed A4 sign shows. */
  @Get('enterprises/:uscc/sign')
  sign(@Param('uscc') uscc: string) {
    return this.signs.sign(uscc);
  }

  /** Signs of every registered enterprise of a region, for the batch print page. */
  @Get('signs')
  regionSigns(@Query(new ZodValidationPipe(regionQuery)) q: z.infer<typeof regionQuery>, @CurrentUser() user: AuthUser) {
    // A region outside a scoped inspector's jurisdiction does not exist for them.
    if (!inScope(scopeOf(user), q.region)) throw new ApiError(404, 'region_not_found', `No region ${q.region} in your jurisdiction`);
    return this.signs.regionSigns(q.region);
  }
}
