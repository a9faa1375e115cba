import { Injectable } from '@nestjs/common';
import type { Queryable } from '../platform/db/database.service';

export interface ServiceKeyRow {
  id: string;
  name: string;
  key_sha256: Buffer;
  event_types: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id::text AS id, name, key_sha256, event_types, created_at, last_used_at, revoked_at';

@Injectable()
export class ServiceKeyRepository {
  /** Null when the name is taken. */
  async insert(q: Queryable, name: string, keySha256: Buffer, eventTypes: readonly string[], createdBy: number): Promise<ServiceKeyRow | null> {
    const rows = await q.query<ServiceKeyRow>(
      'service_keys.insert',
      `INSERT INTO service_keys (name, key_sha256, event_types, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [name, keySha256, eventTypes, createdBy],
    );
    return rows[0] ?? null;
  }

  async find(q: Queryable, id: number): Promise<ServiceKeyRow | null> {
    const rows = await q.query<ServiceKeyRow>('service_keys.find', `SELECT ${COLUMNS} FROM service_keys WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(q: Queryable): Promise<ServiceKeyRow[]> {
    return q.query<ServiceKeyRow>('service_keys.list', `SELECT ${COLUMNS} FROM service_keys ORDER BY id`);
  }

  /** Null: no such key or already revoked. */
  async revoke(q: Queryable, id: number): Promise<ServiceKeyRow | null> {
    const rows = await q.query<ServiceKeyRow>(
      'service_keys.revoke',
      `UPDATE service_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async touch(q: Queryable, id: number): Promise<void> {
    // At most once a minute per key: ingest may be frequent, the column is informational.
    await q.query(
      'service_keys.touch',
      `UPDATE service_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
