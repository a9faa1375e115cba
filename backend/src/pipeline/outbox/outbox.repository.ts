import { Injectable } from '@nestjs/common';
import type { RatingChangeMessage, RatingsCopyPayload } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';

/**
 * One outbox message, typed by its kind: a rating change is exactly the contract's message
 * (rating-message.schema.ts). ratings_copy: the rollover's copied ratings of a chunk of enterprises,
 * written in SQL and expanded by the drainer into 'ratings' rows.
 */
export type OutboxMessage =
  | { kind: 'ratings'; key: string; payload: RatingChangeMessage }
  // The scorer still builds this payload itself; deadLetterMessage() (dead-letter-message.schema.ts) is the typed builder to move to.
  | { kind: 'dlq'; key: string | null; payload: Record<string, unknown> }
  | { kind: 'ratings_copy'; key: null; payload: RatingsCopyPayload }
  // Credit-list joins and leaves (envface.lists.v1), built by pipeline/lists.
  | { kind: 'lists'; key: string; payload: Record<string, unknown> };
export type OutboxKind = OutboxMessage['kind'];

export type OutboxRow = OutboxMessage & { id: string };

/** What sinks receive: ratings_copy rows arrive expanded into 'ratings' rows. */
export type PublishedRow = Exclude<OutboxRow, { kind: 'ratings_copy' }>;

/** Transactional outbox: written with the batch, drained after commit. */
@Injectable()
export class OutboxRepository {
  /** Inserts in order; returns the new rows' ids (the writer hands them to the drainer after commit). */
  async add(q: Queryable, messages: readonly OutboxMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = await q.query<{ id: string }>(
      'outbox.add',
      // WITH ORDINALITY keeps the batch's order in the ids, so changes are published in the order they happened.
      // One JSON document, not a jsonb[] parameter (node-postgres escapes those element by element).
      `INSERT INTO outbox (kind, key, payload)
       SELECT m->>'kind', m->>'key', m->'payload' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(m, n) ORDER BY n
       RETURNING id::text AS id`,
      [JSON.stringify(messages.map((m) => ({ kind: m.kind, key: m.key, payload: m.payload })))],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Takes the given rows (deletes them, returning their content; the transaction keeps them until
   * commit, so a failed publish rolls back). Rows another drainer already took are simply absent.
   * A primary-key lookup per row: no scan over the queue's dead tuples.
   */
  async take(q: Queryable, ids: readonly string[]): Promise<OutboxRow[]> {
    if (ids.length === 0) return [];
    const rows = await q.query<OutboxRow>(
      'outbox.take',
      'DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING id::text AS id, kind, key, payload',
      [ids],
    );
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /**
   * Leftovers (written by an instance that died before publishing): the oldest rows older than
   * `minAgeSeconds`, locked for this drainer (others skip them); delete them once published.
   */
  async claimLeftovers(q: Queryable, limit: number, minAgeSeconds: number): Promise<OutboxRow[]> {
    return q.query<OutboxRow>(
      'outbox.claim_leftovers',
      `SELECT id::text AS id, kind, key, payload FROM outbox WHERE created_at < now() - make_interval(secs => $2)
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, minAgeSeconds],
    );
  }

  async remove(q: Queryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await q.query('outbox.remove', 'DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
  }
}
