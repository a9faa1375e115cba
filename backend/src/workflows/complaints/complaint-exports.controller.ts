import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { complaintExportQuerySchema, type ComplaintExportQuery, type ComplaintJson } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../../read/exports/export-response';
import { cellsOf, cursorPages, mapPages, type ExportFormat, type FieldColumn } from '../../read/exports/export-table';
import { ComplaintService } from './complaint.service';

/** The columns of the complaint export: the queue's fields (the photo itself stays in the app). */
export const COMPLAINT_EXPORT_COLUMNS: readonly FieldColumn<ComplaintJson>[] = [
  { field: 'id', zh: '编号', en: 'ID', width: 8 },
  { field: 'createdAt', zh: '收到时间', en: 'Received', width: 26 },
  { field: 'enterpriseId', zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { field: 'enterpriseName', zh: '企业名称', en: 'Enterprise', width: 30 },
  { field: 'category', zh: '问题类型', en: 'Category', width: 10 },
  { field: 'text', zh: '问题描述', en: 'Description', width: 50 },
  { field: 'contact', zh: '联系方式', en: 'Contact', width: 16 },
  { field: 'hasPhoto', zh: '有照片', en: 'Photo', width: 8 },
  { field: 'flagged', zh: '举报激增期间收到', en: 'Received in a surge', width: 10 },
  { field: 'status', zh: '状态', en: 'Status', width: 10 },
  { field: 'decisionReason', zh: '处理理由', en: 'Decision reason', width: 30 },
  { field: 'decidedBy', zh: '处理人', en: 'Decided by', width: 10 },
  { field: 'decidedAt', zh: '处理时间', en: 'Decided at', width: 26 },
  { field: 'eventId', zh: '记录编号', en: 'Event', width: 26 },
];

/** GET /api/complaints.csv|.xlsx: the whole queue with its filters, inside the caller's jurisdiction. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ComplaintExportsController {
  constructor(private readonly complaints: ComplaintService) {}

  private async export(format: ExportFormat, q: ComplaintExportQuery, res: Response, user: AuthUser): Promise<void> {
    const stamp = new Date().toISOString().slice(0, 10);
    const scope = scopeOf(user);
    await sendExport(res, format, q.lang, {
      fileName: `投诉举报-${stamp}`,
      asciiName: `complaints-${stamp}`,
      sheetName: q.lang === 'zh' ? '投诉举报' : 'Complaints',
      columns: COMPLAINT_EXPORT_COLUMNS,
      pages: mapPages(
        cursorPages((after) => this.complaints.list({ status: q.status, enterpriseId: q.enterpriseId, limit: 200, after: after ?? undefined }, scope)),
        (c) => cellsOf(COMPLAINT_EXPORT_COLUMNS, c),
      ),
    });
  }

  @Get('complaints.csv')
  csv(@Query(new ZodValidationPipe(complaintExportQuerySchema)) q: ComplaintExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('csv', q, res, user);
  }

  @Get('complaints.xlsx')
  xlsx(@Query(new ZodValidationPipe(complaintExportQuerySchema)) q: ComplaintExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('xlsx', q, res, user);
  }
}
