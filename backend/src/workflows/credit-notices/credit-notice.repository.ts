import { Injectable } from '@nestjs/common';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

export const NOTICE_EVENT_TYPES = ['enforcement.penalty', 'enforcement.inspection', 'enforcement.rectification_order', 'enforcement.complaint_verified'];

export interface QueuedEventRow {
  event_id: string;
  enterprise_id: string;
  /** null when the queued event is not stored (cannot happen: queued in the transaction that stores it) */
  type: string | null;
  event_day: string | null;
  data: Record<string, unknown> | null;
  enterprise_name: string | null;
  wanted: boolean;
}

export interface NewNotice {
  id: number;
  eventId: string;
  enterpriseId: string;
  eventType: string;
  eventDay: string;
  noticeDay: string;
  appealDeadline: string;
  text: string;
  facts: unknown;
}

export interface RevisionRow {
  day: string;
  revision: number;
  score_tenths: number;
  stars: number;
  face: 'smile' | 'neutral' | 'cry';
  effects: { indicator: string; eventId: string; points: number; impact: number; from: string; until: string | null; repairable: boolean }[];
  cause_event_ids: string[];
}

export interface NoticeRow {
  id: string;
  event_id: string;
  enterprise_id: string;
  enterprise_name: string | null;
  event_type: string;
  event_day: string;
  notice_day: string;
  appeal_deadline: string;
  text: string;
  facts: unknown;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

const COLUMNS = `n.id::text AS id, n.event_id, n.enterprise_id, e.name AS enterprise_name, n.event_type, to_char(n.event_day, 'YYYY-MM-DD') AS event_day,
  to_char(n.notice_day, 'YYYY-MM-DD') AS notice_day, to_char(n.appeal_deadline, 'YYYY-MM-DD') AS appeal_deadline, n.text, n.facts, n.created_at,
  n.acknowledged_at, n.acknowledged_by`;

@Injectable()
export class CreditNoticeRepository {
  /**
   * Takes up to `limit` queued enforcement events (locked: another instance skips them) with what a
   * notice needs; `wanted` is false where none is due — another type, an inspection without a
   * violation, a void already stored, or a notice already written.
   */
  async takeQueued(q: Queryable, limit: number): Promise<QueuedEventRow[]> {
    return q.query<QueuedEventRow>(
      'notices.take_queued',
      `WITH queued AS (
         SELECT event_id, enterprise_id, occurred_at FROM enforcement_event_queue
          ORDER BY queued_at, event_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       SELECT q.event_id, q.enterprise_id, ev.type, to_char(ev.event_day, 'YYYY-MM-DD') AS event_day, ev.body -> 'data' AS data,
              en.name AS enterprise_name,
              (ev.event_id IS NOT NULL AND ev.type = ANY($2::text[])
                AND (ev.type <> 'enforcement.inspection' OR ev.body -> 'data' ->> 'result' = 'violation_found')
                AND NOT EXISTS (SELECT 1 FROM credit_notices n WHERE n.event_id = q.event_id)
                AND NOT EXISTS (SELECT 1 FROM events v WHERE v.type = 'enforcement.voided' AND v.enterprise_id = q.enterprise_id
                                                         AND v.body -> 'data' ->> 'targetEventId' = q.event_id)) AS wanted
         FROM queued q
         LEFT JOIN events ev ON ev.enterprise_id = q.enterprise_id AND ev.occurred_at = q.occurred_at AND ev.event_id = q.event_id
         LEFT JOIN enterprises en ON en.uscc = q.enterprise_id`,
      [limit, NOTICE_EVENT_TYPES],
    );
  }

  async dequeue(q: Queryable, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await q.query('notices.dequeue', 'DELETE FROM enforcement_event_queue WHERE event_id = ANY($1::text[])', [eventIds]);
  }

  /**
   * For each (enterprise, event, day): the revisions of the enterprise's days from `day` on that
   * mention the event (as cause or in effects), and the day's own revisions — one statement for all.
   */
  async revisionsAround(q: Queryable, targets: readonly { enterpriseId: string; eventId: string; day: string }[]): Promise<Map<string, RevisionRow[]>> {
    const byEvent = new Map<string, RevisionRow[]>(targets.map((t) => [t.eventId, []]));
    if (targets.length === 0) return byEvent;
    const rows = await q.query<RevisionRow & { target_event_id: string }>(
      'notices.revisions_around',
      `SELECT t.event_id AS target_event_id, to_char(r.day, 'YYYY-MM-DD') AS day, r.revision, r.score_tenths, r.stars, r.face, r.effects, r.cause_event_ids
         FROM jsonb_to_recordset($1::jsonb) AS t(enterprise_id text, event_id text, day date)
         JOIN daily_ratings r ON r.enterprise_id = t.enterprise_id AND r.day >= t.day
          AND (r.day = t.day OR t.event_id = ANY(r.cause_event_ids) OR r.effects @> jsonb_build_array(jsonb_build_object('eventId', t.event_id)))
        ORDER BY t.event_id, r.day, r.revision`,
      [JSON.stringify(targets.map((t) => ({ enterprise_id: t.enterpriseId, event_id: t.eventId, day: t.day })))],
    );
    for (const { target_event_id, ...r } of rows) byEvent.get(target_event_id)!.push(r);
    return byEvent;
  }

  /** Reserves notice ids (they number the notices: GZ-year-000123), in order. */
  async reserveIds(q: Queryable, count: number): Promise<number[]> {
    if (count === 0) return [];
    const rows = await q.query<{ id: string }>(
      'notices.reserve_ids',
      `SELECT nextval(pg_get_serial_sequence('credit_notices', 'id'))::text AS id FROM generate_series(1, $1::integer)`,
      [count],
    );
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  /** Inserts the notices; one already written for an event (another instance was first) is kept. */
  async insert(q: Queryable, notices: readonly NewNotice[]): Promise<void> {
    if (notices.length === 0) return;
    await q.query(
      'notices.insert',
      `INSERT INTO credit_notices (id, event_id, enterprise_id, event_type, event_day, notice_day, appeal_deadline, text, facts)
       SELECT id, event_id, enterprise_id, event_type, event_day, notice_day, appeal_deadline, text, facts
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, event_id text, enterprise_id text, event_type text, event_day date, notice_day date,
                                                 appeal_deadline date, text text, facts jsonb)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        JSON.stringify(
          notices.map((n) => ({
            id: n.id,
            event_id: n.eventId,
            enterprise_id: n.enterpriseId,
            event_type: n.eventType,
            event_day: n.eventDay,
            notice_day: n.noticeDay,
            appeal_deadline: n.appealDeadline,
            text: n.text,
            facts: n.facts,
          })),
        ),
      ],
    );
  }

  /** Newest first; `beforeId` pages on (the exports walk every notice). */
  async list(q: Queryable, filter: { enterpriseId: string | null; unacknowledged: boolean; scope?: RegionScope; beforeId?: string | null }, limit: number): Promise<NoticeRow[]> {
    return q.query<NoticeRow>(
      'notices.list',
      `SELECT ${COLUMNS} FROM credit_notices n LEFT JOIN enterprises e ON e.uscc = n.enterprise_id
        WHERE ($1::text IS NULL OR n.enterprise_id = $1) AND (NOT $2 OR n.acknowledged_at IS NULL) AND ${regionScopeSql('e.region_code', 4)}
          AND ($5::bigint IS NULL OR n.id < $5::bigint)
        ORDER BY n.id DESC LIMIT $3`,
      [filter.enterpriseId, filter.unacknowledged, limit, scopePatterns(filter.scope ?? null), filter.beforeId ?? null],
    );
  }

  /** Null when unknown or outside `scope`. */
  async find(q: Queryable, id: string, scope: RegionScope = null): Promise<NoticeRow | null> {
    const rows = await q.query<NoticeRow>(
      'notices.find',
      `SELECT ${COLUMNS} FROM credit_notices n LEFT JOIN enterprises e ON e.uscc = n.enterprise_id WHERE n.id = $1::bigint AND ${regionScopeSql('e.region_code', 2)}`,
      [id, scopePatterns(scope)],
    );
    return rows[0] ?? null;
  }

  async findByEvent(q: Queryable, eventId: string): Promise<NoticeRow | null> {
    const rows = await q.query<NoticeRow>('notices.find_by_event', `SELECT ${COLUMNS} FROM credit_notices n LEFT JOIN enterprises e ON e.uscc = n.enterprise_id WHERE n.event_id = $1`, [eventId]);
    return rows[0] ?? null;
  }

  /** Records the receipt once; false when it was already acknowledged. */
  async acknowledge(q: Queryable, id: string, enterpriseId: string, by: string): Promise<boolean> {
    const rows = await q.query<{ id: string }>(
      'notices.acknowledge',
      `UPDATE credit_notices SET acknowledged_at = now(), acknowledged_by = $3
        WHERE id = $1::bigint AND enterprise_id = $2 AND acknowledged_at IS NULL RETURNING id::text AS id`,
      [id, enterpriseId, by],
    );
    return rows.length === 1;
  }
}
