import type { Stars } from '../../api/api-types';

export interface LevelStreak {
  stars: Stars;
  /** Consecutive days, ending on the latest rated day, with these stars. */
  days: number;
  /** True when the run reaches the first loaded day: it may be longer than the history on the page. */
  atLeast: boolean;
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/**
 * How long the enterprise has held its current star level, from the daily ratings the page already loaded
 * (any order). Not the API's `streak`, which counts five-star days only.
 */
export function levelStreak(ratings: readonly { day: string; stars: Stars }[]): LevelStreak | null {
  if (ratings.length === 0) return null;
  const sorted = [...ratings].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const last = sorted[sorted.length - 1];
  let days = 1;
  for (let i = sorted.length - 2; i >= 0; i -= 1) {
    const r = sorted[i];
    if (r.stars !== last.stars || dayNumber(sorted[i + 1].day) - dayNumber(r.day) !== 1) {
      return { stars: last.stars, days, atLeast: false };
    }
    days += 1;
  }
  return { stars: last.stars, days, atLeast: true };
}
