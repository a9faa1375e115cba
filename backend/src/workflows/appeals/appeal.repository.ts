import { Injectable } from '@nestjs/common';
import type { AppealStatus } from '@envface/streams';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

export type { AppealStatus };

export interface AppealRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string | null;
  event_id: string;
  event_type: string | null;
  event_day: string | null;
  reasons: string;
  status: AppealStatus;
  decision_reason: string | null;
  decided_at: Date | null;
  void_event_id: string | null;
  created_at: Date;
  /** the appealed event's data, for its sentence */
  event_data: Record<string, unknown> | null;
  /** a verified complaint's report (complaint_verified events only) */
  complaint_id: string | null;
  complaint_category: string | null;
  complaint_text: string | null;
  complaint_has_photo: boolean | null;
}

export interface AppealFilter {
  status: AppealStatus | null;
  /** required for enterprise accounts (their own), optional for staff */
  enterpriseId: string | null;
  limit: number;
  afterId: string | null;
  /** a scoped inspector's jurisdiction */
  scope?: RegionScope;
}

export interface AppealableEventRow {
  event_id: string;
  type: string;
  event_day: string;
}

const COLUMNS = `a.id::text AS id, a.enterprise_id, e.name AS enterprise_name, a.event_id, ev.type AS event_type,
  ev.event_day::text AS event_day, a.reasons, a.status, a.decision_reason, a.decided_at, a.void_event_id, a.created_at,
  ev.body->'data' AS event_data, c.id::text AS complaint_id, c.category AS complaint_category, c.text AS complaint_text, c.photo IS NOT NULL AS complaint_has_photo`;
const FROM = `appeals a LEFT JOIN enterprises e ON e.uscc = a.enterprise_id
  LEFT JOIN LATERAL (SELECT type, event_day, body FROM events WHERE enterprise_id = a.enterprise_id AND event_id = a.event_id LIMIT 1) ev ON true
  LEFT JOIN complaints c ON ev.type = 'enforcement.complaint_verified' AND c.enterprise_id = a.enterprise_id
    AND c.id::text = substring(ev.body->'data'->>'complaintId' FROM '^CMP-([0-9]{1,18})$')`;

@Injectable()
export class AppealRepository {
  /** The stored event, if it belongs to this enterprise. */
  async findEvent(q: Queryable, enterpriseId: string, eventId: string): Promise<AppealableEventRow | null> {
    const rows = await q.query<AppealableEventRow>(
      'appeals.find_event',
      'SELECT event_id, type, event_day::text AS event_day FROM events WHERE enterprise_id = $1 AND event_id = $2 LIMIT 1',
      [enterpriseId, eventId],
    );
    return rows[0] ?? null;
  }

  async isVoided(q: Queryable, enterpriseId: string, eventId: string): Promise<boolean> {
    const rows = await q.query<{ voided: boolean }>(
      'appeals.is_voided',
      `SELECT EXISTS (SELECT 1 FROM events WHERE enterprise_id = $1 AND type = 'enforcement.voided'
                        AND body->'data'->>'targetEventId' = $2) AS voided`,
      [enterpriseId, eventId],
    );
    return rows[0]?.voided === true;
  }

  /** Null when an appeal of this event is already pending (unique partial index). */
  async insert(q: Queryable, enterpriseId: string, eventId: string, reasons: string, userId: number): Promise<{ id: string } | null> {
    const rows = await q.query<{ id: string }>(
      'appeals.insert',
      `INSERT INTO appeals (enterprise_id, event_id, reasons, submitted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id) WHERE status = 'pending' DO NOTHING RETURNING id::text AS id`,
      [enterpriseId, eventId, reasons, userId],
    );
    return rows[0] ?? null;
  }

  async list(q: Queryable, f: AppealFilter): Promise<AppealRow[]> {
    return q.query<AppealRow>(
      'appeals.list',
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR a.enterprise_id = $2) AND ($4::bigint IS NULL OR a.id > $4)
          AND ${regionScopeSql('e.region_code', 5)}
        ORDER BY a.id LIMIT $3`,
      [f.status, f.enterpriseId, f.limit, f.afterId, scopePatterns(f.scope ?? null)],
    );
  }

  /** Null when unknown or outside `scope`. */
  async find(q: Queryable, id: string, scope: RegionScope = null): Promise<AppealRow | null> {
    const rows = await q.query<AppealRow>('appeals.find', `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1 AND ${regionScopeSql('e.region_code', 2)}`, [id, scopePatterns(scope)]);
    return rows[0] ?? null;
  }

  /** pending → accepted/rejected, once: null when unknown or already decided. */
  async decide(
    q: Queryable,
    id: string,
    status: Exclude<AppealStatus, 'pending'>,
    reason: string | null,
    userId: number,
    voidEventId: string | null,
    scope: RegionScope = null,
  ): Promise<{ enterprise_id: string; event_id: string } | null> {
    const rows = await q.query<{ enterprise_id: string; event_id: string }>(
      'appeals.decide',
      `UPDATE appeals a SET status = $2, decision_reason = $3, decided_by = $4, decided_at = now(), void_event_id = $5
        WHERE id = $1 AND status = 'pending'
          AND ($6::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = a.enterprise_id AND ${regionScopeSql('e.region_code', 6)}))
        RETURNING enterprise_id, event_id`,
      [id, status, reason, userId, voidEventId, scopePatterns(scope)],
    );
    return rows[0] ?? null;
  }

  async reopen(q: Queryable, id: string): Promise<void> {
    await q.query(
      'appeals.reopen',
      `UPDATE appeals SET status = 'pending', decision_reason = NULL, decided_by = NULL, decided_at = NULL, void_event_id = NULL WHERE id = $1`,
      [id],
    );
  }
}
