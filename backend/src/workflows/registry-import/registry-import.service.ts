import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_IMPORT_BYTES, REGISTRY_FIELDS, type ImportApplyResult, type ImportReport } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import { inScope, scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { ApiError } from '../../platform/web/api-error';
import { importFileTypeOf, readImportFile } from './import-file';
import { checkRows, FIELD_HEADERS, mapHeader, type RegistryRow } from './import-rows';
import { registryChanges, type CurrentRegistry } from './registry-diff';
import { RegistryEventSender } from './registry-event.sender';
import { RegistryRepository, type ImportRecord } from './registry.repository';

export interface UploadedImportFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** The import's rows sorted by what applying them would do now. */
interface Plan {
  add: RegistryRow[];
  change: { row: RegistryRow; changes: ImportReport['change'][number]['changes'] }[];
  unchanged: RegistryRow[];
}

export const workflowSender = (what: string, user: AuthUser) => `workflow:${what}:${user.id}`;

/**
 * Registry import: upload → dry run (every row checked, compared with the registry, nothing changes)
 * → apply (enterprise.upserted for added and changed rows only). The report is always computed
 * against the registry as it is now, so after an apply the same file shows every row unchanged.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly db: Database,
    private readonly repository: RegistryRepository,
    private readonly sender: RegistryEventSender,
    private readonly audit: AuditLogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async dryRun(file: UploadedImportFile | undefined, user: AuthUser): Promise<ImportReport> {
    if (!file) throw new ApiError(400, 'missing_file', 'Attach the file as the multipart field "file"');
    if (file.size > MAX_IMPORT_BYTES) throw new ApiError(413, 'too_large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const type = importFileTypeOf(file.buffer);
    if (!type) throw new ApiError(400, 'unsupported_file_type', 'The file must be a CSV (UTF-8) or an Excel .xlsx file');
    const table = await readImportFile(type, file.buffer);
    const { columns, missing } = mapHeader(table.header);
    if (missing.length > 0) {
      const names = missing.map((f) => `${FIELD_HEADERS[f].zh} (${FIELD_HEADERS[f].en})`).join(', ');
      throw new ApiError(400, 'missing_columns', `The header row lacks the column(s) ${names}; download the template to see the expected columns`);
    }
    const checked = await this.withinJurisdiction(checkRows(table.dataRows, columns), scopeOf(user));
    const record = await this.repository.insertImport(this.db, {
      fileName: cleanFileName(file.originalname, type),
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      createdAt: new Date(this.clock.now()),
      createdBy: user.username,
      rows: checked.rows,
      errors: checked.errors,
      rowCount: table.dataRows.length,
    });
    return this.report(record, await this.plan(record.rows));
  }

  /**
   * A scoped inspector imports only inside the jurisdiction: a row whose region, or whose enterprise's
   * present region, lies outside becomes an error of its line (the rest of the file still imports).
   */
  private async withinJurisdiction(checked: ReturnType<typeof checkRows>, scope: RegionScope): Promise<ReturnType<typeof checkRows>> {
    if (scope === null) return checked;
    const current = await this.repository.current(this.db, checked.rows.map((r) => r.uscc));
    const rows: RegistryRow[] = [];
    const errors = [...checked.errors];
    for (const r of checked.rows) {
      const present = current.get(r.uscc)?.regionCode ?? null;
      if (inScope(scope, r.regionCode) && (present === null || inScope(scope, present))) {
        rows.push(r);
        continue;
      }
      const region = inScope(scope, r.regionCode) ? present! : r.regionCode;
      errors.push({
        row: r.row,
        column: 'regionCode',
        code: 'outside_jurisdiction',
        message: { zh: `行政区划 ${region} 不在您的辖区内，这一行不会导入。`, en: `The region ${region} is outside your jurisdiction; this line will not be imported.` },
      });
    }
    errors.sort((a, b) => a.row - b.row);
    return { rows, errors, errorRows: checked.errorRows + (checked.rows.length - rows.length) };
  }

  async get(id: string): Promise<ImportReport> {
    const record = await this.repository.getImport(this.db, id);
    if (!record) throw new ApiError(404, 'not_found', `No import ${id}`);
    return this.report(record, await this.plan(record.rows));
  }

  async apply(id: string, user: AuthUser): Promise<ImportApplyResult> {
    const record = await this.repository.getImport(this.db, id);
    if (!record) throw new ApiError(404, 'not_found', `No import ${id}`);
    const claim = await this.repository.claimApply(this.db, id, new Date(this.clock.now()), user.username);
    if (!claim) throw new ApiError(409, 'already_applied', `Import ${id} was applied on ${record.appliedAt?.toISOString()} by ${record.appliedBy}`);
    const plan = await this.plan(record.rows);
    const occurredAt = claim.appliedAt.toISOString();
    const events = [...plan.add, ...plan.change.map((c) => c.row)].map((r) => ({
      eventId: `registry-import-${id}-${r.uscc}`,
      uscc: r.uscc,
      occurredAt,
      values: { name: r.name, regionCode: r.regionCode, industryCode: r.industryCode, address: r.address, lat: r.lat, lon: r.lon },
    }));
    await this.sender.send(events, workflowSender('registry-import', user), 'envface-registry-import');
    const errorRows = new Set(record.errors.map((e) => e.row)).size;
    const result = { added: plan.add.length, changed: plan.change.length, unchanged: plan.unchanged.length, errorRows, events: events.length };
    await this.db.transaction('registry.apply_import', async (tx) => {
      await this.repository.finishApply(tx, id, result);
      await this.audit.append(tx, { action: 'registry.imported', actor: { id: user.id, username: user.username }, target: `import:${id}`, detail: { fileName: record.fileName, ...result } });
    });
    return { id, fileName: record.fileName, appliedAt: occurredAt, appliedBy: claim.appliedBy, ...result };
  }

  private async plan(rows: readonly RegistryRow[]): Promise<Plan> {
    const current = await this.repository.current(this.db, rows.map((r) => r.uscc));
    const plan: Plan = { add: [], change: [], unchanged: [] };
    for (const row of rows) {
      const changes = registryChanges(current.get(row.uscc) as CurrentRegistry | undefined, row);
      if (changes === null) plan.add.push(row);
      else if (changes.length > 0) plan.change.push({ row, changes });
      else plan.unchanged.push(row);
    }
    return plan;
  }

  private report(record: ImportRecord, plan: Plan): ImportReport {
    const errorRows = new Set(record.errors.map((e) => e.row)).size;
    return {
      id: record.id,
      fileName: record.fileName,
      createdAt: record.createdAt.toISOString(),
      createdBy: record.createdBy,
      appliedAt: record.result ? (record.appliedAt?.toISOString() ?? null) : null,
      counts: { rows: record.rowCount, add: plan.add.length, change: plan.change.length, unchanged: plan.unchanged.length, errorRows },
      add: plan.add.map((r) => ({ row: r.row, uscc: r.uscc, name: r.name, regionCode: r.regionCode, industryCode: r.industryCode, address: r.address, lat: r.lat, lon: r.lon })),
      change: plan.change.map((c) => ({ row: c.row.row, uscc: c.row.uscc, name: c.row.name, changes: c.changes })),
      unchanged: plan.unchanged.map((r) => ({ row: r.row, uscc: r.uscc, name: r.name })),
      errors: record.errors,
    };
  }
}

/** The template's header row in one language (the order the import expects, though any order is read). */
export function templateHeader(lang: 'zh' | 'en'): string[] {
  return REGISTRY_FIELDS.map((f) => FIELD_HEADERS[f][lang]);
}

/** A file name fit for display: no path, no control characters, at most 255 characters. */
function cleanFileName(raw: string, type: 'csv' | 'xlsx'): string {
  // multer decodes the part's filename as UTF-8 (defParamCharset); strip any path a browser sent.
  const base = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base === '' ? `import.${type}` : base).slice(0, 255);
}
