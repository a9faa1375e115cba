import type { Day } from './day';
import type { DayRating, Stars } from './day-rating';
import type { RuleProfile } from './rule-set';
import type { DayRange } from './enterprise-ledger';

/** Streak (docs/rating-rules.md): consecutive 5-star days ending on D, carried forward one day at a time. */
export function nextStreak(previousDayStreak: number, stars: Stars): number {
  return stars === 5 ? previousDayStreak + 1 : 0;
}

/** Streak ending on the last element of `starsByDay` (ascending, consecutive days). */
export function streakOf(starsByDay: readonly Stars[]): number {
  let n = 0;
  for (let i = starsByDay.length - 1; i >= 0 && starsByDay[i] === 5; i--) n++;
  return n;
}

export type EarlyWarningKind = 'near_threshold' | 'star_drop' | 'overdue_order';

export interface EarlyWarning {
  kind: EarlyWarningKind;
  /** near_threshold: the threshold (tenths) the score sits just above; star_drop: the day of the drop. */
  threshold?: number;
  day?: Day;
  eventIds?: string[];
}

const NEAR_MARGIN_TENTHS = 20;

/**
 * Early warning (预警, docs/rating-rules.md) for day D:
 * - near_threshold: the score is within 2.0 points above the threshold of its current star band
 *   (inclusive; not under a veto, whose stars do not follow the score);
 * - star_drop: on some day in [D−6, D] the stars fell below the previous day's;
 * - overdue_order: an E4 effect (rectification order past its deadline) is active on D.
 * `recentStars` holds the stars of days D−7 … D in order (missing days before the first day are omitted).
 */
export function earlyWarnings(today: DayRating, recentStars: readonly { day: Day; stars: Stars }[], profile: RuleProfile): EarlyWarning[] {
  const out: EarlyWarning[] = [];
  if (!today.veto && today.stars > 1) {
    const t = profile.thresholds;
    const threshold = today.stars === 5 ? t.five : today.stars === 4 ? t.four : today.stars === 3 ? t.three : t.two;
    if (today.scoreTenths - threshold <= NEAR_MARGIN_TENTHS) out.push({ kind: 'near_threshold', threshold });
  }
  for (let i = recentStars.length - 1; i >= 1; i--) {
    const cur = recentStars[i]!;
    const prev = recentStars[i - 1]!;
    if (cur.day < today.day - 6) break;
    if (cur.day === prev.day + 1 && cur.stars < prev.stars) {
      out.push({ kind: 'star_drop', day: cur.day });
      break;
    }
  }
  const overdue = today.effects.filter((e) => e.indicator === 'E4').map((e) => e.eventId);
  if (overdue.length > 0) out.push({ kind: 'overdue_order', eventIds: overdue });
  return out;
}

/** The days [from, to] (inclusive) to re-rate for an affected range, clamped to the enterprise's life so far. */
export function daysToRate(affected: DayRange | null, firstDay: Day | null, today: Day): { from: Day; to: Day } | null {
  if (!affected || firstDay === null) return null;
  const from = Math.max(affected.from, firstDay);
  const to = affected.until === null ? today : Math.min(affected.until - 1, today);
  return from <= to ? { from, to } : null;
}

/** Inspection sampling weight by stars (双随机). */
export const SAMPLING_WEIGHT: Record<Stars, number> = { 5: 0.5, 4: 1, 3: 2, 2: 3, 1: 4 };
