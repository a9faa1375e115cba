import type { Criteria, Face, Grade, RatingColour, StarLevel, StoredEffect } from '@envface/streams';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';

export interface NewRatingRow {
  enterpriseId: string;
  day: string;
  revision: number;
  scoreTenths: number;
  stars: StarLevel;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  criteria: Criteria;
  bonus: number;
  effects: StoredEffect[];
  causeEventIds: string[];
}

/** A change of the number of enterprises with `stars` on `day` (the trend's daily star counts). */
export interface DayCountDelta {
  day: string;
  stars: StarLevel;
  delta: number;
}

export interface DayRangeRow {
  enterpriseId: string;
  from: string;
  to: string;
}

const COLUMNS = `enterprise_id, day::text AS day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects,
  cause_event_ids, recorded_at`;

/** Daily ratings: append-only; the latest revision of a day is its rating. */
@Injectable()
export class RatingRepository {
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

  /**
   * The latest revision of one day for many enterprises (the rollover): one range scan of the
   * (day, enterprise) index instead of a probe per enterprise — a new day usually has no rows yet.
   */
  async latestOfDay(q: Queryable, enterpriseIds: readonly string[], day: string): Promise<StoredRatingRow[]> {
    if (enterpriseIds.length === 0) return [];
    return q.query<StoredRatingRow>(
      'ratings.latest_of_day',
      `SELECT DISTINCT ON (enterprise_id) ${COLUMNS} FROM daily_ratings
       WHERE day = $2::date AND enterprise_id = ANY($1::text[])
       ORDER BY enterprise_id, revision DESC`,
      [enterpriseIds, day],
    );
  }

  async insert(q: Queryable, rows: readonly NewRatingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'ratings.insert',
      // One JSON document, not jsonb[] parameters (node-postgres escapes those element by element).
      `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects, cause_event_ids)
       SELECT e, d, r, s, st, f, c, g, v, cr, b, ef, ARRAY(SELECT jsonb_array_elements_text(ca))
       FROM jsonb_to_recordset($1::jsonb) AS x(e text, d date, r int, s int, st smallint, f text, c text, g text, v bool, cr jsonb, b smallint,
         ef jsonb, ca jsonb)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            e: r.enterpriseId, d: r.day, r: r.revision, s: r.scoreTenths, st: r.stars, f: r.face, c: r.colour, g: r.grade, v: r.veto,
            cr: r.criteria, b: r.bonus, ef: r.effects, ca: r.causeEventIds,
          })),
        ),
      ],
    );
  }

  /**
   * Appends the trend's star-count changes of this transaction (rating_day_count_deltas, insert-only:
   * concurrent scorers never wait on each other; the read side folds them into rating_day_counts).
   * Summed per day and star level; zero sums are not written.
   */
  async addDayCountDeltas(q: Queryable, deltas: readonly DayCountDelta[]): Promise<void> {
    const sums = new Map<string, DayCountDelta>();
    for (const d of deltas) {
      const key = `${d.day}|${d.stars}`;
      const held = sums.get(key);
      if (held) held.delta += d.delta;
      else sums.set(key, { ...d });
    }
    const rows = [...sums.values()].filter((d) => d.delta !== 0);
    if (rows.length === 0) return;
    await q.query(
      'ratings.add_day_count_deltas',
      `INSERT INTO rating_day_count_deltas (day, stars, delta) SELECT * FROM unnest($1::date[], $2::smallint[], $3::int[])`,
      [rows.map((r) => r.day), rows.map((r) => r.stars), rows.map((r) => r.delta)],
    );
  }

  /**
   * The nightly rollover's fast path, one statement: each given enterprise (the caller holds its
   * ledger row lock, knows nothing can change on `day` and that its current rating is the previous
   * day's) gets the previous day's rating as `day`'s first revision and its current rating moved to
   * `day` (streak carried). Skipped, for the caller to evaluate: a row for `day` already stored
   * (ON CONFLICT: a probe of the key being inserted anyway), no previous day's rating. The change
   * is announced by ONE outbox row (kind ratings_copy) that the drainer expands from daily_ratings,
   * and the copied rows are added to the trend's star counts of `day`.
   */
  async copyPreviousDay(q: Queryable, enterpriseIds: readonly string[], day: string, at: string): Promise<{ copied: string[]; outboxIds: string[] }> {
    if (enterpriseIds.length === 0) return { copied: [], outboxIds: [] };
    const rows = await q.query<{ copied: string[] | null; outbox_ids: string[] | null }>(
      'ratings.copy_previous_day',
      `WITH prev AS (
         SELECT DISTINCT ON (d.enterprise_id) d.enterprise_id, d.score_tenths, d.stars, d.face, d.colour, d.grade, d.veto, d.criteria,
           d.bonus, d.effects
         FROM daily_ratings d
         WHERE d.day = $2::date - 1 AND d.enterprise_id = ANY($1::text[])
         ORDER BY d.enterprise_id, d.revision DESC),
       ins AS (
         INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects, cause_event_ids)
         SELECT p.enterprise_id, $2::date, 1, p.score_tenths, p.stars, p.face, p.colour, p.grade, p.veto, p.criteria, p.bonus, p.effects, '{}'
         FROM prev p
         ORDER BY p.enterprise_id
         ON CONFLICT DO NOTHING
         RETURNING enterprise_id, stars),
       cur AS (
         UPDATE enterprises e SET rated_day = $2::date, streak = CASE WHEN i.stars = 5 THEN e.streak + 1 ELSE 0 END, updated_at = now()
         FROM ins i WHERE e.uscc = i.enterprise_id),
       msg AS (
         INSERT INTO outbox (kind, key, payload)
         SELECT 'ratings_copy', NULL, jsonb_build_object('day', $2::date::text, 'at', $3::text,
           'enterpriseIds', (SELECT jsonb_agg(enterprise_id ORDER BY enterprise_id) FROM ins),
           'starCounts', (SELECT jsonb_object_agg(stars, n) FROM (SELECT stars, count(*) AS n FROM ins GROUP BY stars) c))
         WHERE EXISTS (SELECT 1 FROM ins)
         RETURNING id),
       counts AS (
         INSERT INTO rating_day_count_deltas (day, stars, delta)
         SELECT $2::date, stars, count(*)::int FROM ins GROUP BY stars)
       SELECT (SELECT array_agg(enterprise_id) FROM ins) AS copied, (SELECT array_agg(id::text) FROM msg) AS outbox_ids`,
      [enterpriseIds, day, at],
    );
    return { copied: rows[0]?.copied ?? [], outboxIds: rows[0]?.outbox_ids ?? [] };
  }
}
