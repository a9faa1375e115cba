import { Injectable } from '@nestjs/common';
import type { ImportRowError } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';
import type { CurrentRegistry } from './registry-diff';
import type { RegistryRow } from './import-rows';

export interface ImportRecord {
  id: string;
  fileName: string;
  createdAt: Date;
  createdBy: string;
  rows: RegistryRow[];
  errors: ImportRowError[];
  rowCount: number;
  appliedAt: Date | null;
  appliedBy: string | null;
  result: { added: number; changed: number; unchanged: number; errorRows: number; events: number } | null;
}

export interface HandRegistrationRecord {
  uscc: string;
  name: string | null;
  registeredAt: Date;
  registeredBy: string;
  note: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
}

export interface BatchEditRecord {
  id: string;
  createdAt: Date;
  createdBy: string;
  set: { regionCode?: string; industryCode?: string };
  selected: number;
  unchanged: number;
  unregistered: number;
  changed: { uscc: string; name: string; changes: { field: string; from: string | number | null; to: string | number | null }[] }[];
}

const IMPORT_COLUMNS = `id::text AS id, file_name AS "fileName", created_at AS "createdAt", created_by AS "createdBy", rows, errors, row_count AS "rowCount",
  applied_at AS "appliedAt", applied_by AS "appliedBy", result`;
const HAND_COLUMNS = `h.uscc, e.name, h.registered_at AS "registeredAt", h.registered_by AS "registeredBy", h.note, h.verified_at AS "verifiedAt", h.verified_by AS "verifiedBy"`;
const BATCH_COLUMNS = `id::text AS id, created_at AS "createdAt", created_by AS "createdBy", set_values AS set, selected, unchanged, unregistered, changed`;

/** All SQL of the registry workflows. */
@Injectable()
export class RegistryRepository {
  /** Registry data of these enterprises as stored now (absent: never seen). */
  async current(q: Queryable, usccs: readonly string[]): Promise<Map<string, CurrentRegistry>> {
    if (usccs.length === 0) return new Map();
    const rows = await q.query<CurrentRegistry>(
      'registry.current',
      `SELECT uscc, registered, name, region_code AS "regionCode", industry_code AS "industryCode", address, lat, lon
       FROM enterprises WHERE uscc = ANY($1::text[])`,
      [usccs],
    );
    return new Map(rows.map((r) => [r.uscc, r]));
  }

  async insertImport(q: Queryable, i: { fileName: string; sha256: string; createdAt: Date; createdBy: string; rows: RegistryRow[]; errors: ImportRowError[]; rowCount: number }): Promise<ImportRecord> {
    const rows = await q.query<ImportRecord>(
      'registry.insert_import',
      `INSERT INTO registry_imports (file_name, sha256, created_at, created_by, rows, errors, row_count) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${IMPORT_COLUMNS}`,
      [i.fileName, i.sha256, i.createdAt, i.createdBy, JSON.stringify(i.rows), JSON.stringify(i.errors), i.rowCount],
    );
    return rows[0]!;
  }

  async getImport(q: Queryable, id: string): Promise<ImportRecord | null> {
    const rows = await q.query<ImportRecord>('registry.get_import', `SELECT ${IMPORT_COLUMNS} FROM registry_imports WHERE id = $1::bigint`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Starts (or resumes) the apply: the first caller fixes the instant every event carries. Null when
   * the import is unknown or finished already.
   */
  async claimApply(q: Queryable, id: string, at: Date, by: string): Promise<{ appliedAt: Date; appliedBy: string } | null> {
    const rows = await q.query<{ appliedAt: Date; appliedBy: string }>(
      'registry.claim_apply',
      `UPDATE registry_imports SET applied_at = COALESCE(applied_at, $2), applied_by = COALESCE(applied_by, $3)
       WHERE id = $1::bigint AND result IS NULL RETURNING applied_at AS "appliedAt", applied_by AS "appliedBy"`,
      [id, at, by],
    );
    return rows[0] ?? null;
  }

  async finishApply(q: Queryable, id: string, result: NonNullable<ImportRecord['result']>): Promise<void> {
    await q.query('registry.finish_apply', 'UPDATE registry_imports SET result = $2 WHERE id = $1::bigint', [id, JSON.stringify(result)]);
  }

  async insertHandRegistration(q: Queryable, r: { uscc: string; eventId: string; at: Date; by: string; note: string | null }): Promise<boolean> {
    const rows = await q.query(
      'registry.insert_hand',
      `INSERT INTO hand_registrations (uscc, event_id, registered_at, registered_by, note) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (uscc) DO NOTHING RETURNING uscc`,
      [r.uscc, r.eventId, r.at, r.by, r.note],
    );
    return rows.length === 1;
  }

  async handRegistration(q: Queryable, uscc: string): Promise<HandRegistrationRecord | null> {
    const rows = await q.query<HandRegistrationRecord>('registry.get_hand', `SELECT ${HAND_COLUMNS} FROM hand_registrations h LEFT JOIN enterprises e USING (uscc) WHERE h.uscc = $1`, [uscc]);
    return rows[0] ?? null;
  }

  async handRegistrations(q: Queryable, status: 'pending' | 'verified' | undefined): Promise<HandRegistrationRecord[]> {
    return q.query<HandRegistrationRecord>(
      'registry.list_hand',
      `SELECT ${HAND_COLUMNS} FROM hand_registrations h LEFT JOIN enterprises e USING (uscc)
       WHERE ($1::text IS NULL OR ($1 = 'pending') = (h.verified_at IS NULL))
       ORDER BY (h.verified_at IS NULL) DESC, h.registered_at DESC LIMIT 1000`,
      [status ?? null],
    );
  }

  /** Marks it verified once; false when it is not pending. */
  async verify(q: Queryable, uscc: string, at: Date, by: string): Promise<boolean> {
    const rows = await q.query('registry.verify_hand', 'UPDATE hand_registrations SET verified_at = $2, verified_by = $3 WHERE uscc = $1 AND verified_at IS NULL RETURNING uscc', [uscc, at, by]);
    return rows.length === 1;
  }

  async nextBatchEditId(q: Queryable): Promise<string> {
    const rows = await q.query<{ id: string }>('registry.next_batch_id', `SELECT nextval(pg_get_serial_sequence('registry_batch_edits', 'id'))::text AS id`);
    return rows[0]!.id;
  }

  async insertBatchEdit(q: Queryable, b: BatchEditRecord): Promise<void> {
    await q.query(
      'registry.insert_batch',
      `INSERT INTO registry_batch_edits (id, created_at, created_by, set_values, selected, unchanged, unregistered, changed) VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8)`,
      [b.id, b.createdAt, b.createdBy, JSON.stringify(b.set), b.selected, b.unchanged, b.unregistered, JSON.stringify(b.changed)],
    );
  }

  async batchEdit(q: Queryable, id: string): Promise<BatchEditRecord | null> {
    const rows = await q.query<BatchEditRecord>('registry.get_batch', `SELECT ${BATCH_COLUMNS} FROM registry_batch_edits WHERE id = $1::bigint`, [id]);
    return rows[0] ?? null;
  }
}
