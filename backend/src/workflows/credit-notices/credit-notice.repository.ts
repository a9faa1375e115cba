import { Injectable } from '@nestjs/common';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

export const NOTICE_EVENT_TYPES = ['enforcement.penalty', 'enforcement.inspection', 'enforcement.rectification_order', 'enforcement.complaint_verified'];

export interface NoticeCandidateRow {
  event_id: string;
  enterprise_id: string;
  type: string;
  event_day: string;
  data: Record<string, unknown>;
  accepted_at: Date;
  enterprise_name: string | null;
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
   * Accepted events that call for a notice and have none yet, accepted after `since` (event_ids has a
   * BRIN index on accepted_at); a void already stored means no notice.
   */
  async candidates(q: Queryable, since: Date, limit: number): Promise<NoticeCandidateRow[]> {
    return q.query<NoticeCandidateRow>(
      'notices.candidates',
      `SELECT ev.event_id, ev.enterprise_id, ev.type, to_char(ev.event_day, 'YYYY-MM-DD') AS event_day, ev.body -> 'data' AS data, i.accepted_at,
              en.name AS enterprise_name
         FROM event_ids i
         JOIN events ev ON ev.event_id = i.event_id AND ev.enterprise_id = i.enterprise_id AND ev.occurred_at = i.occurred_at
         LEFT JOIN enterprises en ON en.uscc = ev.enterprise_id
        WHERE i.accepted_at > $1 AND ev.type = ANY($2::text[])
          AND (ev.type <> 'enforcement.inspection' OR ev.body -> 'data' ->> 'result' = 'violation_found')
          AND NOT EXISTS (SELECT 1 FROM credit_notices n WHERE n.event_id = ev.event_id)
          AND NOT EXISTS (SELECT 1 FROM events v WHERE v.type = 'enforcement.voided' AND v.enterprise_id = ev.enterprise_id
                                                   AND v.body -> 'data' ->> 'targetEventId' = ev.event_id)
        ORDER BY i.accepted_at, ev.event_id
        LIMIT $3`,
      [since, NOTICE_EVENT_TYPES, limit],
    );
  }

  /** All revisions of the enterprise's days from `day` on that mention the event (as cause or in effects), and the day's own revisions. */
  async revisionsAround(q: Queryable, enterpriseId: string, eventId: string, day: string): Promise<RevisionRow[]> {
    return q.query<RevisionRow>(
      'notices.revisions_around',
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, revision, score_tenths, stars, face, effects, cause_event_ids
         FROM daily_ratings
        WHERE enterprise_id = $1 AND day >= $3::date
          AND (day = $3::date OR $2 = ANY(cause_event_ids) OR effects @> jsonb_build_array(jsonb_build_object('eventId', $2::text)))
        ORDER BY day, revision`,
      [enterpriseId, eventId, day],
    );
  }

  /** The database's clock (accepted_at is written with it; the app's clock may be fixed in tests). */
  async now(q: Queryable): Promise<Date> {
    const rows = await q.query<{ now: Date }>('notices.now', 'SELECT now() AS now');
    return rows[0]!.now;
  }

  /** Inserts unless a notice for the event exists (another instance was first). */
  async insert(q: Queryable, n: { eventId: string; enterpriseId: string; eventType: string; eventDay: string; noticeDay: string; appealDeadline: string; text: string; facts: unknown }): Promise<void> {
    await q.query(
      'notices.insert',
      `INSERT INTO credit_notices (event_id, enterprise_id, event_type, event_day, notice_day, appeal_deadline, text, facts)
       VALUES ($1, $2, $3, $4::date, $5::date, $6::date, $7, $8::jsonb) ON CONFLICT (event_id) DO NOTHING`,
      [n.eventId, n.enterpriseId, n.eventType, n.eventDay, n.noticeDay, n.appealDeadline, n.text, JSON.stringify(n.facts)],
    );
  }

  async nextNumber(q: Queryable): Promise<number> {
    const rows = await q.query<{ n: string }>('notices.next_number', `SELECT (coalesce(max(id), 0) + 1)::text AS n FROM credit_notices`);
    return Number(rows[0]!.n);
  }

  async list(q: Queryable, filter: { enterpriseId: string | null; unacknowledged: boolean; scope?: RegionScope }, limit: number): Promise<NoticeRow[]> {
    return q.query<NoticeRow>(
      'notices.list',
      `SELECT ${COLUMNS} FROM credit_notices n LEFT JOIN enterprises e ON e.uscc = n.enterprise_id
        WHERE ($1::text IS NULL OR n.enterprise_id = $1) AND (NOT $2 OR n.acknowledged_at IS NULL) AND ${regionScopeSql('e.region_code', 4)}
        ORDER BY n.id DESC LIMIT $3`,
      [filter.enterpriseId, filter.unacknowledged, limit, scopePatterns(filter.scope ?? null)],
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
