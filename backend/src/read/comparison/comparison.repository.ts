import { regionScopeSql } from '../../auth/jurisdiction';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

export interface RegionStarRow {
  region_code: string;
  enterprises: number;
  rated: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  mean_score_tenths: number | null;
}

export interface MapPointRow {
  uscc: string;
  name: string | null;
  region_code: string | null;
  lat: number;
  lon: number;
  stars: number;
  score_tenths: number;
}

export interface PeerSelf {
  uscc: string;
  region_code: string | null;
  industry_code: string | null;
  stars: number | null;
  score_tenths: number | null;
}

/** A peer group: the county (region_code), or an industry class within a city. */
export type PeerGroupKey = { kind: 'region'; regionCode: string } | { kind: 'industry'; city: string; industryClass: string };

export interface PeerCountRow {
  peers: number;
  below: number;
  ties: number;
}

export interface PeerDayRow extends PeerCountRow {
  day: string;
}

export interface FoldedPeerDayRow {
  day: string;
  industry_below: number | null;
  industry_peers: number | null;
  region_below: number | null;
  region_peers: number | null;
}

// Any constant works; it only has to be the same for every instance.
const PEER_FOLD_LOCK_KEY = 0x70656572; // "peer"

export interface QuarterRatingRow {
  quarter_start: string;
  rated_days: number;
  min_stars: number | null;
  mean_stars: number | null;
  smile_days: number;
  neutral_days: number;
  cry_days: number;
}

export interface QuarterEventRow {
  quarter_start: string;
  inspections: number;
  violations: number;
  penalties: number;
  penalty_yuan: number;
  orders: number;
  verified_complaints: number;
  vetoes: number;
}

/** The WHERE clause (on the given alias of enterprises) and parameters of a peer group, from parameter $n on. */
function groupCondition(alias: string, group: PeerGroupKey, n: number): { sql: string; params: string[] } {
  return group.kind === 'region'
    ? { sql: `${alias}.region_code = $${n}`, params: [group.regionCode] }
    : { sql: `left(${alias}.region_code, 4) = $${n} AND left(${alias}.industry_code, 3) = $${n + 1}`, params: [group.city, group.industryClass] };
}

// Peers are compared on (stars, score): a vetoed 1-star enterprise with a high computed score is still below
// every 2-star one, as in the explorer's order.
const LOWER = '(p.stars < m.stars OR (p.stars = m.stars AND p.score_tenths < m.score_tenths))';
const SAME = '(p.stars = m.stars AND p.score_tenths = m.score_tenths)';

/** SQL of the region map, the peer percentiles and the quarterly compliance table. */
@Injectable()
export class ComparisonRepository {
  /** Enterprises per county and star level, with the mean score (tenths) of the rated ones, in one scan. */
  /** Per region within the caller's jurisdiction (`scope`: LIKE patterns, null = everything). */
  async regionStars(q: Queryable, scope: string[] | null): Promise<RegionStarRow[]> {
    return q.query<RegionStarRow>(
      'comparison.region_stars',
      `SELECT region_code::text AS region_code, count(*)::int AS enterprises, count(stars)::int AS rated,
         count(*) FILTER (WHERE stars = 1)::int AS s1, count(*) FILTER (WHERE stars = 2)::int AS s2,
         count(*) FILTER (WHERE stars = 3)::int AS s3, count(*) FILTER (WHERE stars = 4)::int AS s4,
         count(*) FILTER (WHERE stars = 5)::int AS s5, avg(score_tenths)::float8 AS mean_score_tenths
       FROM enterprises WHERE region_code IS NOT NULL AND ${regionScopeSql('region_code', 1)} GROUP BY region_code ORDER BY region_code`,
      [scope],
    );
  }

  /** Rated enterprises with a position, fewest stars (then lowest score) first: the ones a map must not drop. */
  async mapPoints(q: Queryable, limit: number, scope: string[] | null): Promise<{ points: MapPointRow[]; total: number }> {
    const [points, total] = await Promise.all([
      q.query<MapPointRow>(
        'comparison.map_points',
        `SELECT uscc, name, region_code::text AS region_code, lat, lon, stars, score_tenths FROM enterprises
         WHERE stars IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL AND ${regionScopeSql('region_code', 2)}
         ORDER BY stars, score_tenths, uscc LIMIT $1`,
        [limit, scope],
      ),
      q.query<{ n: number }>(
        'comparison.map_points_total',
        `SELECT count(*)::int AS n FROM enterprises WHERE stars IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL AND ${regionScopeSql('region_code', 1)}`,
        [scope],
      ),
    ]);
    return { points, total: total[0]?.n ?? 0 };
  }

  async self(q: Queryable, uscc: string): Promise<PeerSelf | null> {
    const rows = await q.query<PeerSelf>(
      'comparison.peer_self',
      'SELECT uscc, region_code::text AS region_code, industry_code, stars, score_tenths FROM enterprises WHERE uscc = $1',
      [uscc],
    );
    return rows[0] ?? null;
  }

  /** Today: the other rated members of the group, those rated strictly lower and those rated the same. */
  async peersToday(q: Queryable, self: PeerSelf, group: PeerGroupKey): Promise<PeerCountRow> {
    const c = groupCondition('p', group, 4);
    const rows = await q.query<PeerCountRow>(
      'comparison.peers_today',
      `WITH m AS (SELECT $2::int AS stars, $3::int AS score_tenths)
       SELECT count(*)::int AS peers, count(*) FILTER (WHERE ${LOWER})::int AS below, count(*) FILTER (WHERE ${SAME})::int AS ties
       FROM enterprises p CROSS JOIN m
       WHERE ${c.sql} AND p.uscc <> $1 AND p.stars IS NOT NULL`,
      [self.uscc, self.stars, self.score_tenths, ...c.params],
    );
    return rows[0] ?? { peers: 0, below: 0, ties: 0 };
  }

  /**
   * Each day from..to on which the enterprise was rated: the other members of the group (as registered today)
   * rated that day, those rated strictly lower and the same, from the latest revision of each day. Reads the
   * group's rows of the range through the primary key (enterprise, day), never the whole history.
   */
  async peersByDay(q: Queryable, uscc: string, group: PeerGroupKey, from: string, to: string): Promise<PeerDayRow[]> {
    const c = groupCondition('e', group, 4);
    return q.query<PeerDayRow>(
      'comparison.peers_by_day',
      `WITH g AS (SELECT e.uscc FROM enterprises e WHERE ${c.sql} UNION SELECT $1::text),
            r AS (SELECT DISTINCT ON (d.enterprise_id, d.day) d.enterprise_id, d.day, d.stars, d.score_tenths
                  FROM g JOIN daily_ratings d ON d.enterprise_id = g.uscc AND d.day BETWEEN $2::date AND $3::date
                  ORDER BY d.enterprise_id, d.day, d.revision DESC),
            m AS (SELECT day, stars, score_tenths FROM r WHERE enterprise_id = $1)
       SELECT m.day::text AS day, count(p.enterprise_id)::int AS peers,
              count(p.enterprise_id) FILTER (WHERE ${LOWER})::int AS below, count(p.enterprise_id) FILTER (WHERE ${SAME})::int AS ties
       FROM m LEFT JOIN r p ON p.day = m.day AND p.enterprise_id <> $1
       GROUP BY m.day ORDER BY m.day`,
      [uscc, from, to, ...c.params],
    );
  }

  /** One instance folds at a time (transaction-scoped advisory lock). */
  async tryPeerFoldLock(tx: Queryable): Promise<boolean> {
    const rows = await tx.query<{ locked: boolean }>('comparison.peer_fold_lock', 'SELECT pg_try_advisory_xact_lock($1) AS locked', [PEER_FOLD_LOCK_KEY]);
    return rows[0]?.locked === true;
  }

  /**
   * Days from..to to fold now, at most `limit`: never folded (newest first), then the last 3 days when folded over an
   * hour ago (late events revise recent days). An older day is folded once: a revision of it after its fold (a replay,
   * a very late event) shows in the line only after the fold row of that day is deleted.
   */
  async foldDaysDue(q: Queryable, from: string, to: string, limit: number): Promise<string[]> {
    const rows = await q.query<{ day: string }>(
      'comparison.fold_days_due',
      `SELECT d::date::text AS day FROM generate_series($1::date, $2::date, interval '1 day') AS d
       LEFT JOIN peer_percentile_folds f ON f.day = d::date
       WHERE f.day IS NULL OR (d::date > $2::date - 3 AND f.folded_at < now() - interval '1 hour')
       ORDER BY (f.day IS NULL) DESC, d DESC
       LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => r.day);
  }

  /**
   * Folds one day: every enterprise rated that day gets its rank among its groups from the latest revision of each
   * enterprise that day (rank() − 1 = the rows ordered strictly before, ties share a rank: exactly "strictly
   * lower"). Groups as registered now, like the live answer. Returns the enterprises folded.
   */
  async foldPeerDay(tx: Queryable, day: string): Promise<number> {
    const rows = await tx.query<{ n: number }>(
      'comparison.fold_peer_day',
      `WITH r AS (SELECT DISTINCT ON (d.enterprise_id) d.enterprise_id, d.stars, d.score_tenths FROM daily_ratings d
                  WHERE d.day = $1::date ORDER BY d.enterprise_id, d.revision DESC),
            x AS (SELECT r.enterprise_id, r.stars, r.score_tenths, e.region_code, left(e.region_code, 4) AS city, left(e.industry_code, 3) AS cls
                  FROM r JOIN enterprises e ON e.uscc = r.enterprise_id),
            ranked AS (
              SELECT enterprise_id,
                     CASE WHEN region_code IS NULL OR cls IS NULL THEN NULL ELSE rank() OVER (PARTITION BY city, cls ORDER BY stars, score_tenths) - 1 END AS industry_below,
                     CASE WHEN region_code IS NULL OR cls IS NULL THEN NULL ELSE count(*) OVER (PARTITION BY city, cls) - 1 END AS industry_peers,
                     CASE WHEN region_code IS NULL THEN NULL ELSE rank() OVER (PARTITION BY region_code ORDER BY stars, score_tenths) - 1 END AS region_below,
                     CASE WHEN region_code IS NULL THEN NULL ELSE count(*) OVER (PARTITION BY region_code) - 1 END AS region_peers
              FROM x),
            upserted AS (
              INSERT INTO peer_percentile_days (enterprise_id, day, industry_below, industry_peers, region_below, region_peers)
              SELECT enterprise_id, $1::date, industry_below, industry_peers, region_below, region_peers FROM ranked
              ON CONFLICT (enterprise_id, day) DO UPDATE SET industry_below = EXCLUDED.industry_below, industry_peers = EXCLUDED.industry_peers,
                region_below = EXCLUDED.region_below, region_peers = EXCLUDED.region_peers
              RETURNING 1),
            marked AS (INSERT INTO peer_percentile_folds (day, folded_at) VALUES ($1::date, now())
                       ON CONFLICT (day) DO UPDATE SET folded_at = now() RETURNING 1)
       SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM marked)::int * 0 AS n`,
      [day],
    );
    return rows[0]?.n ?? 0;
  }

  /** Folded days before `before` are no longer shown: drop them. */
  async dropPeerDaysBefore(tx: Queryable, before: string): Promise<void> {
    await tx.query('comparison.drop_peer_days', 'DELETE FROM peer_percentile_days WHERE day < $1::date', [before]);
    await tx.query('comparison.drop_peer_folds', 'DELETE FROM peer_percentile_folds WHERE day < $1::date', [before]);
  }

  /** The folded line of one enterprise, from..to (primary-key range). */
  async foldedPeerDays(q: Queryable, uscc: string, from: string, to: string): Promise<FoldedPeerDayRow[]> {
    return q.query<FoldedPeerDayRow>(
      'comparison.folded_peer_days',
      `SELECT day::text AS day, industry_below, industry_peers, region_below, region_peers FROM peer_percentile_days
       WHERE enterprise_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day`,
      [uscc, from, to],
    );
  }

  /** Per calendar quarter from..to: rated days, lowest and mean stars, days per face (latest revision of each day). */
  async quarterRatings(q: Queryable, uscc: string, from: string, to: string): Promise<QuarterRatingRow[]> {
    return q.query<QuarterRatingRow>(
      'comparison.quarter_ratings',
      `SELECT date_trunc('quarter', day)::date::text AS quarter_start, count(*)::int AS rated_days, min(stars)::int AS min_stars,
              avg(stars)::float8 AS mean_stars, count(*) FILTER (WHERE face = 'smile')::int AS smile_days,
              count(*) FILTER (WHERE face = 'neutral')::int AS neutral_days, count(*) FILTER (WHERE face = 'cry')::int AS cry_days
       FROM (SELECT DISTINCT ON (day) day, stars, face FROM daily_ratings
             WHERE enterprise_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day, revision DESC) r
       GROUP BY 1 ORDER BY 1`,
      [uscc, from, to],
    );
  }

  /** Per calendar quarter from..to: enforcement events by kind, without those an enforcement.voided of the enterprise targets. */
  async quarterEvents(q: Queryable, uscc: string, from: string, to: string): Promise<QuarterEventRow[]> {
    return q.query<QuarterEventRow>(
      'comparison.quarter_events',
      `SELECT date_trunc('quarter', ev.event_day)::date::text AS quarter_start,
              count(*) FILTER (WHERE ev.type = 'enforcement.inspection')::int AS inspections,
              count(*) FILTER (WHERE ev.type = 'enforcement.inspection' AND ev.body->'data'->>'result' = 'violation_found')::int AS violations,
              count(*) FILTER (WHERE ev.type = 'enforcement.penalty')::int AS penalties,
              coalesce(sum((ev.body->'data'->>'amountYuan')::numeric) FILTER (WHERE ev.type = 'enforcement.penalty'), 0)::float8 AS penalty_yuan,
              count(*) FILTER (WHERE ev.type = 'enforcement.rectification_order')::int AS orders,
              count(*) FILTER (WHERE ev.type = 'enforcement.complaint_verified')::int AS verified_complaints,
              count(*) FILTER (WHERE ev.type = 'enforcement.veto')::int AS vetoes
       FROM events ev
       WHERE ev.enterprise_id = $1 AND ev.event_day BETWEEN $2::date AND $3::date
         AND ev.type IN ('enforcement.inspection', 'enforcement.penalty', 'enforcement.rectification_order', 'enforcement.complaint_verified', 'enforcement.veto')
         AND NOT EXISTS (SELECT 1 FROM events v WHERE v.enterprise_id = ev.enterprise_id AND v.type = 'enforcement.voided'
                           AND v.body->'data'->>'targetEventId' = ev.event_id)
       GROUP BY 1 ORDER BY 1`,
      [uscc, from, to],
    );
  }
}
