import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { noticeExportQuerySchema, type NoticeExportQuery, type NoticeJson } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../../read/exports/export-response';
import { cellsOf, keysetPages, mapPages, type ExportFormat, type FieldColumn } from '../../read/exports/export-table';
import { CreditNoticeService } from './credit-notice.service';

/** A notice as exported: the list's fields plus its number (from the stated facts); the full text last. */
export type NoticeExportRow = Omit<NoticeJson, 'facts'> & { noticeNo: string };

export const NOTICE_EXPORT_COLUMNS: readonly FieldColumn<NoticeExportRow>[] = [
  { field: 'noticeNo', zh: '告知书编号', en: 'Notice no.', width: 22 },
  { field: 'enterpriseId', zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { field: 'enterpriseName', zh: '企业名称', en: 'Enterprise', width: 30 },
  { field: 'eventId', zh: '记录编号', en: 'Event', width: 26 },
  { field: 'eventType', zh: '记录类型', en: 'Event type', width: 28 },
  { field: 'eventDay', zh: '记录日期', en: 'Event day', width: 12 },
  { field: 'noticeDay', zh: '告知日期', en: 'Notice day', width: 12 },
  { field: 'appealDeadline', zh: '复核申请截止', en: 'Appeal deadline', width: 12 },
  { field: 'acknowledgedAt', zh: '企业签收时间', en: 'Acknowledged at', width: 26 },
  { field: 'acknowledgedBy', zh: '签收人', en: 'Acknowledged by', width: 12 },
  { field: 'id', zh: '编号', en: 'ID', width: 8 },
  { field: 'createdAt', zh: '生成时间', en: 'Created', width: 26 },
  { field: 'text', zh: '告知书全文', en: 'Text', width: 80 },
];

export const noticeExportRow = ({ facts, ...n }: NoticeJson): NoticeExportRow => ({ ...n, noticeNo: facts.noticeNo });

/** GET /api/notices.csv|.xlsx: every notice (of an enterprise, or unacknowledged), newest first, inside the caller's jurisdiction. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class CreditNoticeExportsController {
  constructor(private readonly notices: CreditNoticeService) {}

  private async export(format: ExportFormat, q: NoticeExportQuery, res: Response, user: AuthUser): Promise<void> {
    const stamp = new Date().toISOString().slice(0, 10);
    const filter = { enterpriseId: q.enterpriseId ?? null, unacknowledged: q.unacknowledged === 'true', scope: scopeOf(user) };
    await sendExport(res, format, q.lang, {
      fileName: `信用记录告知书-${stamp}`,
      asciiName: `notices-${stamp}`,
      sheetName: q.lang === 'zh' ? '告知书' : 'Notices',
      columns: NOTICE_EXPORT_COLUMNS,
      pages: mapPages(
        keysetPages(500, async (before: string | null, size) => (await this.notices.list({ ...filter, beforeId: before }, size)).items, (n) => n.id),
        (n) => cellsOf(NOTICE_EXPORT_COLUMNS, noticeExportRow(n)),
      ),
    });
  }

  @Get('notices.csv')
  csv(@Query(new ZodValidationPipe(noticeExportQuerySchema)) q: NoticeExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('csv', q, res, user);
  }

  @Get('notices.xlsx')
  xlsx(@Query(new ZodValidationPipe(noticeExportQuerySchema)) q: NoticeExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('xlsx', q, res, user);
  }
}
