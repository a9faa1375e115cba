import { Injectable } from '@nestjs/common';
import type { Queryable } from '../db/database.service';

export type OutboxKind = 'ratings' | 'dlq';

export interface OutboxMessage {
  kind: OutboxKind;
  key: string | null;
  payload: unknown;
}

export interface OutboxRow extends OutboxMessage {
  id: string;
}

/** Transactional outbox: written with the batch, drained after commit. */
@Injectable()
export class OutboxRepository {
  async add(q: Queryable, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await q.query(
      'outbox.add',
      // WITH ORDINALITY keeps the batch's order in the ids, so changes are published in the order they happened.
      `INSERT INTO outbox (kind, key, payload)
       SELECT kind, key, payload FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS x(kind, key, payload, n) ORDER BY n`,
      [messages.map((m) => m.kind), messages.map((m) => m.key), messages.map((m) => JSON.stringify(m.payload))],
    );
  }

  /** Locks the oldest messages for this drainer (others skip them); delete them in the same transaction once published. */
  async claim(q: Queryable, limit: number): Promise<OutboxRow[]> {
    return q.query<OutboxRow>(
      'outbox.claim',
      `SELECT id::text AS id, kind, key, payload FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async remove(q: Queryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await q.query('outbox.remove', 'DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
  }
}
