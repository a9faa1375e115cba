import { Injectable } from '@nestjs/common';
import type { Face, Grade, RatingColour, StarLevel } from '@envface/streams';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';

export interface OverviewTotalsRow {
  total: number;
  rated: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  smile: number;
  neutral: number;
  cry: number;
  vetoes: number;
}

export interface BreakdownRow {
  dimension: 'region' | 'industry';
  key: string | null;
  stars: StarLevel;
  n: number;
}

export interface DayStarCountRow {
  day: string;
  stars: StarLevel;
  n: number;
}

/** A revision of daily_ratings with the enterprise's name and the day's previous revision. */
export interface RecentChangeRow
  extends Pick<StoredRatingRow, 'enterprise_id' | 'day' | 'revision' | 'score_tenths' | 'stars' | 'face' | 'colour' | 'grade' | 'veto' | 'cause_event_ids' | 'recorded_at'> {
  name: string | null;
  previous_score_tenths: number | null;
  previous_stars: StarLevel | null;
}

/** Thresholds (tenths) per rule profile, the default one with prefix ''. */
export interface ProfileThresholds {
  prefixes: string[];
  two: number[];
  three: number[];
  four: number[];
  five: number[];
}

export interface WarningCandidateRow {
  uscc: string;
  name: string | null;
  region_code: string | null;
  industry_code: string | null;
  score_tenths: number;
  stars: StarLevel;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  near: boolean;
  drop_day: string | null;
  overdue: boolean;
  total: number;
}

// Any constant works; it only has to be the same for every instance.
const FOLD_LOCK_KEY = 0x656e7663; // "envc"

/** SQL of the dashboard statistics (one method per query). */
@Injectable()
export class StatsRepository {
  /** Current ratings of all enterprises in one pass. */
  async overviewTotals(q: Queryable, scope: RegionScope = null): Promise<OverviewTotalsRow> {
    const rows = await q.query<OverviewTotalsRow>(
      'stats.overview_totals',
      `SELECT count(*)::int AS total, count(stars)::int AS rated,
         count(*) FILTER (WHERE stars = 1)::int AS s1, count(*) FILTER (WHERE stars = 2)::int AS s2,
         count(*) FILTER (WHERE stars = 3)::int AS s3, count(*) FILTER (WHERE stars = 4)::int AS s4,
         count(*) FILTER (WHERE stars = 5)::int AS s5,
         count(*) FILTER (WHERE face = 'smile')::int AS smile, count(*) FILTER (WHERE face = 'neutral')::int AS neutral,
         count(*) FILTER (WHERE face = 'cry')::int AS cry,
         count(*) FILTER (WHERE veto)::int AS vetoes
       FROM enterprises WHERE ${regionScopeSql('region_code', 1)}`,
      [scopePatterns(scope)],
    );
    return rows[0]!;
  }

  /** Rated enterprises by region × stars and by industry × stars, in one scan. */
  async breakdowns(q: Queryable, scope: RegionScope = null): Promise<BreakdownRow[]> {
    return q.query<BreakdownRow>(
      'stats.breakdowns',
      `SELECT CASE WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'industry' END AS dimension,
         CASE WHEN GROUPING(region_code) = 0 THEN region_code::text ELSE industry_code END AS key,
         stars, count(*)::int AS n
       FROM enterprises WHERE stars IS NOT NULL AND ${regionScopeSql('region_code', 1)}
       GROUP BY GROUPING SETS ((region_code, stars), (industry_code, stars))`,
      [scopePatterns(scope)],
    );
  }

  /** Enterprises rated on both days whose latest ratings differ in stars, up and down. */
  async starChanges(q: Queryable, day: string, previousDay: string, scope: RegionScope = null): Promise<{ upgrades: number; downgrades: number }> {
    const rows = await q.query<{ upgrades: number; downgrades: number }>(
      'stats.star_changes',
      `WITH t AS (SELECT DISTINCT ON (enterprise_id) enterprise_id, stars FROM daily_ratings WHERE day = $1::date ORDER BY enterprise_id, revision DESC),
            y AS (SELECT DISTINCT ON (enterprise_id) enterprise_id, stars FROM daily_ratings WHERE day = $2::date ORDER BY enterprise_id, revision DESC)
       SELECT count(*) FILTER (WHERE t.stars > y.stars)::int AS upgrades, count(*) FILTER (WHERE t.stars < y.stars)::int AS downgrades
       FROM t JOIN y USING (enterprise_id)
       WHERE $3::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = t.enterprise_id AND ${regionScopeSql('e.region_code', 3)})`,
      [day, previousDay, scopePatterns(scope)],
    );
    return rows[0] ?? { upgrades: 0, downgrades: 0 };
  }

  /** Events accepted (stored once) in the last `minutes`, by the database clock that stamped them. */
  async eventsAcceptedSince(q: Queryable, minutes: number): Promise<number> {
    const rows = await q.query<{ n: number }>(
      'stats.events_accepted_since',
      'SELECT count(*)::int AS n FROM event_ids WHERE accepted_at > now() - make_interval(mins => $1)',
      [minutes],
    );
    return rows[0]?.n ?? 0;
  }

  /** Latest-revision star counts per day: folded totals plus the deltas not folded yet. */
  async dayStarCounts(q: Queryable, from: string, to: string): Promise<DayStarCountRow[]> {
    return q.query<DayStarCountRow>(
      'stats.day_star_counts',
      `SELECT day::text AS day, stars, sum(n)::int AS n
       FROM (SELECT day, stars, n FROM rating_day_counts WHERE day BETWEEN $1::date AND $2::date
             UNION ALL
             SELECT day, stars, delta FROM rating_day_count_deltas WHERE day BETWEEN $1::date AND $2::date) c
       GROUP BY day, stars
       ORDER BY day, stars`,
      [from, to],
    );
  }

  /** The same counts computed from daily_ratings itself (slow at scale; for checking the rollup). */
  async dayStarCountsFromRatings(q: Queryable, from: string, to: string, scope: RegionScope = null): Promise<DayStarCountRow[]> {
    return q.query<DayStarCountRow>(
      'stats.day_star_counts_from_ratings',
      `SELECT day::text AS day, stars, count(*)::int AS n
       FROM (SELECT DISTINCT ON (day, enterprise_id) day, stars FROM daily_ratings r WHERE day BETWEEN $1::date AND $2::date
               AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = r.enterprise_id AND ${regionScopeSql('e.region_code', 3)}))
             ORDER BY day, enterprise_id, revision DESC) latest
       GROUP BY day, stars
       ORDER BY day, stars`,
      [from, to, scopePatterns(scope)],
    );
  }

  /** true when this transaction may fold deltas (one folder at a time across instances; the others skip). */
  async tryFoldLock(tx: Queryable): Promise<boolean> {
    const rows = await tx.query<{ locked: boolean }>('stats.fold_lock', 'SELECT pg_try_advisory_xact_lock($1) AS locked', [FOLD_LOCK_KEY]);
    return rows[0]?.locked === true;
  }

  /** Moves every visible delta into the totals in one statement; returns how many deltas were folded. */
  async foldDeltas(tx: Queryable): Promise<number> {
    const rows = await tx.query<{ n: number }>(
      'stats.fold_deltas',
      `WITH moved AS (DELETE FROM rating_day_count_deltas RETURNING day, stars, delta),
            summed AS (SELECT day, stars, sum(delta)::bigint AS n, count(*) AS c FROM moved GROUP BY day, stars),
            folded AS (
              INSERT INTO rating_day_counts (day, stars, n)
              SELECT day, stars, n FROM summed ORDER BY day, stars
              ON CONFLICT (day, stars) DO UPDATE SET n = rating_day_counts.n + EXCLUDED.n)
       SELECT COALESCE(sum(c), 0)::int AS n FROM summed`,
    );
    return rows[0]?.n ?? 0;
  }

  /** The latest rating revisions, each with the revision it replaced (null for a day's first). */
  async recentChanges(q: Queryable, limit: number, scope: RegionScope = null): Promise<RecentChangeRow[]> {
    return q.query<RecentChangeRow>(
      'stats.recent_changes',
      `SELECT d.enterprise_id, e.name, d.day::text AS day, d.revision, d.score_tenths, d.stars, d.face, d.colour, d.grade, d.veto,
         d.cause_event_ids, d.recorded_at, p.score_tenths AS previous_score_tenths, p.stars AS previous_stars
       FROM (SELECT enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, cause_event_ids, recorded_at
             FROM daily_ratings r
             WHERE $2::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = r.enterprise_id AND ${regionScopeSql('e.region_code', 2)})
             ORDER BY recorded_at DESC, enterprise_id, day DESC, revision DESC LIMIT $1) d
       LEFT JOIN daily_ratings p ON p.enterprise_id = d.enterprise_id AND p.day = d.day AND p.revision = d.revision - 1
       LEFT JOIN enterprises e ON e.uscc = d.enterprise_id
       ORDER BY d.recorded_at DESC, d.enterprise_id, d.day DESC, d.revision DESC`,
      [limit, scopePatterns(scope)],
    );
  }

  /**
   * Enterprises rated today with an early warning (the engine's rules, scoring-model §8): score within
   * 2.0 points above its band's threshold (no veto, above 1 star), stars lower than the day before on
   * some day of the last 7, or an overdue rectification order (E4) in today's effects. Most severe
   * first: overdue orders, then star drops (latest first), then by score.
   */
  async warningCandidates(q: Queryable, day: string, profiles: ProfileThresholds, limit: number, scope: RegionScope = null): Promise<WarningCandidateRow[]> {
    return q.query<WarningCandidateRow>(
      'stats.warning_candidates',
      `WITH profile AS (
         SELECT * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[]) AS p(prefix, two, three, four, five)),
       near AS (
         SELECT e.uscc
         FROM enterprises e
         CROSS JOIN LATERAL (SELECT p.two, p.three, p.four, p.five FROM profile p
                             WHERE COALESCE(e.industry_code, '') LIKE p.prefix || '%' ORDER BY length(p.prefix) DESC LIMIT 1) t
         WHERE e.rated_day = $1::date AND NOT e.veto AND e.stars > 1
           AND e.score_tenths - CASE e.stars WHEN 5 THEN t.five WHEN 4 THEN t.four WHEN 3 THEN t.three ELSE t.two END <= 20),
       -- Kept by the scorer with every rating change (enterprises.last_drop_day).
       drops AS (
         SELECT e.uscc AS enterprise_id, e.last_drop_day AS drop_day
         FROM enterprises e
         WHERE e.last_drop_day BETWEEN $1::date - 6 AND $1::date),
       overdue AS (
         SELECT o.enterprise_id
         FROM daily_ratings o
         WHERE o.day = $1::date AND o.effects @> '[{"indicator":"E4"}]'
           AND NOT EXISTS (SELECT 1 FROM daily_ratings n WHERE n.enterprise_id = o.enterprise_id AND n.day = o.day AND n.revision > o.revision)),
       flagged AS (
         SELECT e.uscc, e.name, e.region_code::text AS region_code, e.industry_code, e.score_tenths, e.stars, e.face, e.colour, e.grade, e.veto,
           (nr.uscc IS NOT NULL) AS near, d.drop_day::text AS drop_day, (o.enterprise_id IS NOT NULL) AS overdue
         FROM enterprises e
         LEFT JOIN near nr ON nr.uscc = e.uscc
         LEFT JOIN drops d ON d.enterprise_id = e.uscc
         LEFT JOIN overdue o ON o.enterprise_id = e.uscc
         WHERE e.rated_day = $1::date AND (nr.uscc IS NOT NULL OR d.enterprise_id IS NOT NULL OR o.enterprise_id IS NOT NULL)
           AND ${regionScopeSql('e.region_code', 8)})
       SELECT *, (count(*) OVER ())::int AS total
       FROM flagged
       ORDER BY overdue DESC, drop_day DESC NULLS LAST, score_tenths, uscc
       LIMIT $7`,
      [day, profiles.prefixes, profiles.two, profiles.three, profiles.four, profiles.five, limit, scopePatterns(scope)],
    );
  }
}
