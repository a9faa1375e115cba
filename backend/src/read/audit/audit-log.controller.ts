import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  auditExportQuerySchema,
  auditListQuerySchema,
  type AuditEntryJson,
  type AuditExportQuery,
  type AuditFilter,
  type AuditListQuery,
  type AuditPage,
} from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { Database } from '../../platform/db/database.service';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { keysetPages, mapPages, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { AuditQueryRepository, type AuditQueryFilter, type AuditRow } from './audit-query.repository';

const AUDIT_COLUMNS: readonly ExportColumn[] = [
  { zh: '编号', en: 'ID', width: 10 },
  { zh: '时间', en: 'At', width: 26 },
  { zh: '操作', en: 'Action', width: 26 },
  { zh: '操作人', en: 'Actor', width: 18 },
  { zh: '对象', en: 'Target', width: 26 },
  { zh: '理由', en: 'Reason', width: 36 },
  { zh: '客户端', en: 'Client', width: 18 },
  { zh: '请求编号', en: 'Request ID', width: 24 },
  { zh: '详情', en: 'Detail', width: 60 },
];

export const AUDIT_EXPORT_PAGE = 2_000;

function filterOf(q: AuditFilter): AuditQueryFilter {
  const prefix = q.action?.endsWith('*') ?? false;
  return {
    actor: q.actor ?? null,
    // `login.*` → LIKE 'login.%' (the schema allows only [a-z_.], so `_` is the only LIKE wildcard: escaped).
    action: q.action === undefined ? null : prefix ? `${q.action.slice(0, -1).replace(/_/g, '\\_')}%` : q.action,
    actionIsPrefix: prefix,
    target: q.target ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
  };
}

function entryJson(r: AuditRow): AuditEntryJson {
  return {
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_name,
    target: r.target,
    client: r.client,
    reason: r.reason,
    requestId: r.request_id,
    detail: r.detail ?? {},
  };
}

/** The audit trail for admins: browse with filters (keyset paging, newest first) and download (CSV, Excel). */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin')
export class AuditLogController {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditQueryRepository,
  ) {}

  @Get('audit-log')
  async list(@Query(new ZodValidationPipe(auditListQuerySchema)) q: AuditListQuery): Promise<AuditPage> {
    const rows = await this.audit.page(this.db, filterOf(q), q.before ?? null, q.limit + 1);
    const page = rows.slice(0, q.limit);
    return { items: page.map(entryJson), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
  }

  private async export(format: ExportFormat, q: AuditExportQuery, res: Response): Promise<void> {
    const filter = filterOf(q);
    const stamp = new Date().toISOString().slice(0, 10);
    await sendExport(res, format, q.lang, {
      fileName: `审计日志-${stamp}`,
      asciiName: `audit-log-${stamp}`,
      sheetName: q.lang === 'zh' ? '审计日志' : 'Audit log',
      columns: AUDIT_COLUMNS,
      pages: mapPages(
        keysetPages<AuditRow, string>(AUDIT_EXPORT_PAGE, (before, size) => this.audit.page(this.db, filter, before, size), (r) => r.id),
        (r) => [r.id, r.at.toISOString(), r.action, r.actor_name, r.target, r.reason, r.client, r.request_id, JSON.stringify(r.detail ?? {})],
      ),
    });
  }

  @Get('audit-log.csv')
  csv(@Query(new ZodValidationPipe(auditExportQuerySchema)) q: AuditExportQuery, @Res() res: Response): Promise<void> {
    return this.export('csv', q, res);
  }

  @Get('audit-log.xlsx')
  xlsx(@Query(new ZodValidationPipe(auditExportQuerySchema)) q: AuditExportQuery, @Res() res: Response): Promise<void> {
    return this.export('xlsx', q, res);
  }
}
