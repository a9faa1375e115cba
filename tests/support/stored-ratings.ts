import type { Client } from 'pg';

/** One stored enterprise-day in the expected fixture's shape (expected-2026-03-15.json). */
export interface StoredDay {
  day: string;
  score: number;
  stars: number;
  face: string;
  colour: string;
  grade: string;
  veto: boolean;
}

/** The latest revision of every stored enterprise-day, per enterprise in day order: comparable to the fixture's `ratings`. */
export async function latestRatingsByEnterprise(sql: Client): Promise<Record<string, StoredDay[]>> {
  const latest = await sql.query(
    `SELECT DISTINCT ON (enterprise_id, day) enterprise_id, day::text AS day, score_tenths, stars, face, colour, grade, veto
     FROM daily_ratings ORDER BY enterprise_id, day, revision DESC`,
  );
  const got: Record<string, StoredDay[]> = {};
  for (const r of latest.rows) {
    (got[r.enterprise_id] ??= []).push({ day: r.day, score: r.score_tenths / 10, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto });
  }
  return got;
}

/**
 * What would make the revision history unclean: days whose revisions are not exactly 1..n (`gaps`),
 * and revisions equal to the one before (`repeats`: a retry or redelivery that wrote twice).
 */
export async function historyFaults(sql: Client): Promise<{ gaps: unknown[]; repeats: unknown[] }> {
  const gaps = await sql.query(
    'SELECT enterprise_id, day FROM daily_ratings GROUP BY enterprise_id, day HAVING max(revision) <> count(*) OR min(revision) <> 1',
  );
  const repeats = await sql.query(
    `SELECT a.enterprise_id, a.day, a.revision FROM daily_ratings a JOIN daily_ratings b
       ON a.enterprise_id = b.enterprise_id AND a.day = b.day AND b.revision = a.revision - 1
     WHERE a.score_tenths = b.score_tenths AND a.stars = b.stars AND a.veto = b.veto AND a.effects = b.effects AND a.criteria = b.criteria`,
  );
  return { gaps: gaps.rows, repeats: repeats.rows };
}
