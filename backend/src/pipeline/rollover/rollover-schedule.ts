import { dayOfInstant, startOfDayInstant, type Day } from '@envface/streams';

/** The next 00:00 in the rating timezone after `nowMs`: when the next day's ratings are due. */
export function nextRolloverAt(nowMs: number, timeZone: string): number {
  return startOfDayInstant(dayOfInstant(nowMs, timeZone) + 1, timeZone);
}

/**
 * The days a start-up (or a midnight wake-up) must roll over: every day after the last finished
 * rollover up to today. Without any finished rollover the oldest current rating is where the
 * ratings stopped, so rating resumes there (re-rating a day that is already stored writes nothing).
 */
export function catchUpDays(lastFinished: Day | null, earliestRated: Day | null, today: Day): Day[] {
  const from = lastFinished !== null ? lastFinished + 1 : earliestRated;
  if (from === null) return [];
  const days: Day[] = [];
  for (let d = from; d <= today; d++) days.push(d);
  return days;
}
