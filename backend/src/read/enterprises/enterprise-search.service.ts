import { Inject, Injectable } from '@nestjs/common';
import { dayOfInstant, isoFromDay, usccProblem, type StoredEffect, type EnterpriseDetail, type EnterpriseListItem, type EnterpriseListQuery, type EnterpriseListResponse } from '@envface/streams';
import { scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { currentRatingOf } from '../../platform/web/current-rating';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { RatingReadRepository } from '../ratings/rating-read.repository';
import { EarlyWarningService } from '../stats/early-warnings.service';
import { decodeCursor, encodeCursor } from './enterprise-cursor';
import { EnterpriseQueryRepository, type EnterpriseFilter, type EnterpriseListRow } from './enterprise-query.repository';
import { withEffectSources } from './effect-sources';

/**
 * Below this many enterprises an exact count of the whole table costs less than a page; above it
 * the planner's estimate is good enough for "about N enterprises" and costs nothing.
 */
export const EXACT_TOTAL_BELOW = 100_000;

const USCC_PREFIX = /^[0-9A-Za-z]{2,18}$/;

/** q as an ILIKE pattern matching it anywhere in the name (%, _ and \ in q match themselves). */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The explorer's filters as the repository's WHERE (shared by the list and its exports). */
export function enterpriseFilterOf(query: Pick<EnterpriseListQuery, 'q' | 'region' | 'industry' | 'stars' | 'face'>, scope: RegionScope = null): EnterpriseFilter {
  const q = query.q ?? null;
  return {
    namePattern: q === null ? null : containsPattern(q),
    // A USCC is upper case; people type it either way.
    usccPrefix: q !== null && USCC_PREFIX.test(q) ? `${q.toUpperCase()}%` : null,
    regions: query.region ?? null,
    industries: query.industry ?? null,
    stars: query.stars ?? null,
    faces: query.face ?? null,
    scope: scopePatterns(scope),
  };
}

export function item(r: EnterpriseListRow): EnterpriseListItem {
  return {
    uscc: r.uscc,
    name: r.name,
    registered: r.registered,
    regionCode: r.region_code,
    industryCode: r.industry_code,
    ratedDay: r.rated_day,
    score: r.score_tenths === null ? null : r.score_tenths / 10,
    stars: r.stars,
    face: r.face,
    colour: r.colour,
    grade: r.grade,
    veto: r.veto,
    streak: r.streak,
    handRegistration: r.hand_registration,
  };
}

/** Enterprise list (search, filters, keyset paging) and detail for inspectors. */
@Injectable()
export class EnterpriseSearchService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: EnterpriseQueryRepository,
    private readonly ratings: RatingReadRepository,
    private readonly warnings: EarlyWarningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: EnterpriseListQuery, scope: RegionScope = null): Promise<EnterpriseListResponse> {
    const { sort, order, limit } = query;
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sort, order);
    const q = query.q ?? null;
    const filter = enterpriseFilterOf(query, scope);
    const filtered = q !== null || query.region || query.industry || query.stars || query.face || scope !== null;
    // One row more than asked tells whether another page exists without counting.
    const [rows, total] = await Promise.all([
      this.enterprises.page(this.db, filter, sort, order, after, limit + 1),
      this.total(filter, Boolean(filtered)),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ sort, order, key: last.sort_key, uscc: last.uscc }) : null;
    return { items: page.map(item), nextCursor, ...total };
  }

  private async total(filter: EnterpriseFilter, filtered: boolean): Promise<{ total: number; totalExact: boolean }> {
    if (!filtered) {
      const estimate = await this.enterprises.estimatedCount(this.db);
      if (estimate >= EXACT_TOTAL_BELOW) return { total: Math.round(estimate), totalExact: false };
    }
    return { total: await this.enterprises.count(this.db, filter), totalExact: true };
  }

  async detail(uscc: string): Promise<EnterpriseDetail> {
    const problem = usccProblem(uscc);
    if (problem) throw new ApiError(400, 'invalid_uscc', `enterprise id: ${problem}`);
    const row = await this.enterprises.detail(this.db, uscc);
    if (!row) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const day = isoFromDay(today);
    const [eventCounts, recent] = await Promise.all([
      this.enterprises.eventCountsByType(this.db, uscc),
      // Early warnings look back 7 days before today.
      this.ratings.range(this.db, uscc, isoFromDay(today - 7), day),
    ]);
    const todays = recent.find((r) => r.day === day);
    // Today's active effects exactly as stored with today's rating, each with its event's type, day and data (#14).
    const effects = await withEffectSources(this.db, uscc, Array.isArray(todays?.effects) ? (todays.effects as StoredEffect[]) : []);
    return {
      uscc: row.uscc,
      name: row.name,
      registered: row.registered,
      regionCode: row.region_code,
      industryCode: row.industry_code,
      address: row.address,
      lat: row.lat,
      lon: row.lon,
      firstDay: row.first_day,
      current: currentRatingOf(row),
      streak: row.streak,
      eventCount: row.event_count,
      eventCounts,
      today: day,
      effects,
      earlyWarnings: this.warnings.warningsOn(day, row.industry_code, recent),
      handRegistration: row.hand_registration,
    };
  }
}
