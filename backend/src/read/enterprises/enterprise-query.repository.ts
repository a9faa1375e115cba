import { Injectable } from '@nestjs/common';
import type { Face, Grade, RatingColour, StarLevel } from '@envface/streams';
import { regionScopeSql } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';
import type { SortKey, SortOrder } from './enterprise-list.query';

/** What the list is narrowed to; null = no condition. */
export interface EnterpriseFilter {
  /** ILIKE pattern for the name, already escaped and wrapped in %…%. */
  namePattern: string | null;
  /** LIKE pattern for a USCC prefix ('9132%'). */
  usccPrefix: string | null;
  regions: string[] | null;
  industries: string[] | null;
  stars: number[] | null;
  faces: string[] | null;
  /** LIKE patterns of the caller's jurisdiction (auth/jurisdiction.ts scopePatterns); null: everything. */
  scope: string[] | null;
}

export interface EnterpriseListRow {
  uscc: string;
  name: string | null;
  registered: boolean;
  region_code: string | null;
  industry_code: string | null;
  rated_day: string | null;
  score_tenths: number | null;
  stars: StarLevel | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  veto: boolean | null;
  streak: number | null;
  /** registered by hand (issue #13 §2): 'pending' until verified, 'verified', null when from the registry */
  hand_registration: 'pending' | 'verified' | null;
  sort_key: number | string;
}

export interface EnterpriseDetailRow extends Omit<EnterpriseListRow, 'sort_key'> {
  address: string | null;
  lat: number | null;
  lon: number | null;
  first_day: string;
  event_count: number;
}

/**
 * Sort keys exactly as the indexes of migration 20261121160000000 spell them, so (key, uscc) > cursor
 * is an index range; NULL becomes a value below every real one.
 */
const SORT_EXPRESSIONS: Record<SortKey, { expr: string; type: 'int' | 'text' }> = {
  score: { expr: 'COALESCE(score_tenths, -1)', type: 'int' },
  // stars first, then score (a vetoed 1-star 100.0 sorts among the 1-star enterprises): migration 20261202500100000
  stars: { expr: '(COALESCE(stars, 0) * 2000 + COALESCE(score_tenths, -1))', type: 'int' },
  streak: { expr: 'COALESCE(streak, -1)', type: 'int' },
  name: { expr: "COALESCE(name, '')", type: 'text' },
  uscc: { expr: 'uscc', type: 'text' },
};

// "$n IS NULL OR …" keeps one statement for every combination of filters: pg plans unnamed
// statements with the actual values, so absent filters fold away and present ones use their index.
const FILTER_SQL = `($1::text IS NULL OR name ILIKE $1 OR ($2::text IS NOT NULL AND uscc LIKE $2))
  AND ($3::bpchar[] IS NULL OR region_code = ANY($3::bpchar[]))
  AND ($4::text[] IS NULL OR industry_code = ANY($4::text[]))
  AND ($5::smallint[] IS NULL OR stars = ANY($5::smallint[]))
  AND ($6::text[] IS NULL OR face = ANY($6::text[]))
  AND ${regionScopeSql('region_code', 7)}`;

function filterParams(f: EnterpriseFilter): unknown[] {
  return [f.namePattern, f.usccPrefix, f.regions, f.industries, f.stars, f.faces, f.scope];
}

const LIST_COLUMNS = `uscc, name, registered, region_code, industry_code, rated_day::text AS rated_day, score_tenths, stars, face,
  colour, grade, veto, streak,
  (SELECT CASE WHEN h.verified_at IS NULL THEN 'pending' ELSE 'verified' END FROM hand_registrations h WHERE h.uscc = enterprises.uscc) AS hand_registration`;

@Injectable()
export class EnterpriseQueryRepository {
  /** One page in (key, uscc) order after the cursor, if any. */
  async page(
    q: Queryable,
    filter: EnterpriseFilter,
    sort: SortKey,
    order: SortOrder,
    after: { key: number | string; uscc: string } | null,
    limit: number,
  ): Promise<EnterpriseListRow[]> {
    const { expr, type } = SORT_EXPRESSIONS[sort];
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const cmp = order === 'asc' ? '>' : '<';
    return q.query<EnterpriseListRow>(
      `enterprises.page_by_${sort}_${order}`,
      `SELECT ${LIST_COLUMNS}, ${expr} AS sort_key
       FROM enterprises
       WHERE ${FILTER_SQL}
         AND ($8::${type} IS NULL OR (${expr}, uscc) ${cmp} ($8::${type}, $9::text))
       ORDER BY ${expr} ${dir}, uscc ${dir}
       LIMIT $10`,
      [...filterParams(filter), after?.key ?? null, after?.uscc ?? null, limit],
    );
  }

  async count(q: Queryable, filter: EnterpriseFilter): Promise<number> {
    const rows = await q.query<{ n: number }>('enterprises.count_filtered', `SELECT count(*)::int AS n FROM enterprises WHERE ${FILTER_SQL}`, filterParams(filter));
    return rows[0]?.n ?? 0;
  }

  /** USCCs of every enterprise matching the filter, in USCC order, at most `limit` (batch edits). */
  async matchingUsccs(q: Queryable, filter: EnterpriseFilter, limit: number): Promise<string[]> {
    const rows = await q.query<{ uscc: string }>('enterprises.matching_usccs', `SELECT uscc FROM enterprises WHERE ${FILTER_SQL} ORDER BY uscc LIMIT $8`, [...filterParams(filter), limit]);
    return rows.map((r) => r.uscc);
  }

  /** The planner's row estimate (kept by autovacuum/ANALYZE): instant at any size; -1 when never analysed. */
  async estimatedCount(q: Queryable): Promise<number> {
    const rows = await q.query<{ n: number }>('enterprises.count_estimate', `SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'enterprises'::regclass`);
    return rows[0]?.n ?? -1;
  }

  async detail(q: Queryable, uscc: string): Promise<EnterpriseDetailRow | null> {
    const rows = await q.query<EnterpriseDetailRow>(
      'enterprises.detail',
      `SELECT ${LIST_COLUMNS}, address, lat, lon, first_day::text AS first_day, COALESCE(l.event_count, 0) AS event_count
       FROM enterprises LEFT JOIN enterprise_ledgers l USING (uscc) WHERE uscc = $1`,
      [uscc],
    );
    return rows[0] ?? null;
  }

  /** Stored events of one enterprise by type. */
  async eventCountsByType(q: Queryable, uscc: string): Promise<Record<string, number>> {
    const rows = await q.query<{ type: string; n: number }>(
      'events.counts_by_type',
      'SELECT type, count(*)::int AS n FROM events WHERE enterprise_id = $1 GROUP BY type ORDER BY type',
      [uscc],
    );
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }
}
