import { Injectable } from '@nestjs/common';
import type { Queryable } from '../db/database.service';

export interface EnterpriseSeed {
  uscc: string;
  firstDay: string;
  publicToken: string;
}

export interface RegistrationRow {
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  occurredAt: string;
  eventId: string;
}

export interface CurrentRatingRow {
  uscc: string;
  ratedDay: string;
  scoreTenths: number;
  stars: number;
  face: string;
  colour: string;
  grade: string;
  veto: boolean;
  /** Days before today were revised in the same transaction: the streak must be recounted. */
  pastRevised: boolean;
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
  stars: number | null;
  face: string | null;
  colour: string | null;
  grade: string | null;
  veto: boolean | null;
  streak: number | null;
}

const ENTERPRISE_COLUMNS = `uscc, name, registered, region_code, industry_code, address, lat, lon, first_day::text AS first_day,
  public_token, rated_day::text AS rated_day, score_tenths, stars, face, colour, grade, veto, streak`;

@Injectable()
export class EnterpriseRepository {
  /** Creates unknown enterprises (unregistered) and moves first_day back when an earlier event arrives. */
  async ensure(q: Queryable, seeds: readonly EnterpriseSeed[]): Promise<void> {
    if (seeds.length === 0) return;
    await q.query(
      'enterprises.ensure',
      `INSERT INTO enterprises (uscc, first_day, public_token)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[])
       ON CONFLICT (uscc) DO UPDATE SET first_day = LEAST(enterprises.first_day, EXCLUDED.first_day), updated_at = now()
         WHERE EXCLUDED.first_day < enterprises.first_day`,
      [seeds.map((s) => s.uscc), seeds.map((s) => s.firstDay), seeds.map((s) => s.publicToken)],
    );
  }

  /** Locks the rows (serialising batches for one enterprise across instances) and returns their event counts. */
  async lockEventCounts(q: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await q.query<{ uscc: string; event_count: number }>(
      'enterprises.lock_event_counts',
      'SELECT uscc, event_count FROM enterprises WHERE uscc = ANY($1::text[]) ORDER BY uscc FOR UPDATE',
      [ids],
    );
    return new Map(rows.map((r) => [r.uscc, r.event_count]));
  }

  async addEventCounts(q: Queryable, counts: ReadonlyMap<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await q.query(
      'enterprises.add_event_counts',
      `UPDATE enterprises e SET event_count = e.event_count + c.n FROM unnest($1::text[], $2::int[]) AS c(uscc, n) WHERE e.uscc = c.uscc`,
      [[...counts.keys()], [...counts.values()]],
    );
  }

  /** Master data from registrations; an older registration than the one applied is ignored. */
  async register(q: Queryable, rows: readonly RegistrationRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.register',
      `UPDATE enterprises e SET name = r.name, region_code = r.region_code, industry_code = r.industry_code, address = r.address,
         lat = r.lat, lon = r.lon, registered = true, registered_at = r.occurred_at, registered_by = r.event_id, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::timestamptz[], $9::text[])
         AS r(uscc, name, region_code, industry_code, address, lat, lon, occurred_at, event_id)
       WHERE e.uscc = r.uscc
         AND (e.registered_at IS NULL OR (r.occurred_at, r.event_id) > (e.registered_at, e.registered_by))`,
      [
        rows.map((r) => r.uscc),
        rows.map((r) => r.name),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.industryCode),
        rows.map((r) => r.address),
        rows.map((r) => r.lat),
        rows.map((r) => r.lon),
        rows.map((r) => r.occurredAt),
        rows.map((r) => r.eventId),
      ],
    );
  }

  /**
   * Today's rating, denormalised for lists, the dashboard and the public view, with the 5-star streak.
   * The streak is carried forward from the stored row when only today changed (the common case);
   * the rating history is scanned only when past days were revised or the carry is unknown.
   */
  async setCurrent(q: Queryable, rows: readonly CurrentRatingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.set_current',
      `WITH cur AS (
         SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::bool[])
           AS c(uscc, rated_day, score_tenths, stars, face, colour, grade, veto, past_revised)),
       carried AS (
         SELECT cur.uscc, CASE
             WHEN cur.stars < 5 THEN 0
             WHEN cur.past_revised THEN NULL
             WHEN e.rated_day = cur.rated_day AND e.stars = 5 THEN e.streak
             WHEN e.rated_day = cur.rated_day - 1 THEN e.streak + 1
             WHEN e.rated_day IS NULL AND e.first_day = cur.rated_day THEN 1
             ELSE NULL END AS streak
         FROM cur JOIN enterprises e ON e.uscc = cur.uscc),
       latest AS (
         SELECT DISTINCT ON (d.enterprise_id, d.day) d.enterprise_id, d.day, d.stars
         FROM daily_ratings d
         JOIN cur ON d.enterprise_id = cur.uscc AND d.day <= cur.rated_day
         JOIN carried c ON c.uscc = cur.uscc AND c.streak IS NULL
         ORDER BY d.enterprise_id, d.day, d.revision DESC),
       scanned AS (
         SELECT l.enterprise_id AS uscc,
           count(*) FILTER (WHERE l.day > COALESCE(b.last_bad, '-infinity'::date))::int AS streak
         FROM latest l
         JOIN (SELECT enterprise_id, max(day) FILTER (WHERE stars < 5) AS last_bad FROM latest GROUP BY enterprise_id) b USING (enterprise_id)
         GROUP BY l.enterprise_id)
       UPDATE enterprises e SET rated_day = cur.rated_day, score_tenths = cur.score_tenths, stars = cur.stars, face = cur.face,
         colour = cur.colour, grade = cur.grade, veto = cur.veto, streak = COALESCE(c.streak, s.streak, 0), updated_at = now()
       FROM cur JOIN carried c USING (uscc) LEFT JOIN scanned s USING (uscc)
       WHERE e.uscc = cur.uscc AND (e.rated_day IS NULL OR e.rated_day <= cur.rated_day)`,
      [
        rows.map((r) => r.uscc),
        rows.map((r) => r.ratedDay),
        rows.map((r) => r.scoreTenths),
        rows.map((r) => r.stars),
        rows.map((r) => r.face),
        rows.map((r) => r.colour),
        rows.map((r) => r.grade),
        rows.map((r) => r.veto),
        rows.map((r) => r.pastRevised),
      ],
    );
  }

  async find(q: Queryable, uscc: string): Promise<EnterpriseRow | null> {
    const rows = await q.query<EnterpriseRow>('enterprises.find', `SELECT ${ENTERPRISE_COLUMNS} FROM enterprises WHERE uscc = $1`, [uscc]);
    return rows[0] ?? null;
  }
}
