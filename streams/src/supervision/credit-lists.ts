import type { Day } from '../engine/day';
import { CREDIT_LISTS, type CreditList } from '../contract/http-supervision.schema';

/**
 * Credit lists (docs/supervision.md §1) as a pure function of daily ratings. Membership on day D
 * depends on the ratings of D−179 … D at most; callers pass the 5★ streak before the first day
 * evaluated (the stored red-list run gives it) and the ratings of the 7 days before it, so a day's
 * change never needs 180 days of history.
 */
// CREDIT_LISTS and CreditList: the contract (http-supervision.schema.ts), which names them for the API.

/** What the lists need of one day's rating (the latest revision of the day). */
export interface ListRating {
  stars: number;
  veto: boolean;
  /** Early warning "near a threshold": within 2.0 above the current band's threshold, not under a veto. */
  near: boolean;
  /** An E4 (overdue rectification order) effect is active on the day. */
  overdueOrder: boolean;
}

export const INCENTIVE_DAYS = 30;
export const EXEMPT_DAYS = 180;
export const PRIORITY_LOW_DAYS = 7;
/** A star drop on day X puts the enterprise on the warning list on X … X+6. */
export const DROP_WINDOW_DAYS = 7;

/** Scores and thresholds in tenths, as the engine keeps them (profile.thresholds). */
export function isNearThreshold(scoreTenths: number, stars: number, veto: boolean, t: { five: number; four: number; three: number; two: number }): boolean {
  if (veto || stars <= 1) return false;
  const threshold = stars === 5 ? t.five : stars === 4 ? t.four : stars === 3 ? t.three : t.two;
  return scoreTenths - threshold <= 20;
}

export interface ListEvaluationInput {
  /** First and last day to evaluate (inclusive). */
  from: Day;
  to: Day;
  /** Ratings by day; must hold every rated day of [from − 7, to]. A missing day is a day not rated. */
  ratings: ReadonlyMap<Day, ListRating>;
  /** Consecutive 5★ rated days ending on from − 1 (0 if from − 1 was not 5★). */
  fiveStreakBefore: number;
}

/** Membership of every list on each day of [from, to]: flags[list][d − from]. */
export function evaluateLists(input: ListEvaluationInput): Record<CreditList, boolean[]> {
  const { from, to, ratings } = input;
  const out = Object.fromEntries(CREDIT_LISTS.map((l) => [l, [] as boolean[]])) as Record<CreditList, boolean[]>;
  let five = input.fiveStreakBefore;
  const dropOn = (d: Day): boolean => {
    const cur = ratings.get(d);
    const prev = ratings.get(d - 1);
    return cur !== undefined && prev !== undefined && cur.stars < prev.stars;
  };
  for (let d = from; d <= to; d++) {
    const r = ratings.get(d);
    five = r !== undefined && r.stars === 5 ? five + 1 : 0;
    let low = 0;
    while (low < PRIORITY_LOW_DAYS) {
      const x = ratings.get(d - low);
      if (x === undefined || x.stars > 2) break;
      low++;
    }
    let drop = false;
    for (let x = d - DROP_WINDOW_DAYS + 1; x <= d && !drop; x++) drop = dropOn(x);
    out.red.push(r !== undefined && r.stars === 5);
    out.black.push(r !== undefined && r.stars === 1);
    out.incentive.push(five >= INCENTIVE_DAYS);
    out.exempt.push(five >= EXEMPT_DAYS);
    out.priority.push(r !== undefined && (r.veto || low >= PRIORITY_LOW_DAYS));
    out.warning.push(r !== undefined && (r.near || r.overdueOrder || drop));
  }
  return out;
}

export interface MembershipRun {
  from: Day;
  /** Last day of the run; null = still a member on the last day evaluated. */
  to: Day | null;
}

/** Maximal runs of true in flags (flags[0] is day `from`); a run reaching the last flag is open. */
export function runsOf(flags: readonly boolean[], from: Day): MembershipRun[] {
  const runs: MembershipRun[] = [];
  let start: number | null = null;
  flags.forEach((f, i) => {
    if (f && start === null) start = i;
    if (!f && start !== null) {
      runs.push({ from: from + start, to: from + i - 1 });
      start = null;
    }
  });
  if (start !== null) runs.push({ from: from + start, to: null });
  return runs;
}

export interface MembershipChange {
  day: Day;
  change: 'joined' | 'left';
}

/**
 * The messages that bring a consumer from the old membership timeline of [from, to] to the new one,
 * where a message means "from `day` on, member (joined) or not (left)": at the first day the two
 * differ, the new state; after it, each change of the new timeline. For a change of today alone this
 * is exactly one join or leave; after a revision of past days it rewrites the timeline from there.
 */
export function membershipChanges(oldFlags: readonly boolean[], newFlags: readonly boolean[], from: Day): MembershipChange[] {
  const first = newFlags.findIndex((f, i) => f !== oldFlags[i]);
  if (first < 0) return [];
  const out: MembershipChange[] = [{ day: from + first, change: newFlags[first] ? 'joined' : 'left' }];
  for (let i = first + 1; i < newFlags.length; i++) {
    if (newFlags[i] !== newFlags[i - 1]) out.push({ day: from + i, change: newFlags[i] ? 'joined' : 'left' });
  }
  return out;
}
