import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

export interface PopulationRow {
  uscc: string;
  stars: number;
}

export interface PlanRow {
  id: string;
  name: string;
  day: string;
  region_prefixes: string[];
  industry_prefixes: string[];
  size: number;
  include_exempt: boolean;
  inspectors: string[];
  seed: string;
  snapshot_sha256: string;
  population_size: number;
  created_by: string;
  created_at: Date;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface PlanListRow extends PlanRow {
  drawn_count: number;
  recorded_count: number;
}

export interface DrawRow {
  rank: number;
  enterprise_id: string;
  name: string | null;
  stars: number;
  weight: number;
  key: number;
  inspectors: string[];
}

export interface ResultRow {
  enterprise_id: string;
  result: 'compliant' | 'violation_found';
  event_id: string;
  occurred_at: Date;
}

export interface NewPlan {
  name: string;
  day: string;
  regionPrefixes: string[];
  industryPrefixes: string[];
  size: number;
  includeExempt: boolean;
  inspectors: string[];
  seed: string;
  snapshotSha256: string;
  populationSize: number;
  population: string;
  createdBy: string;
}

const planColumns = (p: string): string =>
  `${p}.id::text AS id, ${p}.name, to_char(${p}.day, 'YYYY-MM-DD') AS day, ${p}.region_prefixes, ${p}.industry_prefixes, ${p}.size,
   ${p}.include_exempt, ${p}.inspectors, ${p}.seed, ${p}.snapshot_sha256, ${p}.population_size, ${p}.created_by, ${p}.created_at,
   ${p}.cancelled_at, ${p}.cancelled_by, ${p}.cancel_reason`;

/** Results are enforcement.inspection events carrying the plan id; a voided one no longer counts. */
const RESULTS_SQL = `
  SELECT DISTINCT ON (e.enterprise_id) e.enterprise_id, e.body -> 'data' ->> 'result' AS result, e.event_id, e.occurred_at
    FROM events e
   WHERE e.type = 'enforcement.inspection' AND e.body -> 'data' ? 'planId' AND e.body -> 'data' ->> 'planId' = $1
     AND NOT EXISTS (SELECT 1 FROM events v
                      WHERE v.type = 'enforcement.voided' AND v.enterprise_id = e.enterprise_id
                        AND v.body -> 'data' ->> 'targetEventId' = e.event_id)
   ORDER BY e.enterprise_id, e.occurred_at DESC, e.event_id DESC`;

@Injectable()
export class InspectionPlanRepository {
  /** Enterprises rated on `day` (latest revision) in scope, with their stars. */
  async population(q: Queryable, day: string, regionPrefixes: string[], industryPrefixes: string[]): Promise<PopulationRow[]> {
    return q.query<PopulationRow>(
      'inspection_plans.population',
      `SELECT r.enterprise_id AS uscc, r.stars
         FROM (SELECT DISTINCT ON (enterprise_id) enterprise_id, stars
                 FROM daily_ratings WHERE day = $1::date ORDER BY enterprise_id, revision DESC) r
         JOIN enterprises e ON e.uscc = r.enterprise_id
        WHERE (cardinality($2::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE starts_with(e.region_code::text, p)))
          AND (cardinality($3::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(e.industry_code, p)))`,
      [day, regionPrefixes, industryPrefixes],
    );
  }

  /**
   * Members of the exemption list on `day` (5★ on each of the 180 days up to it), read from the
   * credit-list runs the scorer keeps — the same list the inspectors see.
   */
  async exemptOn(q: Queryable, day: string): Promise<Set<string>> {
    const rows = await q.query<{ enterprise_id: string }>(
      'inspection_plans.exempt_on',
      `SELECT enterprise_id FROM list_memberships
        WHERE list = 'exempt' AND from_day <= $1::date AND (to_day IS NULL OR to_day >= $1::date)`,
      [day],
    );
    return new Set(rows.map((r) => r.enterprise_id));
  }

  /** The names among these that are active inspector accounts. */
  async activeInspectors(q: Queryable, names: string[]): Promise<Set<string>> {
    const rows = await q.query<{ username: string }>(
      'inspection_plans.active_inspectors',
      `SELECT username FROM users WHERE username = ANY($1::text[]) AND role = 'inspector' AND NOT disabled`,
      [names],
    );
    return new Set(rows.map((r) => r.username));
  }

  async insert(q: Queryable, plan: NewPlan): Promise<string> {
    const rows = await q.query<{ id: string }>(
      'inspection_plans.insert',
      `INSERT INTO inspection_plans (name, day, region_prefixes, industry_prefixes, size, include_exempt, inspectors, seed,
                                     snapshot_sha256, population_size, population, created_by)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::text AS id`,
      [plan.name, plan.day, plan.regionPrefixes, plan.industryPrefixes, plan.size, plan.includeExempt, plan.inspectors, plan.seed,
        plan.snapshotSha256, plan.populationSize, plan.population, plan.createdBy],
    );
    return rows[0]!.id;
  }

  async insertDraws(q: Queryable, planId: string, drawn: { rank: number; uscc: string; stars: number; weight: number; key: number; inspectors: string[] }[]): Promise<void> {
    if (drawn.length === 0) return;
    // One JSON document: node-pg sends float8 parameters as text, and so does JSON; the double survives both.
    await q.query(
      'inspection_plans.insert_draws',
      `INSERT INTO inspection_plan_draws (plan_id, rank, enterprise_id, stars, weight, key, inspectors)
       SELECT $1::bigint, d.rank, d.uscc, d.stars, d.weight, d.key, ARRAY(SELECT jsonb_array_elements_text(d.inspectors))
         FROM jsonb_to_recordset($2::jsonb) AS d(rank integer, uscc text, stars smallint, weight float8, key float8, inspectors jsonb)`,
      [planId, JSON.stringify(drawn)],
    );
  }

  async find(q: Queryable, id: string): Promise<PlanRow | null> {
    const rows = await q.query<PlanRow>('inspection_plans.find', `SELECT ${planColumns('p')} FROM inspection_plans p WHERE p.id = $1::bigint`, [id]);
    return rows[0] ?? null;
  }

  async populationText(q: Queryable, id: string): Promise<string | null> {
    const rows = await q.query<{ population: string }>('inspection_plans.population_text', 'SELECT population FROM inspection_plans WHERE id = $1::bigint', [id]);
    return rows[0]?.population ?? null;
  }

  async draws(q: Queryable, id: string): Promise<DrawRow[]> {
    return q.query<DrawRow>(
      'inspection_plans.draws',
      `SELECT d.rank, d.enterprise_id, e.name, d.stars, d.weight, d.key, d.inspectors
         FROM inspection_plan_draws d LEFT JOIN enterprises e ON e.uscc = d.enterprise_id
        WHERE d.plan_id = $1::bigint ORDER BY d.rank`,
      [id],
    );
  }

  async results(q: Queryable, id: string): Promise<ResultRow[]> {
    return q.query<ResultRow>('inspection_plans.results', RESULTS_SQL, [id]);
  }

  /** Newest first; with `inspector`, only plans where that user inspects at least one enterprise. */
  /**
   * `scope` (a scoped inspector's region prefixes, raw): only plans whose regions meet it — a plan
   * without region prefixes covers everything and meets every scope.
   */
  async list(q: Queryable, inspector: string | null, limit: number, scope: readonly string[] | null = null): Promise<PlanListRow[]> {
    return q.query<PlanListRow>(
      'inspection_plans.list',
      `SELECT ${planColumns('p')},
              (SELECT count(*)::int FROM inspection_plan_draws d WHERE d.plan_id = p.id) AS drawn_count,
              (SELECT count(DISTINCT e.enterprise_id)::int FROM events e
                WHERE e.type = 'enforcement.inspection' AND e.body -> 'data' ? 'planId' AND e.body -> 'data' ->> 'planId' = p.id::text) AS recorded_count
         FROM inspection_plans p
        WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM inspection_plan_draws d WHERE d.plan_id = p.id AND d.inspectors @> ARRAY[$1::text]))
          AND ($3::text[] IS NULL OR cardinality(p.region_prefixes) = 0
               OR EXISTS (SELECT 1 FROM unnest(p.region_prefixes) pp, unnest($3::text[]) sp WHERE starts_with(pp, sp) OR starts_with(sp, pp)))
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $2`,
      [inspector, limit, scope],
    );
  }

  /** Null when the plan does not exist or was already cancelled. */
  async cancel(q: Queryable, id: string, by: string, reason: string): Promise<boolean> {
    const rows = await q.query<{ id: string }>(
      'inspection_plans.cancel',
      `UPDATE inspection_plans SET cancelled_at = now(), cancelled_by = $2, cancel_reason = $3
        WHERE id = $1::bigint AND cancelled_at IS NULL RETURNING id::text AS id`,
      [id, by, reason],
    );
    return rows.length === 1;
  }
}
