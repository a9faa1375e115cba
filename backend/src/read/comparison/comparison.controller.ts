import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { emptyQuerySchema, quartersExportQuerySchema, regionMapQuerySchema, type QuartersExportQuery, type RegionMapQuery } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import { ApiError } from '../../platform/web/api-error';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { onePage, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { ComparisonService } from './comparison.service';

export const QUARTER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { zh: '季度', en: 'Quarter', width: 9 },
  { zh: '起', en: 'From', width: 12 },
  { zh: '止', en: 'To', width: 12 },
  { zh: '评价天数', en: 'Rated days', width: 9 },
  { zh: '最低星级', en: 'Lowest stars', width: 9 },
  { zh: '平均星级', en: 'Mean stars', width: 9 },
  { zh: '笑脸天数', en: 'Smile days', width: 9 },
  { zh: '平脸天数', en: 'Neutral days', width: 9 },
  { zh: '哭脸天数', en: 'Cry days', width: 9 },
  { zh: '检查', en: 'Inspections', width: 8 },
  { zh: '发现违法', en: 'Violations', width: 8 },
  { zh: '处罚', en: 'Penalties', width: 8 },
  { zh: '罚款（元）', en: 'Fines (yuan)', width: 12 },
  { zh: '责令整改', en: 'Orders', width: 8 },
  { zh: '查实投诉', en: 'Verified complaints', width: 10 },
  { zh: '一票否决', en: 'Vetoes', width: 8 },
];

const QUARTER_KEYS = ['quarter', 'from', 'to', 'ratedDays', 'minStars', 'meanStars', 'smileDays', 'neutralDays', 'cryDays', 'inspections', 'violations', 'penalties', 'penaltyYuan', 'orders', 'verifiedComplaints', 'vetoes'] as const;

/** Inspectors: the region map, an enterprise's peers and quarters (and their download). */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ComparisonController {
  constructor(private readonly comparison: ComparisonService) {}

  @Get('stats/map')
  map(@Query(new ZodValidationPipe(regionMapQuerySchema)) q: RegionMapQuery, @CurrentUser() user: AuthUser) {
    return this.comparison.regionMap(q.points, scopeOf(user));
  }

  @Get('enterprises/:uscc/peers')
  peers(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(emptyQuerySchema)) _q: unknown) {
    return this.comparison.peers(uscc);
  }

  @Get('enterprises/:uscc/quarters')
  quarters(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(emptyQuerySchema)) _q: unknown) {
    return this.comparison.quarters(uscc);
  }

  private async quartersExport(format: ExportFormat, uscc: string, q: QuartersExportQuery, res: Response): Promise<void> {
    const table = await this.comparison.quarters(uscc);
    await sendExport(res, format, q.lang, {
      fileName: `季度合规-${uscc}`,
      asciiName: `quarters-${uscc}`,
      sheetName: q.lang === 'zh' ? '季度合规' : 'Quarters',
      columns: QUARTER_EXPORT_COLUMNS,
      pages: onePage(table.quarters.map((row) => QUARTER_KEYS.map((k) => row[k]))),
    });
  }

  @Get('enterprises/:uscc/quarters.csv')
  quartersCsv(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(quartersExportQuerySchema)) q: QuartersExportQuery, @Res() res: Response): Promise<void> {
    return this.quartersExport('csv', uscc, q, res);
  }

  @Get('enterprises/:uscc/quarters.xlsx')
  quartersXlsx(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(quartersExportQuerySchema)) q: QuartersExportQuery, @Res() res: Response): Promise<void> {
    return this.quartersExport('xlsx', uscc, q, res);
  }
}

/** The enterprise portal: the caller's own peers only (no USCC in the path). */
@Controller('api/portal')
@UseGuards(AuthGuard, PasswordChangeGuard)
@Roles('enterprise')
export class PortalPeersController {
  constructor(private readonly comparison: ComparisonService) {}

  @Get('peers')
  peers(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(emptyQuerySchema)) _q: unknown) {
    if (!user.enterpriseId) throw new ApiError(403, 'forbidden', 'no enterprise of your own');
    return this.comparison.peersOf(user.enterpriseId);
  }
}
