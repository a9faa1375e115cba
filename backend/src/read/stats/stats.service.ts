import { Inject, Injectable } from '@nestjs/common';
import {
  dayFromIso,
  dayOfInstant,
  isoFromDay,
  type Breakdown,
  type EarlyWarningItem,
  type EarlyWarningsResponse,
  type OverviewStats,
  type RecentChangesResponse,
  type StarCounts,
  type TrendStats,
} from '@envface/streams';
import { TZDate } from '@date-fns/tz';
import type { RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { RatingReadRepository } from '../ratings/rating-read.repository';
import { industryLabel, regionLabel, UNKNOWN_KEY } from './code-labels';
import { EarlyWarningService } from './early-warnings.service';
import { StatsRepository, type BreakdownRow, type DayStarCountRow } from './stats.repository';

export const MAX_TREND_DAYS = 400;
/** eventsPerMinute averages over this window: long enough to smooth batches, short enough to be "now". */
export const EVENT_RATE_WINDOW_MINUTES = 10;

export type { StarCounts };
export type BreakdownJson = Breakdown;

function zeroCounts(): StarCounts {
  return { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
}

function starKey(stars: number): keyof StarCounts {
  return String(stars) as keyof StarCounts;
}

/** Rows of one dimension → one entry per key, the biggest groups first (then by key, stable). */
function breakdown(rows: readonly BreakdownRow[], dimension: BreakdownRow['dimension']): BreakdownJson[] {
  const byKey = new Map<string, StarCounts>();
  for (const r of rows) {
    if (r.dimension !== dimension) continue;
    const key = r.key ?? UNKNOWN_KEY;
    const counts = byKey.get(key) ?? zeroCounts();
    counts[starKey(r.stars)] += r.n;
    byKey.set(key, counts);
  }
  const total = (c: StarCounts) => c['1'] + c['2'] + c['3'] + c['4'] + c['5'];
  const label = dimension === 'region' ? regionLabel : industryLabel;
  return [...byKey]
    .sort(([ka, a], [kb, b]) => total(b) - total(a) || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([key, counts]) => ({ key, label: key === UNKNOWN_KEY ? UNKNOWN_KEY : label(key), counts }));
}

/** The dashboard's numbers; "today" is the app clock's day in the rating timezone. */
@Injectable()
export class StatsService {
  constructor(
    private readonly db: Database,
    private readonly stats: StatsRepository,
    private readonly ratings: RatingReadRepository,
    private readonly warnings: EarlyWarningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private now(): { ms: number; today: number; asOf: string } {
    const ms = this.clock.now();
    return { ms, today: dayOfInstant(ms, this.config.timeZone), asOf: new TZDate(ms, this.config.timeZone).toISOString() };
  }

  /**
   * `scope`: a scoped inspector's figures count only their regions (events per minute stays the
   * deployment's intake rate: it names no enterprise).
   */
  async overview(scope: RegionScope = null): Promise<OverviewStats> {
    const { today, asOf } = this.now();
    const [totals, rows, changes, accepted] = await Promise.all([
      this.stats.overviewTotals(this.db, scope),
      this.stats.breakdowns(this.db, scope),
      this.stats.starChanges(this.db, isoFromDay(today), isoFromDay(today - 1), scope),
      this.stats.eventsAcceptedSince(this.db, EVENT_RATE_WINDOW_MINUTES),
    ]);
    return {
      asOf,
      day: isoFromDay(today),
      total: totals.total,
      rated: totals.rated,
      byStars: { '1': totals.s1, '2': totals.s2, '3': totals.s3, '4': totals.s4, '5': totals.s5 },
      byFace: { smile: totals.smile, neutral: totals.neutral, cry: totals.cry },
      vetoesInForce: totals.vetoes,
      upgradesToday: changes.upgrades,
      downgradesToday: changes.downgrades,
      eventsPerMinute: Math.round((accepted / EVENT_RATE_WINDOW_MINUTES) * 10) / 10,
      byRegion: breakdown(rows, 'region'),
      byIndustry: breakdown(rows, 'industry'),
    };
  }

  private day(name: string, value: string): number {
    try {
      return dayFromIso(value);
    } catch {
      throw new ApiError(400, 'invalid_date', `${name}: expected a calendar date YYYY-MM-DD, got '${value}'`);
    }
  }

  /** One entry per day from `from` to `to` (default: the last 30 days), zeros where nothing was rated. */
  async trend(from: string | undefined, to: string | undefined, scope: RegionScope = null): Promise<TrendStats> {
    const { today } = this.now();
    const toDay = Math.min(to === undefined ? today : this.day('to', to), today);
    const fromDay = from === undefined ? toDay - 29 : this.day('from', from);
    if (fromDay > toDay) throw new ApiError(400, 'invalid_range', 'from must not be after to (or after today)');
    if (toDay - fromDay + 1 > MAX_TREND_DAYS) throw new ApiError(400, 'invalid_range', `at most ${MAX_TREND_DAYS} days per request`);
    // The rollup counts the whole deployment; a jurisdiction (a district: far fewer enterprises) counts its own ratings.
    const rows =
      scope === null
        ? await this.stats.dayStarCounts(this.db, isoFromDay(fromDay), isoFromDay(toDay))
        : await this.stats.dayStarCountsFromRatings(this.db, isoFromDay(fromDay), isoFromDay(toDay), scope);
    return { from: isoFromDay(fromDay), to: isoFromDay(toDay), days: this.daysOf(rows, fromDay, toDay) };
  }

  private daysOf(rows: readonly DayStarCountRow[], fromDay: number, toDay: number): { day: string; counts: StarCounts }[] {
    const byDay = new Map<string, StarCounts>();
    for (const r of rows) {
      const counts = byDay.get(r.day) ?? zeroCounts();
      counts[starKey(r.stars)] += r.n;
      byDay.set(r.day, counts);
    }
    const days: { day: string; counts: StarCounts }[] = [];
    for (let d = fromDay; d <= toDay; d++) {
      const day = isoFromDay(d);
      days.push({ day, counts: byDay.get(day) ?? zeroCounts() });
    }
    return days;
  }

  async recentChanges(limit: number, scope: RegionScope = null): Promise<RecentChangesResponse> {
    const rows = await this.stats.recentChanges(this.db, limit, scope);
    return {
      items: rows.map((r) => ({
        enterpriseId: r.enterprise_id,
        name: r.name,
        day: r.day,
        revision: r.revision,
        score: r.score_tenths / 10,
        stars: r.stars,
        face: r.face,
        colour: r.colour,
        grade: r.grade,
        veto: r.veto,
        previous: r.previous_stars === null ? null : { score: r.previous_score_tenths! / 10, stars: r.previous_stars },
        causeEventIds: r.cause_event_ids,
        recordedAt: r.recorded_at.toISOString(),
      })),
    };
  }

  /**
   * SQL picks the enterprises and their order; the engine's `earlyWarnings` then says exactly which
   * warnings each has, from the same stored ratings.
   */
  async earlyWarnings(limit: number, scope: RegionScope = null): Promise<EarlyWarningsResponse> {
    const { today, asOf } = this.now();
    const day = isoFromDay(today);
    const candidates = await this.stats.warningCandidates(this.db, day, this.warnings.thresholds(), limit, scope);
    const history = await this.ratings.latestInRanges(
      this.db,
      candidates.map((c) => ({ enterpriseId: c.uscc, from: isoFromDay(today - 7), to: day })),
    );
    const byEnterprise = new Map<string, typeof history>();
    for (const r of history) byEnterprise.set(r.enterprise_id, [...(byEnterprise.get(r.enterprise_id) ?? []), r]);
    const items: EarlyWarningItem[] = [];
    for (const c of candidates) {
      const warnings = this.warnings.warningsOn(day, c.industry_code, byEnterprise.get(c.uscc) ?? []);
      if (warnings.length === 0) continue;
      items.push({
        uscc: c.uscc,
        name: c.name,
        regionCode: c.region_code,
        industryCode: c.industry_code,
        score: c.score_tenths / 10,
        stars: c.stars,
        face: c.face,
        colour: c.colour,
        grade: c.grade,
        veto: c.veto,
        warnings,
      });
    }
    return { asOf, day, total: candidates[0]?.total ?? 0, items };
  }
}
