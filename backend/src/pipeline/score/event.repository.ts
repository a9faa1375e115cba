import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

export interface EventIdRow {
  eventId: string;
  enterpriseId: string;
  bodySha256: Buffer;
  occurredAt: string;
  /** event_ids.sent_by: the account or workflow that sent it over HTTP; null for Kafka and the simulator */
  sentBy?: string | null;
}

export interface NewEventRow {
  eventId: string;
  enterpriseId: string;
  type: string;
  occurredAt: string;
  eventDay: string;
  body: unknown;
  topic: string | null;
  partition: number | null;
  offset: string | null;
}

/** Accepted events and their ids. Every write is one multi-row statement per batch (unnest). */
@Injectable()
export class EventRepository {
  /** Claims ids; returns those that were new. Existing ids are left untouched (the first body stays). */
  async claimIds(q: Queryable, rows: readonly EventIdRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await q.query<{ event_id: string }>(
      'events.claim_ids',
      `INSERT INTO event_ids (event_id, enterprise_id, body_sha256, occurred_at, sent_by)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::timestamptz[], $5::text[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [rows.map((r) => r.eventId), rows.map((r) => r.enterpriseId), rows.map((r) => r.bodySha256), rows.map((r) => r.occurredAt), rows.map((r) => r.sentBy ?? null)],
    );
    return new Set(inserted.map((r) => r.event_id));
  }

  async hashesOf(q: Queryable, eventIds: readonly string[]): Promise<Map<string, Buffer>> {
    if (eventIds.length === 0) return new Map();
    const rows = await q.query<{ event_id: string; body_sha256: Buffer }>(
      'events.hashes_of',
      'SELECT event_id, body_sha256 FROM event_ids WHERE event_id = ANY($1::text[])',
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.body_sha256]));
  }

  /** Stores the batch's new events; enforcement events are also queued for the workflows (enforcement_event_queue). */
  async insert(q: Queryable, rows: readonly NewEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'events.insert',
      // One JSON document for the whole batch: node-postgres escapes every element of a jsonb[]
      // parameter character by character, which cost more than the insert itself.
      `INSERT INTO events (event_id, enterprise_id, type, occurred_at, event_day, body, source_topic, source_partition, source_offset)
       SELECT event_id, enterprise_id, type, occurred_at, event_day, body, source_topic, source_partition, source_offset
       FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, enterprise_id text, type text, occurred_at timestamptz, event_day date, body jsonb,
         source_topic text, source_partition int, source_offset bigint)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            event_id: r.eventId,
            enterprise_id: r.enterpriseId,
            type: r.type,
            occurred_at: r.occurredAt,
            event_day: r.eventDay,
            body: r.body,
            source_topic: r.topic,
            source_partition: r.partition,
            source_offset: r.offset,
          })),
        ),
      ],
    );
    // Enforcement events also wait in a queue for the workflows that follow them (credit notices),
    // in this transaction: a table, not a call, so the scorer knows nothing of those workflows.
    const enforcement = rows.filter((r) => r.type.startsWith('enforcement.'));
    if (enforcement.length === 0) return;
    await q.query(
      'events.enqueue_enforcement',
      `INSERT INTO enforcement_event_queue (event_id, enterprise_id, occurred_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) ON CONFLICT (event_id) DO NOTHING`,
      [enforcement.map((r) => r.eventId), enforcement.map((r) => r.enterpriseId), enforcement.map((r) => r.occurredAt)],
    );
  }

  /** Every stored event of the enterprises, for rebuilding their ledgers. */
  async bodiesOf(q: Queryable, enterpriseIds: readonly string[]): Promise<{ enterprise_id: string; body: unknown }[]> {
    if (enterpriseIds.length === 0) return [];
    return q.query<{ enterprise_id: string; body: unknown }>(
      'events.bodies_of',
      'SELECT enterprise_id, body FROM events WHERE enterprise_id = ANY($1::text[]) ORDER BY occurred_at, event_id',
      [enterpriseIds],
    );
  }
}
