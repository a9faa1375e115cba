import type { Day } from './day';
import { deriveEffects, type RepairLookup } from './effects';
import { rateDay, type DayRating } from './day-rating';
import { permitEntryOf, permitLapseOn, type PermitEntry } from './permit-state';
import { profileFor, type RuleBook } from './rule-set';
import { compareByInstantThenId, reportKey, type ScoringEvent } from './scoring-event';

/**
 * The model read literally, from scratch, with no indices or incremental state: the rating of one
 * day as a function of all events known. Slow by design; it is the oracle the incremental
 * EnterpriseLedger is tested against (property tests), and the audit path for a single day.
 */
export function rateFromScratch(events: readonly ScoringEvent[], day: Day, book: RuleBook): DayRating {
  const unique = new Map<string, ScoringEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const all = [...unique.values()];

  const registrations = all.filter((e) => e.event.type === 'enterprise.upserted').sort(compareByInstantThenId);
  const latestReg = registrations[registrations.length - 1];
  const profile = profileFor(book, latestReg?.event.type === 'enterprise.upserted' ? latestReg.event.data.industryCode : null);

  const isVoid = (e: ScoringEvent) => e.event.type === 'enforcement.voided';
  const voided = new Set<string>();
  for (const e of all) {
    if (e.event.type !== 'enforcement.voided') continue;
    const target = unique.get(e.event.data.targetEventId);
    if (target && !isVoid(target)) voided.add(target.id); // a void of a void has no effect
  }
  const live = all.filter((e) => !isVoid(e) && !voided.has(e.id));

  const repairs: RepairLookup = {
    earliestCompletion(ref) {
      let best: Day | undefined;
      for (const e of live) {
        if (e.event.type === 'enforcement.rectification_completed' && e.event.data.ref === ref && (best === undefined || e.day < best)) best = e.day;
      }
      return best;
    },
    earliestSubmission(key) {
      let best: Day | undefined;
      for (const e of live) {
        if (
          e.event.type === 'permit.report_submitted' &&
          reportKey(e.event.data.permitNo, e.event.data.reportType, e.event.data.period) === key &&
          (best === undefined || e.day < best)
        ) best = e.day;
      }
      return best;
    },
  };

  const effects = live.flatMap((e) => deriveEffects(e, profile, repairs));
  const permits = new Map<string, PermitEntry[]>();
  for (const e of live) {
    const p = permitEntryOf(e);
    if (!p) continue;
    const list = permits.get(p.permitNo) ?? [];
    list.push(p.entry);
    permits.set(p.permitNo, list);
  }
  for (const list of permits.values()) list.sort(compareByInstantThenId);
  return rateDay(day, effects, permitLapseOn(day, permits.values(), profile), profile);
}

/** First day of an enterprise from a set of its accepted events. */
export function firstDayOf(events: readonly ScoringEvent[]): Day | null {
  let first: Day | null = null;
  for (const e of events) if (first === null || e.day < first) first = e.day;
  return first;
}
