import { Injectable } from '@nestjs/common';
import { instantMicros, type Face, type Grade, type RatingColour, type StarLevel } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';
import { newPublicToken } from '../../platform/public-token';

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
  stars: StarLevel;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  streak: number;
}

/** What the scorer needs to know of an enterprise before applying a batch to it. */
export interface LockedEnterprise {
  uscc: string;
  /** Stored events before this batch (the ledger cache must have seen exactly these). */
  eventCountBefore: number;
  ratedDay: string | null;
  stars: number | null;
  streak: number | null;
  firstDay: string;
  /** enterprise_ledgers.next_change_day as text ('infinity' when none); null when unknown. */
  nextChangeDay: string | null;
}

export interface LastDropRow {
  uscc: string;
  /** YYYY-MM-DD or null (no drop in the last week). */
  lastDropDay: string | null;
}

export interface NextChangeRow {
  uscc: string;
  /** YYYY-MM-DD, or 'infinity'. */
  nextChangeDay: string;
}

export interface ClaimRow {
  uscc: string;
  firstDay: string;
  /** Events this batch adds. */
  newEvents: number;
}

/**
 * Writes are INSERT … ON CONFLICT on the primary key: one index probe per row whatever the table
 * size (an UPDATE … FROM unnest may be planned as a hash join over all 200,000 rows), and the row
 * stays locked until commit, which serialises batches for one enterprise across instances.
 */
@Injectable()
export class EnterpriseRepository {
  /**
   * Creates unknown enterprises (unregistered), moves first_day back for earlier events, adds the
   * batch's event counts — which locks each enterprise's ledger row until commit — and returns each
   * enterprise as it was before this batch.
   */
  async claim(q: Queryable, rows: readonly ClaimRow[], known: { has(uscc: string): boolean } = new Set<string>()): Promise<Map<string, LockedEnterprise>> {
    if (rows.length === 0) return new Map();
    const sorted = [...rows].sort((a, b) => (a.uscc < b.uscc ? -1 : 1)); // one lock order: no deadlocks between instances
    const ids = sorted.map((r) => r.uscc);
    // Enterprises are never deleted: those the caller has seen stored need no insert attempt.
    await this.ensure(q, sorted.filter((r) => !known.has(r.uscc)));
    const counted = await q.query<{ uscc: string; event_count: number; next_change_day: string | null }>(
      'enterprises.count_events',
      `INSERT INTO enterprise_ledgers AS l (uscc, event_count) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (uscc) DO UPDATE SET event_count = l.event_count + EXCLUDED.event_count
       RETURNING uscc, event_count, next_change_day::text AS next_change_day`,
      [ids, sorted.map((r) => r.newEvents)],
    );
    const rowsNow = await this.current(q, ids);
    const missing = sorted.filter((r) => !rowsNow.has(r.uscc));
    if (missing.length > 0) {
      // "Known" was wrong (the database was reset under a running instance): create them after all.
      await this.ensure(q, missing);
      for (const [id, row] of await this.current(q, missing.map((r) => r.uscc))) rowsNow.set(id, row);
    }
    const added = new Map(rows.map((r) => [r.uscc, r.newEvents]));
    for (const c of counted) {
      const row = rowsNow.get(c.uscc)!;
      row.eventCountBefore = c.event_count - (added.get(c.uscc) ?? 0);
      row.nextChangeDay = c.next_change_day;
    }
    // A late event moves the first day back (rare: one more statement only when it happens).
    const moved = sorted.filter((r) => r.firstDay < rowsNow.get(r.uscc)!.firstDay);
    if (moved.length > 0) {
      await q.query(
        'enterprises.move_first_day',
        `INSERT INTO enterprises AS e (uscc, first_day, public_token)
         SELECT uscc, first_day, 'unused-unused-unused-unused' FROM unnest($1::text[], $2::date[]) AS m(uscc, first_day)
         ON CONFLICT (uscc) DO UPDATE SET first_day = EXCLUDED.first_day, updated_at = now() WHERE EXCLUDED.first_day < e.first_day`,
        [moved.map((r) => r.uscc), moved.map((r) => r.firstDay)],
      );
      for (const r of moved) rowsNow.get(r.uscc)!.firstDay = r.firstDay;
    }
    return rowsNow;
  }

  /**
   * Creates unknown enterprises (unregistered). DO NOTHING takes no lock on existing rows (DO UPDATE
   * … WHERE would lock, and so dirty, every enterprise's wide row on every batch); the ledger row is
   * the lock, always taken before any enterprises row is written — the same order as the rollover.
   */
  private async ensure(q: Queryable, rows: readonly ClaimRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.ensure',
      `INSERT INTO enterprises (uscc, first_day, public_token)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[])
       ON CONFLICT (uscc) DO NOTHING`,
      // A token only for the rows that may be new (random bytes cost more than the probe).
      [rows.map((r) => r.uscc), rows.map((r) => r.firstDay), rows.map(() => newPublicToken())],
    );
  }

  /** Locks existing enterprises' ledger rows (the rollover) and returns them; unknown ids are absent. One statement. */
  async lock(q: Queryable, ids: readonly string[]): Promise<Map<string, LockedEnterprise>> {
    if (ids.length === 0) return new Map();
    const rows = await q.query<{
      uscc: string; event_count: number; next_change_day: string | null; rated_day: string | null; stars: number | null; streak: number | null; first_day: string;
    }>(
      'enterprises.lock',
      `SELECT l.uscc, l.event_count, l.next_change_day::text AS next_change_day, e.rated_day::text AS rated_day, e.stars, e.streak,
         e.first_day::text AS first_day
       FROM enterprise_ledgers l JOIN enterprises e ON e.uscc = l.uscc
       WHERE l.uscc = ANY($1::text[]) ORDER BY l.uscc FOR UPDATE OF l`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.uscc,
        { uscc: r.uscc, eventCountBefore: r.event_count, ratedDay: r.rated_day, stars: r.stars, streak: r.streak, firstDay: r.first_day, nextChangeDay: r.next_change_day },
      ]),
    );
  }

  private async current(q: Queryable, ids: readonly string[]): Promise<Map<string, LockedEnterprise>> {
    const rows = await q.query<{ uscc: string; rated_day: string | null; stars: number | null; streak: number | null; first_day: string }>(
      'enterprises.current',
      `SELECT uscc, rated_day::text AS rated_day, stars, streak, first_day::text AS first_day FROM enterprises WHERE uscc = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.uscc, { uscc: r.uscc, eventCountBefore: 0, ratedDay: r.rated_day, stars: r.stars, streak: r.streak, firstDay: r.first_day, nextChangeDay: null }]));
  }

  /** Records each enterprise's next possible rating change (rows exist: claimed or locked earlier in the transaction). */
  async setNextChange(q: Queryable, rows: readonly NextChangeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.set_next_change',
      `INSERT INTO enterprise_ledgers AS l (uscc, event_count, next_change_day)
       SELECT uscc, 0, next_change_day FROM unnest($1::text[], $2::date[]) AS n(uscc, next_change_day)
       ON CONFLICT (uscc) DO UPDATE SET next_change_day = EXCLUDED.next_change_day`,
      [rows.map((r) => r.uscc), rows.map((r) => r.nextChangeDay)],
    );
  }

  /**
   * Recomputes last_drop_day for enterprises whose ratings of the last 8 days changed in this
   * transaction: the latest day in [today − 7, today] whose stars are below the day before's.
   * Written only where it moved.
   */
  async markDrops(q: Queryable, ids: readonly string[], today: string): Promise<void> {
    if (ids.length === 0) return;
    await q.query(
      'enterprises.mark_drops',
      // One primary-key range per enterprise (a join, not = ANY: that became a scan of every
      // enterprise's rows of those days).
      `WITH latest AS (
         SELECT DISTINCT ON (d.enterprise_id, d.day) d.enterprise_id, d.day, d.stars
         FROM unnest($1::text[]) AS u(id)
         JOIN daily_ratings d ON d.enterprise_id = u.id AND d.day BETWEEN $2::date - 8 AND $2::date
         ORDER BY d.enterprise_id, d.day, d.revision DESC),
       drops AS (
         SELECT c.enterprise_id, max(c.day) FILTER (WHERE c.stars < p.stars) AS drop_day
         FROM latest c LEFT JOIN latest p ON p.enterprise_id = c.enterprise_id AND p.day = c.day - 1
         GROUP BY c.enterprise_id)
       INSERT INTO enterprises AS e (uscc, first_day, public_token, last_drop_day)
       SELECT enterprise_id, '1970-01-01', 'unused-unused-unused-unused', drop_day FROM drops ORDER BY enterprise_id
       ON CONFLICT (uscc) DO UPDATE SET last_drop_day = EXCLUDED.last_drop_day
       WHERE e.last_drop_day IS DISTINCT FROM EXCLUDED.last_drop_day`,
      [[...ids].sort(), today],
    );
  }

  /** Sets last_drop_day where the caller computed it from a whole week of ratings; written only where it moved. */
  async setLastDrops(q: Queryable, rows: readonly LastDropRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.set_last_drops',
      `INSERT INTO enterprises AS e (uscc, first_day, public_token, last_drop_day)
       SELECT uscc, '1970-01-01', 'unused-unused-unused-unused', last_drop_day FROM unnest($1::text[], $2::date[]) AS x(uscc, last_drop_day)
       ORDER BY uscc
       ON CONFLICT (uscc) DO UPDATE SET last_drop_day = EXCLUDED.last_drop_day
       WHERE e.last_drop_day IS DISTINCT FROM EXCLUDED.last_drop_day`,
      [rows.map((r) => r.uscc), rows.map((r) => r.lastDropDay)],
    );
  }

  /**
   * Master data from registrations, in arrival order. The one with the latest occurredAt holds; on a
   * tie the one that arrived last (contract). One statement cannot touch a row twice, so a burst of
   * upserts for one enterprise is first reduced to its winner here; across batches, the WHERE keeps a
   * later-arriving upsert of the same instant and ignores an older one.
   */
  async register(q: Queryable, arrivals: readonly RegistrationRow[]): Promise<void> {
    const rows = latestRegistrations(arrivals);
    if (rows.length === 0) return;
    await q.query(
      'enterprises.register',
      // The rows exist (claimed earlier in the transaction): first_day and public_token are only
      // there to satisfy NOT NULL and are never applied.
      `INSERT INTO enterprises AS e (uscc, first_day, public_token, name, region_code, industry_code, address, lat, lon, registered, registered_at, registered_by)
       SELECT uscc, '1970-01-01', 'unused-unused-unused-unused', name, region_code, industry_code, address, lat, lon, true, occurred_at, event_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::timestamptz[], $9::text[])
         AS r(uscc, name, region_code, industry_code, address, lat, lon, occurred_at, event_id)
       ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, industry_code = EXCLUDED.industry_code,
         address = EXCLUDED.address, lat = EXCLUDED.lat, lon = EXCLUDED.lon, registered = true, registered_at = EXCLUDED.registered_at,
         registered_by = EXCLUDED.registered_by, updated_at = now()
       WHERE e.registered_at IS NULL OR EXCLUDED.registered_at >= e.registered_at`,
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

  /** 5-star streaks ending on `day`, counted from the rating history (when they cannot be carried forward). */
  async streaks(q: Queryable, ids: readonly string[], day: string): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await q.query<{ uscc: string; streak: number }>(
      'enterprises.streaks',
      `WITH latest AS (
         SELECT DISTINCT ON (d.enterprise_id, d.day) d.enterprise_id, d.day, d.stars
         FROM daily_ratings d WHERE d.enterprise_id = ANY($1::text[]) AND d.day <= $2::date
         ORDER BY d.enterprise_id, d.day, d.revision DESC)
       SELECT l.enterprise_id AS uscc, count(*) FILTER (WHERE l.day > COALESCE(b.last_bad, '-infinity'::date))::int AS streak
       FROM latest l
       JOIN (SELECT enterprise_id, max(day) FILTER (WHERE stars < 5) AS last_bad FROM latest GROUP BY enterprise_id) b USING (enterprise_id)
       GROUP BY l.enterprise_id`,
      [ids, day],
    );
    return new Map(rows.map((r) => [r.uscc, r.streak]));
  }

  /** The 5-star streak alone, where past days were revised under an unchanged current rating of `ratedDay`. */
  async setStreaks(q: Queryable, rows: readonly { uscc: string; streak: number; ratedDay: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.set_streaks',
      // A plain UPDATE (rare: only after a late event under an unchanged today), since an insert
      // tuple with a streak but no rating would break the rating-complete check.
      `UPDATE enterprises AS e SET streak = s.streak, updated_at = now()
       FROM unnest($1::text[], $2::int[]) AS s(uscc, streak)
       WHERE e.uscc = s.uscc AND e.rated_day = $3::date AND e.streak IS DISTINCT FROM s.streak`,
      [rows.map((r) => r.uscc), rows.map((r) => r.streak), rows[0]!.ratedDay],
    );
  }

  /** Today's rating, denormalised for lists, the dashboard and the public view. */
  async setCurrent(q: Queryable, rows: readonly CurrentRatingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      'enterprises.set_current',
      `INSERT INTO enterprises AS e (uscc, first_day, public_token, rated_day, score_tenths, stars, face, colour, grade, veto, streak)
       SELECT uscc, '1970-01-01', 'unused-unused-unused-unused', rated_day, score_tenths, stars, face, colour, grade, veto, streak
       FROM unnest($1::text[], $2::date[], $3::int[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::int[])
         AS c(uscc, rated_day, score_tenths, stars, face, colour, grade, veto, streak)
       ON CONFLICT (uscc) DO UPDATE SET rated_day = EXCLUDED.rated_day, score_tenths = EXCLUDED.score_tenths, stars = EXCLUDED.stars,
         face = EXCLUDED.face, colour = EXCLUDED.colour, grade = EXCLUDED.grade, veto = EXCLUDED.veto, streak = EXCLUDED.streak, updated_at = now()
       WHERE e.rated_day IS NULL OR e.rated_day <= EXCLUDED.rated_day`,
      [
        rows.map((r) => r.uscc),
        rows.map((r) => r.ratedDay),
        rows.map((r) => r.scoreTenths),
        rows.map((r) => r.stars),
        rows.map((r) => r.face),
        rows.map((r) => r.colour),
        rows.map((r) => r.grade),
        rows.map((r) => r.veto),
        rows.map((r) => r.streak),
      ],
    );
  }
}

/** Per enterprise, the registration with the latest occurredAt; on a tie the later one in arrival order. */
export function latestRegistrations(arrivals: readonly RegistrationRow[]): RegistrationRow[] {
  const winners = new Map<string, { row: RegistrationRow; at: bigint }>();
  for (const row of arrivals) {
    const at = instantMicros(row.occurredAt);
    const held = winners.get(row.uscc);
    if (!held || at >= held.at) winners.set(row.uscc, { row, at });
  }
  return [...winners.values()].map((w) => w.row);
}
