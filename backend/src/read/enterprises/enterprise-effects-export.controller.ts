import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { effectsExportQuerySchema, type EnterpriseDetail, type EffectsExportQuery } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { onePage, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { EnterpriseSearchService } from './enterprise-search.service';

type Effect = EnterpriseDetail['effects'][number];

export const EFFECT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { zh: '指标', en: 'Indicator', width: 10 },
  { zh: '作用对象', en: 'Criterion', width: 10 },
  { zh: '扣分/加分', en: 'Points', width: 10 },
  { zh: '对总分影响', en: 'Impact on the score', width: 12 },
  { zh: '起始日', en: 'From', width: 12 },
  { zh: '截止日（不含）', en: 'Until (exclusive)', width: 14 },
  { zh: '可修复', en: 'Repairable', width: 10 },
  { zh: '记录编号', en: 'Event', width: 26 },
  { zh: '记录类型', en: 'Event type', width: 28 },
  { zh: '记录日期', en: 'Event day', width: 12 },
];

export const effectCells = (e: Effect) => [e.indicator, e.criterion, e.points, e.impact, e.from, e.until, e.repairable, e.eventId, e.source?.type ?? null, e.source?.day ?? null];

/**
 * GET /api/enterprises/{uscc}/effects.csv|.xlsx: today's active effects (as the enterprise page shows
 * them), each with the event behind it. The jurisdiction is checked by AuthGuard for every :uscc route.
 */
@Controller('api/enterprises/:uscc')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterpriseEffectsExportController {
  constructor(private readonly search: EnterpriseSearchService) {}

  private async export(format: ExportFormat, uscc: string, q: EffectsExportQuery, res: Response): Promise<void> {
    const detail = await this.search.detail(uscc);
    await sendExport(res, format, q.lang, {
      fileName: `当前影响事项-${uscc}-${detail.today}`,
      asciiName: `effects-${uscc}-${detail.today}`,
      sheetName: q.lang === 'zh' ? '当前影响事项' : 'Effects',
      columns: EFFECT_EXPORT_COLUMNS,
      pages: onePage(detail.effects.map(effectCells)),
    });
  }

  @Get('effects.csv')
  csv(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(effectsExportQuerySchema)) q: EffectsExportQuery, @Res() res: Response): Promise<void> {
    return this.export('csv', uscc, q, res);
  }

  @Get('effects.xlsx')
  xlsx(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(effectsExportQuerySchema)) q: EffectsExportQuery, @Res() res: Response): Promise<void> {
    return this.export('xlsx', uscc, q, res);
  }
}
