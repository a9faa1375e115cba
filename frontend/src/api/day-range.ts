/**
 * Calendar days for API queries. Ratings are per day in the rating timezone (Asia/Shanghai by default), so "today"
 * is computed there, not in the browser's zone (an inspector travelling abroad still sees the Chinese day).
 */
export const DEFAULT_RATING_TZ = 'Asia/Shanghai';

/** YYYY-MM-DD of `instant` in `timeZone`. */
export function dayIn(instant: Date, timeZone: string = DEFAULT_RATING_TZ): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** `day` plus `n` calendar days (n may be negative); plain date arithmetic in UTC, no timezone involved. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The inclusive range of the last `days` days ending today in the rating timezone. */
export function lastDays(days: number, now: Date = new Date(), timeZone: string = DEFAULT_RATING_TZ): { from: string; to: string } {
  const to = dayIn(now, timeZone);
  return { from: addDays(to, -(days - 1)), to };
}
