import type { Queryable } from '../../platform/db/database.service';

/** An enterprise and the first day whose lists are recomputed (days as epoch days in SQL: date − 1970-01-01). */
export interface ListTarget {
  id: string;
  from: number;
}

export interface WindowRatingRow {
  enterprise_id: string;
  day: number;
  stars: number;
  veto: boolean;
  score_tenths: number;
  e4: boolean;
}

export interface RunRow {
  list: string;
  enterprise_id: string;
  from_day: number;
  to_day: number | null;
}

const targetsJson = (targets: readonly ListTarget[]): string => JSON.stringify(targets.map((t) => ({ id: t.id, from_day: t.from })));
/** The targets as a relation: the from day back to a date. */
const TARGETS = `(SELECT t.id, DATE '1970-01-01' + t.from_day AS from_day FROM jsonb_to_recordset($1::jsonb) AS t(id text, from_day integer))`;

/** SQL of the credit-list runs (list_memberships). Plain class: built by the scoring module's factory. */
export class ListMembershipRepository {
  /** Latest revision of every rated day in [from − 7, today] per target (the rest comes from the stored red run). */
  async ratingsWindow(q: Queryable, targets: readonly ListTarget[], today: number): Promise<WindowRatingRow[]> {
    return q.query<WindowRatingRow>(
      'lists.ratings_window',
      `SELECT DISTINCT ON (r.enterprise_id, r.day) r.enterprise_id, (r.day - DATE '1970-01-01') AS day, r.stars, r.veto, r.score_tenths,
              r.effects @> '[{"indicator":"E4"}]'::jsonb AS e4
         FROM ${TARGETS} t
         JOIN daily_ratings r ON r.enterprise_id = t.id AND r.day >= t.from_day - 7 AND r.day <= DATE '1970-01-01' + $2::integer
        ORDER BY r.enterprise_id, r.day, r.revision DESC`,
      [targetsJson(targets), today],
    );
  }

  async industries(q: Queryable, ids: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await q.query<{ uscc: string; industry_code: string | null }>('lists.industries', 'SELECT uscc, industry_code FROM enterprises WHERE uscc = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.uscc, r.industry_code]));
  }

  /** Runs that touch from − 1 or later: the ones a recompute from `from` may rewrite. */
  async touchingRuns(q: Queryable, targets: readonly ListTarget[]): Promise<RunRow[]> {
    return q.query<RunRow>(
      'lists.touching_runs',
      `SELECT m.list, m.enterprise_id, (m.from_day - DATE '1970-01-01') AS from_day, (m.to_day - DATE '1970-01-01') AS to_day
         FROM ${TARGETS} t
         JOIN list_memberships m ON m.enterprise_id = t.id AND (m.to_day IS NULL OR m.to_day >= t.from_day - 1)`,
      [targetsJson(targets)],
    );
  }

  /** Replaces the touching runs of these targets with the given runs (to_day null = open). */
  async replaceRuns(q: Queryable, targets: readonly ListTarget[], runs: readonly RunRow[]): Promise<void> {
    if (targets.length === 0) return;
    await q.query(
      'lists.delete_touching',
      `DELETE FROM list_memberships m USING ${TARGETS} t
        WHERE m.enterprise_id = t.id AND (m.to_day IS NULL OR m.to_day >= t.from_day - 1)`,
      [targetsJson(targets)],
    );
    if (runs.length === 0) return;
    await q.query(
      'lists.insert_runs',
      `INSERT INTO list_memberships (list, enterprise_id, from_day, to_day)
       SELECT r.list, r.enterprise_id, DATE '1970-01-01' + r.from_day, DATE '1970-01-01' + r.to_day
         FROM jsonb_to_recordset($1::jsonb) AS r(list text, enterprise_id text, from_day integer, to_day integer)`,
      [JSON.stringify(runs)],
    );
  }

  /**
   * Of these enterprises whose rating of `day` was copied from the day before, those whose lists can
   * still change on `day`: a 5★ run reaching 30 or 180 days (incentive, exempt), a ≤ 2★ day that
   * may complete 7 (priority), or a warning whose latest star drop (enterprises.last_drop_day, kept by
   * the scorer) was on day − 7 and so ages out today. A copied day has yesterday's score, stars, veto
   * and effects, so nothing else can move.
   */
  async mayChangeOnNewDay(q: Queryable, ids: readonly string[], day: number): Promise<string[]> {
    const rows = await q.query<{ enterprise_id: string }>(
      'lists.may_change_on_new_day',
      `SELECT m.enterprise_id FROM list_memberships m
        WHERE m.enterprise_id = ANY($1::text[]) AND m.to_day IS NULL
          AND ((m.list = 'red' AND m.from_day IN (DATE '1970-01-01' + $2::integer - 29, DATE '1970-01-01' + $2::integer - 179))
               OR (m.list = 'warning' AND EXISTS (SELECT 1 FROM enterprises e
                                                    WHERE e.uscc = m.enterprise_id AND e.last_drop_day = DATE '1970-01-01' + $2::integer - 7)))
       UNION
       SELECT r.enterprise_id FROM daily_ratings r
        WHERE r.enterprise_id = ANY($1::text[]) AND r.day = DATE '1970-01-01' + $2::integer AND r.stars <= 2
          AND NOT EXISTS (SELECT 1 FROM list_memberships p
                           WHERE p.enterprise_id = r.enterprise_id AND p.list = 'priority' AND p.to_day IS NULL)`,
      [ids, day],
    );
    return rows.map((r) => r.enterprise_id);
  }

  /** Locks the enterprises' ledger rows (the scorer's lock), sorted, for a recompute outside a scorer batch. */
  async lock(q: Queryable, ids: readonly string[]): Promise<string[]> {
    const rows = await q.query<{ uscc: string }>(
      'lists.lock',
      'SELECT uscc FROM enterprise_ledgers WHERE uscc = ANY($1::text[]) ORDER BY uscc FOR UPDATE',
      [ids],
    );
    return rows.map((r) => r.uscc);
  }

  async backfillPending(q: Queryable): Promise<boolean> {
    const rows = await q.query<{ value: string }>('lists.backfill_state', `SELECT value FROM app_settings WHERE key = 'lists_backfill'`);
    return rows[0]?.value === 'pending';
  }

  async markBackfilled(q: Queryable): Promise<void> {
    await q.query('lists.backfill_done', `UPDATE app_settings SET value = 'done' WHERE key = 'lists_backfill'`);
  }

  /** Every enterprise with ratings and its first rated day (the one-off backfill of existing databases). */
  async enterprisesAfter(q: Queryable, after: string, limit: number): Promise<{ uscc: string; first_day: number }[]> {
    return q.query<{ uscc: string; first_day: number }>(
      'lists.enterprises_after',
      `SELECT uscc, (first_day - DATE '1970-01-01') AS first_day FROM enterprises WHERE uscc > $1 ORDER BY uscc LIMIT $2`,
      [after, limit],
    );
  }
}
