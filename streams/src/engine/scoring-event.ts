import type { ContractEvent } from '../contract/event-schemas';
import { dayOfInstant, type Day } from './day';

/** An accepted event as the engine sees it: the contract event plus its instant and rating day. */
export interface ScoringEvent {
  readonly id: string;
  readonly atMs: number;
  /** eventDay: the calendar day of occurredAt in the rating timezone. */
  readonly day: Day;
  readonly event: ContractEvent;
}

export function toScoringEvent(event: ContractEvent, timeZone: string): ScoringEvent {
  const atMs = Date.parse(event.occurredAt);
  return { id: event.eventId, atMs, day: dayOfInstant(atMs, timeZone), event };
}

/** Ordering used wherever the model says "latest" or where ties must be broken deterministically. */
export function compareByInstantThenId(a: { atMs: number; id: string }, b: { atMs: number; id: string }): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  // eventIds are ASCII, so UTF-16 order is byte order.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const REPAIR_KEY_SEPARATOR = '\u0000';

export function reportKey(permitNo: string, reportType: string, period: string): string {
  return permitNo + REPAIR_KEY_SEPARATOR + reportType + REPAIR_KEY_SEPARATOR + period;
}
