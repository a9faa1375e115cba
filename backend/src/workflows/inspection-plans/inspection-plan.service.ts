import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  dayFromIso,
  dayOfInstant,
  drawPlan,
  expectedFrequencyByStars,
  isoFromDay,
  type CancelPlanRequest,
  type DrawStars,
  type InspectionResult,
  type NewPlanRequest,
  type PlanJson,
  type PlanList,
  type PlanListQuery,
  type PublicPlanJson,
  type RecordResultRequest,
} from '@envface/streams';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { EnterpriseJurisdictionService } from '../../auth/enterprise-jurisdiction.service';
import { prefixesWithin, scopeOf, scopesIntersect } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { EnforcementEventPublisher } from '../complaints/enforcement-event.publisher';
import { CLOCK, type Clock } from '../../platform/clock';
import { InspectionPlanRepository, type DrawRow, type PlanRow } from './inspection-plan.repository';

/** Members per star level, counted from the population file ("USCC,stars\n" lines). */
export function starCounts(populationFile: string): Partial<Record<DrawStars, number>> {
  const counts: Partial<Record<DrawStars, number>> = {};
  for (let i = populationFile.indexOf('\n'); i > 0; i = populationFile.indexOf('\n', i + 1)) {
    const s = Number(populationFile[i - 1]) as DrawStars;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/** The event id of a plan result: one per plan and enterprise, so a retried request cannot count twice. */
export const planResultEventId = (planId: string, uscc: string): string => `inspection-plan-${planId}-${uscc}`;

/**
 * Inspection plans (双随机、一公开): the draw itself is the pure `drawPlan` of @envface/streams; this
 * service picks the population from the stored ratings, keeps the plan immutable, and turns an
 * inspector's result into an enforcement.inspection event through the normal pipeline.
 */
@Injectable()
export class InspectionPlanService {
  constructor(
    private readonly db: Database,
    private readonly plans: InspectionPlanRepository,
    private readonly events: EnforcementEventPublisher,
    private readonly audit: AuditLogRepository,
    private readonly jurisdiction: EnterpriseJurisdictionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): number {
    return dayOfInstant(this.clock.now(), this.config.timeZone);
  }

  async create(body: NewPlanRequest, user: AuthUser): Promise<PlanJson> {
    // A scoped inspector draws inside their jurisdiction: no region filter means all of it; a filter
    // reaching outside names regions that do not exist for them.
    const scope = scopeOf(user);
    if (scope !== null) {
      if (body.regionPrefixes.length === 0) body = { ...body, regionPrefixes: [...scope] };
      else if (!prefixesWithin(scope, body.regionPrefixes)) throw new ApiError(404, 'region_not_found', 'A region of the plan lies outside your jurisdiction');
    }
    const today = this.today();
    const day = body.day ?? isoFromDay(today);
    if (dayFromIso(day) > today) throw new ApiError(400, 'invalid_input', `day ${day} is in the future: plans use the ratings of a day that has begun`);
    if (body.inspectors.length < 2) throw new ApiError(400, 'invalid_input', 'the inspector pool needs at least 2 inspectors');
    const known = await this.plans.activeInspectors(this.db, body.inspectors);
    const unknown = body.inspectors.filter((n) => !known.has(n));
    if (unknown.length > 0) throw new ApiError(400, 'unknown_inspectors', `not active inspector accounts: ${unknown.join(', ')}`);

    const id = await this.db.transaction('inspection_plans.create', async (tx) => {
      // Read in the same snapshot as the write: the population file is exactly the ratings seen.
      const rows = await this.plans.population(tx, day, body.regionPrefixes, body.industryPrefixes);
      const exempt = body.includeExempt ? new Set<string>() : await this.plans.exemptOn(tx, day);
      const population = rows.filter((r) => !exempt.has(r.uscc)).map((r) => ({ uscc: r.uscc, stars: r.stars as DrawStars }));
      if (population.length === 0) throw new ApiError(400, 'empty_population', `no enterprise in scope was rated on ${day}`);
      const seed = randomBytes(32).toString('hex');
      const draw = drawPlan({ seed, size: body.size, inspectors: body.inspectors, population });
      const planId = await this.plans.insert(tx, {
        name: body.name,
        day,
        regionPrefixes: body.regionPrefixes,
        industryPrefixes: body.industryPrefixes,
        size: body.size,
        includeExempt: body.includeExempt,
        inspectors: body.inspectors,
        seed,
        snapshotSha256: draw.snapshotSha256,
        populationSize: draw.population.length,
        population: draw.populationFile,
        createdBy: user.username,
      });
      await this.plans.insertDraws(tx, planId, draw.drawn);
      // Recorded with the plan, in its transaction: a plan exists only with its audit row.
      await this.audit.append(tx, { action: 'inspection_plan.created', actor: { id: user.id, username: user.username }, target: planId, detail: { name: body.name, day, size: body.size, seed, snapshotSha256: draw.snapshotSha256 } });
      return planId;
    });
    return this.get(id);
  }

  /** The plan as inspectors see it (with the inspectors drawn, the pool and the expected frequencies). */
  async get(id: string, user?: AuthUser): Promise<PlanJson> {
    const { plan, draws, resultOf } = await this.load(id);
    // A plan wholly outside a scoped inspector's regions does not exist for them.
    if (!scopesIntersect(scopeOf(user), plan.region_prefixes)) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
    const text = (await this.plans.populationText(this.db, id)) ?? '';
    return {
      ...publicPlanJson(plan, draws, resultOf),
      drawn: draws.map((d) => ({ ...drawnJson(d, resultOf), inspectors: d.inspectors })),
      createdBy: plan.created_by,
      cancelledBy: plan.cancelled_by,
      inspectors: plan.inspectors,
      expectedByStars: expectedFrequencyByStars(starCounts(text), plan.size),
    };
  }

  /** The published plan (一公开): the draw without who inspects. */
  async getPublic(id: string): Promise<PublicPlanJson> {
    const { plan, draws, resultOf } = await this.load(id);
    return publicPlanJson(plan, draws, resultOf);
  }

  private async load(id: string): Promise<{ plan: PlanRow; draws: DrawRow[]; resultOf: Map<string, InspectionResult> }> {
    const plan = await this.plans.find(this.db, id);
    if (!plan) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
    const [draws, results] = await Promise.all([this.plans.draws(this.db, id), this.plans.results(this.db, id)]);
    return { plan, draws, resultOf: new Map(results.map((r) => [r.enterprise_id, r.result])) };
  }

  async populationFile(id: string): Promise<string> {
    const text = await this.plans.populationText(this.db, id);
    if (text === null) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
    return text;
  }

  async list(q: PlanListQuery, user: AuthUser): Promise<PlanList> {
    const rows = await this.plans.list(this.db, q.mine === 'true' ? user.username : null, q.limit, scopeOf(user));
    return {
      plans: rows.map((p) => ({
        id: p.id,
        name: p.name,
        day: p.day,
        populationSize: p.population_size,
        drawnCount: p.drawn_count,
        recordedCount: Math.min(p.recorded_count, p.drawn_count),
        status: p.cancelled_at ? 'cancelled' : 'active',
        createdBy: p.created_by,
        createdAt: p.created_at.toISOString(),
      })),
    };
  }

  async cancel(id: string, body: CancelPlanRequest, user: AuthUser): Promise<PlanJson> {
    await this.assertWithin(id, user);
    const done = await this.plans.cancel(this.db, id, user.username, body.reason);
    if (!done) {
      const plan = await this.plans.find(this.db, id);
      if (!plan) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
      throw new ApiError(409, 'plan_cancelled', `inspection plan ${id} was already cancelled`);
    }
    await this.audit.record({ action: 'inspection_plan.cancelled', actor: { id: user.id, username: user.username }, target: id, reason: body.reason, detail: { reason: body.reason } });
    return this.get(id, user);
  }

  /**
   * A scoped inspector changes only plans inside their jurisdiction: 404 for one they cannot see,
   * 403 for one they see (it meets their regions) but that reaches beyond them.
   */
  private async assertWithin(id: string, user: AuthUser): Promise<void> {
    const scope = scopeOf(user);
    if (scope === null) return;
    const plan = await this.plans.find(this.db, id);
    if (!plan || !scopesIntersect(scope, plan.region_prefixes)) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
    if (!prefixesWithin(scope, plan.region_prefixes)) throw new ApiError(403, 'outside_jurisdiction', `inspection plan ${id} reaches beyond your jurisdiction`);
  }

  /**
   * One of the enterprise's two drawn inspectors (or an admin) records the result. It is an
   * enforcement.inspection event with data.planId, sent like every other decision event, so a
   * violation scores E1 and the plan's result is read back from the stored event.
   */
  async recordResult(id: string, body: RecordResultRequest, user: AuthUser): Promise<PlanJson> {
    const plan = await this.plans.find(this.db, id);
    if (!plan || !scopesIntersect(scopeOf(user), plan.region_prefixes)) throw new ApiError(404, 'plan_not_found', `no inspection plan ${id}`);
    if (!(await this.jurisdiction.contains(scopeOf(user), body.uscc))) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${body.uscc} in plan ${id}`);
    if (plan.cancelled_at) throw new ApiError(409, 'plan_cancelled', `inspection plan ${id} was cancelled: ${plan.cancel_reason}`);
    const draws = await this.plans.draws(this.db, id);
    const drawn = draws.find((d) => d.enterprise_id === body.uscc);
    if (!drawn) throw new ApiError(404, 'not_drawn', `${body.uscc} was not drawn in plan ${id}`);
    if (user.role !== 'admin' && !drawn.inspectors.includes(user.username)) {
      throw new ApiError(403, 'not_assigned', `only the inspectors drawn for ${body.uscc} (${drawn.inspectors.join(', ')}) may record its result`);
    }
    const existing = (await this.plans.results(this.db, id)).find((r) => r.enterprise_id === body.uscc);
    if (existing) throw new ApiError(409, 'result_recorded', `the result for ${body.uscc} was already recorded (${existing.result}); a correction goes through an appeal`);
    const findings = body.findings && body.findings.length > 0 ? body.findings : undefined;
    await this.events.publish({
      eventId: planResultEventId(id, body.uscc),
      type: 'enforcement.inspection',
      enterpriseId: body.uscc,
      data: { inspectionId: `IP${id}-${drawn.rank}`, result: body.result, ...(findings ? { findings } : {}), planId: id },
    });
    return this.get(id);
  }
}

function drawnJson(d: DrawRow, resultOf: Map<string, InspectionResult>) {
  return { rank: d.rank, uscc: d.enterprise_id, name: d.name, stars: d.stars, weight: d.weight, key: d.key, result: resultOf.get(d.enterprise_id) ?? null };
}

// Inspectors' names stay off the public page (一公开 shows the draw, not who inspects).
function publicPlanJson(plan: PlanRow, draws: DrawRow[], resultOf: Map<string, InspectionResult>): PublicPlanJson {
  return {
    id: plan.id,
    name: plan.name,
    day: plan.day,
    seed: plan.seed,
    snapshotSha256: plan.snapshot_sha256,
    populationSize: plan.population_size,
    drawn: draws.map((d) => drawnJson(d, resultOf)),
    regionPrefixes: plan.region_prefixes,
    industryPrefixes: plan.industry_prefixes,
    size: plan.size,
    includeExempt: plan.include_exempt,
    status: plan.cancelled_at ? 'cancelled' : 'active',
    createdAt: plan.created_at.toISOString(),
    cancelledAt: plan.cancelled_at?.toISOString() ?? null,
    cancelReason: plan.cancel_reason,
  };
}
