import type { Face, Grade, RatingColour, StarLevel } from '@envface/streams';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';

export interface DayRangeRow {
  enterpriseId: string;
  from: string;
  to: string;
}

export interface EnterpriseRow {
  uscc: string;
  name: string | null;
  registered: boolean;
  region_code: string | null;
  industry_code: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  first_day: string;
  public_token: string;
  rated_day: string | null;
  score_tenths: number | null;
  stars: StarLevel | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  veto: boolean | null;
  streak: number | null;
}

export interface StoredEventRow {
  event_id: string;
  enterprise_id: string;
  type: string;
  occurred_at: Date;
  event_day: string;
  body: unknown;
  source_topic: string | null;
  source_partition: number | null;
  source_offset: string | null;
}

const COLUMNS = `enterprise_id, day::text AS day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects,
  cause_event_ids, recorded_at`;

const ENTERPRISE_COLUMNS = `uscc, name, registered, region_code, industry_code, address, lat, lon, first_day::text AS first_day,
  public_token, rated_day::text AS rated_day, score_tenths, stars, face, colour, grade, veto, streak`;

/**
 * What the read side needs of the tables the pipeline writes (daily_ratings, enterprises, events):
 * stored ratings and their revisions, an enterprise's row, its stored events. Read-only.
 */
@Injectable()
export class RatingReadRepository {
  async latestInRanges(q: Queryable, ranges: readonly DayRangeRow[]): Promise<StoredRatingRow[]> {
    if (ranges.length === 0) return [];
    return q.query<StoredRatingRow>(
      'ratings.latest_in_ranges',
      `SELECT DISTINCT ON (d.enterprise_id, d.day) d.enterprise_id, d.day::text AS day, d.revision, d.score_tenths, d.stars, d.face,
         d.colour, d.grade, d.veto, d.criteria, d.bonus, d.effects, d.cause_event_ids, d.recorded_at
       FROM daily_ratings d
       JOIN unnest($1::text[], $2::date[], $3::date[]) AS r(e, f, t) ON d.enterprise_id = r.e AND d.day BETWEEN r.f AND r.t
       ORDER BY d.enterprise_id, d.day, d.revision DESC`,
      [ranges.map((r) => r.enterpriseId), ranges.map((r) => r.from), ranges.map((r) => r.to)],
    );
  }

  async range(q: Queryable, enterpriseId: string, from: string, to: string): Promise<StoredRatingRow[]> {
    return this.latestInRanges(q, [{ enterpriseId, from, to }]);
  }

  async revisionsOfDay(q: Queryable, enterpriseId: string, day: string): Promise<StoredRatingRow[]> {
    return q.query<StoredRatingRow>(
      'ratings.revisions_of_day',
      `SELECT ${COLUMNS} FROM daily_ratings WHERE enterprise_id = $1 AND day = $2 ORDER BY revision`,
      [enterpriseId, day],
    );
  }

  async find(q: Queryable, uscc: string): Promise<EnterpriseRow | null> {
    const rows = await q.query<EnterpriseRow>('enterprises.find', `SELECT ${ENTERPRISE_COLUMNS} FROM enterprises WHERE uscc = $1`, [uscc]);
    return rows[0] ?? null;
  }

  /** A page of an enterprise's events, newest first; `types` keeps only those types, `skipTypes` leaves those out. */
  async listForEnterprise(
    q: Queryable,
    enterpriseId: string,
    limit: number,
    before: string | null,
    filter: { types?: readonly string[]; skipTypes?: readonly string[] } = {},
  ): Promise<StoredEventRow[]> {
    return q.query<StoredEventRow>(
      'events.list_for_enterprise',
      `SELECT event_id, enterprise_id, type, occurred_at, event_day::text AS event_day, body, source_topic, source_partition, source_offset::text AS source_offset
       FROM events WHERE enterprise_id = $1 AND ($3::timestamptz IS NULL OR occurred_at < $3)
         AND ($4::text[] IS NULL OR type = ANY($4)) AND ($5::text[] IS NULL OR NOT (type = ANY($5)))
       ORDER BY occurred_at DESC, event_id DESC LIMIT $2`,
      [enterpriseId, limit, before, filter.types ?? null, filter.skipTypes ?? null],
    );
  }

  /** How many hourly readings an enterprise has, and how many were above their limit. */
  async readingSummary(q: Queryable, enterpriseId: string): Promise<{ count: number; exceeded: number }> {
    const rows = await q.query<{ count: number; exceeded: number }>(
      'events.reading_summary',
      `SELECT count(*)::int AS count,
              count(*) FILTER (WHERE (body->'data'->>'value')::float8 > (body->'data'->>'limit')::float8)::int AS exceeded
       FROM events WHERE enterprise_id = $1 AND type = 'monitoring.reading'`,
      [enterpriseId],
    );
    return rows[0] ?? { count: 0, exceeded: 0 };
  }

  /**
   * Who sent each event and, for decision events, who decided and why: event_ids.sent_by (HTTP), the
   * Kafka topic, the complaint whose verification emitted it, the appeal whose acceptance voided with it.
   */
  async causesOf(q: Queryable, enterpriseId: string, eventIds: readonly string[]): Promise<RevisionCauseRow[]> {
    if (eventIds.length === 0) return [];
    return q.query<RevisionCauseRow>(
      'ratings.revision_causes',
      `SELECT i.event_id, e.type, i.sent_by, e.source_topic, e.body -> 'data' ->> 'reason' AS event_reason,
              cu.username AS complaint_decider, c.decision_reason AS complaint_reason,
              au.username AS appeal_decider, a.decision_reason AS appeal_reason, wu.username AS workflow_user
         FROM event_ids i
         LEFT JOIN events e ON e.enterprise_id = i.enterprise_id AND e.occurred_at = i.occurred_at AND e.event_id = i.event_id
         LEFT JOIN complaints c ON c.event_id = i.event_id
         LEFT JOIN users cu ON cu.id = c.decided_by
         LEFT JOIN appeals a ON a.void_event_id = i.event_id
         LEFT JOIN users au ON au.id = a.decided_by
         -- registry workflows send as workflow:<what>:<account id>
         LEFT JOIN users wu ON wu.id = (substring(i.sent_by from '^workflow:[^:]+:([0-9]+)$'))::bigint
        WHERE i.event_id = ANY($2::text[]) AND i.enterprise_id = $1`,
      [enterpriseId, eventIds],
    );
  }
}

export interface RevisionCauseRow {
  event_id: string;
  type: string | null;
  sent_by: string | null;
  source_topic: string | null;
  event_reason: string | null;
  complaint_decider: string | null;
  complaint_reason: string | null;
  appeal_decider: string | null;
  appeal_reason: string | null;
  workflow_user: string | null;
}
