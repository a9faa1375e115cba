import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { appealExportQuerySchema, type AppealExportQuery, type AppealJson } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../../read/exports/export-response';
import { cellsOf, cursorPages, mapPages, type ExportFormat, type FieldColumn } from '../../read/exports/export-table';
import { AppealService } from './appeal.service';

export const APPEAL_EXPORT_COLUMNS: readonly FieldColumn<AppealJson>[] = [
  { field: 'id', zh: '编号', en: 'ID', width: 8 },
  { field: 'createdAt', zh: '申请时间', en: 'Filed', width: 26 },
  { field: 'enterpriseId', zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { field: 'enterpriseName', zh: '企业名称', en: 'Enterprise', width: 30 },
  { field: 'eventId', zh: '记录编号', en: 'Event', width: 26 },
  { field: 'eventType', zh: '记录类型', en: 'Event type', width: 26 },
  { field: 'eventDay', zh: '记录日期', en: 'Event day', width: 12 },
  { field: 'reasons', zh: '申请理由', en: 'Reasons', width: 50 },
  { field: 'status', zh: '状态', en: 'Status', width: 10 },
  { field: 'decisionReason', zh: '处理理由', en: 'Decision reason', width: 30 },
  { field: 'decidedAt', zh: '处理时间', en: 'Decided at', width: 26 },
  { field: 'voidEventId', zh: '作废记录', en: 'Void event', width: 26 },
];

/** GET /api/appeals.csv|.xlsx (staff): the whole appeal queue with its filters, inside the caller's jurisdiction. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class AppealExportsController {
  constructor(private readonly appeals: AppealService) {}

  private async export(format: ExportFormat, q: AppealExportQuery, res: Response, user: AuthUser): Promise<void> {
    const stamp = new Date().toISOString().slice(0, 10);
    await sendExport(res, format, q.lang, {
      fileName: `复核申请-${stamp}`,
      asciiName: `appeals-${stamp}`,
      sheetName: q.lang === 'zh' ? '复核申请' : 'Appeals',
      columns: APPEAL_EXPORT_COLUMNS,
      pages: mapPages(
        cursorPages((after) => this.appeals.list(user, { status: q.status, enterpriseId: q.enterpriseId, limit: 200, after: after ?? undefined })),
        (a) => cellsOf(APPEAL_EXPORT_COLUMNS, a),
      ),
    });
  }

  @Get('appeals.csv')
  csv(@Query(new ZodValidationPipe(appealExportQuerySchema)) q: AppealExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('csv', q, res, user);
  }

  @Get('appeals.xlsx')
  xlsx(@Query(new ZodValidationPipe(appealExportQuerySchema)) q: AppealExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('xlsx', q, res, user);
  }
}
