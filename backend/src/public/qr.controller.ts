import { Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { regionSignsQuerySchema, type RegionSigns, type SignData, type TokenRotation } from '@envface/streams';
import { z } from 'zod';
import { AuthGuard } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PublicSignService } from './public-sign.service';

/** QR codes, printable signs and token rotation (inspectors). */
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
  sign(@Param('uscc') uscc: string): Promise<SignData> {
    return this.signs.sign(uscc);
  }

  @Post('enterprises/:uscc/public-token/rotate')
  @HttpCode(200)
  rotate(@Param('uscc') uscc: string): Promise<TokenRotation> {
    return this.signs.rotate(uscc);
  }

  /** Signs of every registered enterprise of a region, for the batch print page. */
  @Get('signs')
  regionSigns(@Query(new ZodValidationPipe(regionSignsQuerySchema)) q: z.infer<typeof regionSignsQuerySchema>): Promise<RegionSigns> {
    return this.signs.regionSigns(q.region);
  }
}
