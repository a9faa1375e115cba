import type { Day } from './day';
import { deriveEffects, repairRefOf, type Effect, type RepairLookup } from './effects';
import { rateDay, type DayRating } from './day-rating';
import { insertPermitEntry, permitEntryOf, permitLapseOn, type PermitEntry } from './permit-state';
import { profileFor, type RuleBook, type RuleProfile } from './rule-set';
import { compareByInstantThenId, reportKey, type ScoringEvent } from './scoring-event';

/** A range of days [from, until); until null = open-ended (through today and beyond). */
export interface DayRange {
  from: Day;
  until: Day | null;
}

export interface ApplyOutcome {
  /** False when the event was already retained (idempotent re-delivery). */
  applied: boolean;
  /** Days whose rating may have changed, or null when none can have. A superset: compare before storing. */
  affected: DayRange | null;
}

const NO_EFFECTS: readonly Effect[] = Object.freeze([]);
const NO_PERMITS: readonly (readonly PermitEntry[])[] = Object.freeze([]);

function addToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const s = map.get(key);
  if (s) s.add(value);
  else map.set(key, new Set([value]));
}

function union(a: DayRange | null, from: Day, until: Day | null): DayRange {
  if (!a) return { from, until };
  return {
    from: Math.min(a.from, from),
    until: a.until === null || until === null ? null : Math.max(a.until, until),
  };
}

/**
 * One enterprise's scoring state, updated one event at a time.
 *
 * Kept: the scoring-relevant events (anything with an effect, repairs, permit lifecycle, voids),
 * their current effects, and indices from repair references to the events they repair. Readings at
 * or under the limit, compliant inspections and registry events only move `firstDay` and (registry)
 * the industry profile — they are not retained, which keeps hourly monitoring cheap.
 *
 * Applying an event recomputes only the effects it can change (itself; for a repair, the events it
 * repairs; for a void, its target and what the target repaired) and returns the day range those old
 * and new effects cover, so the caller re-rates exactly those days.
 */
export class EnterpriseLedger implements RepairLookup {
  private profile: RuleProfile;
  private industryCode: string | null = null;
  private industryFrom: { atMs: number; id: string } | null = null;
  private first: Day | null = null;

  // Created on first use: the scorer keeps a ledger per enterprise (200,000 of them), most with
  // nothing but a permit, and an empty Map costs about 190 bytes — eight of them tripled the heap
  // and the length of every full garbage collection.
  private events: Map<string, ScoringEvent> | undefined;
  private voidedTargets: Set<string> | undefined;
  private effectsByEvent: Map<string, Effect[]> | undefined;
  private dependentsByRef: Map<string, Set<string>> | undefined;
  private completionsByRef: Map<string, Set<string>> | undefined;
  private overdueByKey: Map<string, Set<string>> | undefined;
  private submissionsByKey: Map<string, Set<string>> | undefined;
  private permits: Map<string, PermitEntry[]> | undefined;
  private flatEffects: readonly Effect[] | null = NO_EFFECTS;

  constructor(
    readonly enterpriseId: string,
    private readonly book: RuleBook,
  ) {
    this.profile = book.defaultProfile;
  }

  /** The enterprise's first day: the day of its earliest accepted event (registration included). */
  get firstDay(): Day | null {
    return this.first;
  }

  get currentProfile(): RuleProfile {
    return this.profile;
  }

  /** Number of retained events (for memory accounting). */
  get retainedEvents(): number {
    return this.events?.size ?? 0;
  }

  /** True when the event is retained here. Events without any effect are not remembered at all. */
  has(eventId: string): boolean {
    return this.events?.has(eventId) ?? false;
  }

  /**
   * Idempotent: a retained event applied again is recognised; one that was not retained (no effect)
   * changes nothing when applied again. Event-id uniqueness across all events is the store's job —
   * remembering every hourly reading's id here would grow without bound.
   */
  apply(se: ScoringEvent): ApplyOutcome {
    if (this.events?.has(se.id)) return { applied: false, affected: null };
    let affected: DayRange | null = null;
    if (this.first === null || se.day < this.first) {
      // The enterprise's days from here on come into existence (first event), or the days before
      // the old first day do (a late event): they must be rated.
      affected = { from: se.day, until: this.first };
      this.first = se.day;
    }
    const ev = se.event;
    if (ev.type === 'enterprise.upserted') return { applied: true, affected: this.applyRegistry(se, ev.data.industryCode, affected) };
    if (ev.type === 'enforcement.voided') {
      (this.events ??= new Map()).set(se.id, se);
      const target = ev.data.targetEventId;
      if (this.voidedTargets?.has(target)) return { applied: true, affected };
      (this.voidedTargets ??= new Set()).add(target);
      const victim = this.events.get(target);
      // A void of a void has no effect; a void of an unknown event waits for it.
      if (!victim || victim.event.type === 'enforcement.voided') return { applied: true, affected };
      return { applied: true, affected: this.deactivate(victim, affected) };
    }
    if (this.voidedTargets?.has(se.id)) return { applied: true, affected }; // voided before it arrived
    return { applied: true, affected: this.activate(se, affected) };
  }

  /** The rating of `day` over everything applied so far. */
  rate(day: Day): DayRating {
    return rateDay(day, this.allEffects(), permitLapseOn(day, this.permitLists(), this.profile), this.profile);
  }

  /**
   * The first day after `day` whose rating may differ from `day`'s in anything but its date, from
   * the events applied so far; null when no later day can differ. A day's rating is a function of
   * the effects active on it and its permit state (docs/rating-rules.md), so it can only change where an effect's
   * window starts or ends or where a permit event, validity start or expiry takes effect. A lapsed
   * day (P2) is explained with that day's own window, so the next day always differs. Lets the
   * nightly rollover copy yesterday's rating instead of re-evaluating enterprises nothing happens to.
   */
  nextChangeAfter(day: Day): Day | null {
    if (this.first === null || day < this.first) return day + 1;
    if (permitLapseOn(day, this.permitLists(), this.profile)) return day + 1;
    let next: Day | null = null;
    const consider = (d: Day): void => {
      if (d > day && (next === null || d < next)) next = d;
    };
    for (const e of this.allEffects()) {
      consider(e.from);
      if (e.until !== null) consider(e.until);
    }
    for (const entries of this.permitLists()) {
      for (const p of entries) {
        consider(p.day);
        if (p.validFrom !== null) consider(p.validFrom);
        if (p.validUntil !== null) consider(p.validUntil + 1);
      }
    }
    return next;
  }

  /** Current effects (before caps), e.g. for "how to regain stars". */
  allEffects(): readonly Effect[] {
    if (this.flatEffects === null) {
      const flat: Effect[] = [];
      for (const list of this.effectsByEvent?.values() ?? []) for (const e of list) flat.push(e);
      this.flatEffects = flat;
    }
    return this.flatEffects;
  }

  private permitLists(): Iterable<readonly PermitEntry[]> {
    return this.permits?.values() ?? NO_PERMITS;
  }

  // ---- RepairLookup ----

  earliestCompletion(ref: string): Day | undefined {
    return this.earliestOf(this.completionsByRef?.get(ref));
  }

  earliestSubmission(key: string): Day | undefined {
    return this.earliestOf(this.submissionsByKey?.get(key));
  }

  private earliestOf(ids: Set<string> | undefined): Day | undefined {
    if (!ids) return undefined;
    let best: Day | undefined;
    for (const id of ids) {
      const d = this.events!.get(id)!.day;
      if (best === undefined || d < best) best = d;
    }
    return best;
  }

  // ---- internals ----

  private applyRegistry(se: ScoringEvent, industryCode: string, affected: DayRange | null): DayRange | null {
    // The latest registration (by occurredAt, then id) names the industry, whatever the arrival order.
    if (this.industryFrom && compareByInstantThenId(se, this.industryFrom) < 0) return affected;
    this.industryFrom = { atMs: se.atMs, id: se.id };
    this.industryCode = industryCode;
    const next = profileFor(this.book, industryCode);
    if (next === this.profile) return affected;
    // Another profile means other points and windows on every day: rebuild every effect.
    this.profile = next;
    const all = new Set<string>(this.effectsByEvent?.keys() ?? []);
    for (const ids of this.overdueByKey?.values() ?? []) for (const id of ids) all.add(id);
    for (const ids of this.dependentsByRef?.values() ?? []) for (const id of ids) all.add(id);
    this.recompute(all, null);
    return { from: this.first!, until: null };
  }

  private activate(se: ScoringEvent, affected: DayRange | null): DayRange | null {
    const ev = se.event;
    const dirty = new Set<string>();
    switch (ev.type) {
      case 'enforcement.rectification_completed':
        (this.events ??= new Map()).set(se.id, se);
        addToSet((this.completionsByRef ??= new Map()), ev.data.ref, se.id);
        for (const id of this.dependentsByRef?.get(ev.data.ref) ?? []) dirty.add(id);
        break;
      case 'permit.report_submitted': {
        (this.events ??= new Map()).set(se.id, se);
        const key = reportKey(ev.data.permitNo, ev.data.reportType, ev.data.period);
        addToSet((this.submissionsByKey ??= new Map()), key, se.id);
        for (const id of this.overdueByKey?.get(key) ?? []) dirty.add(id);
        break;
      }
      case 'permit.report_overdue':
        (this.events ??= new Map()).set(se.id, se);
        addToSet((this.overdueByKey ??= new Map()), reportKey(ev.data.permitNo, ev.data.reportType, ev.data.period), se.id);
        dirty.add(se.id);
        break;
      case 'permit.issued':
      case 'permit.renewed':
      case 'permit.revoked': {
        (this.events ??= new Map()).set(se.id, se);
        const p = permitEntryOf(se)!;
        const list = this.permits?.get(p.permitNo);
        if (list) insertPermitEntry(list, p.entry);
        else (this.permits ??= new Map()).set(p.permitNo, [p.entry]);
        // P2 on every day from this event's day on may change.
        affected = union(affected, se.day, null);
        break;
      }
      case 'monitoring.reading':
        if (ev.data.value <= ev.data.limit) return affected; // no effect, not retained
        (this.events ??= new Map()).set(se.id, se);
        dirty.add(se.id);
        break;
      case 'enforcement.inspection':
        if (ev.data.result !== 'violation_found') return affected;
        (this.events ??= new Map()).set(se.id, se);
        addToSet((this.dependentsByRef ??= new Map()), ev.data.inspectionId, se.id);
        dirty.add(se.id);
        break;
      default: {
        const ref = repairRefOf(se);
        (this.events ??= new Map()).set(se.id, se);
        if (ref !== null) addToSet((this.dependentsByRef ??= new Map()), ref, se.id);
        dirty.add(se.id);
      }
    }
    return this.recompute(dirty, affected);
  }

  /** Removes a voided event from every index and effect — as if it never arrived. */
  private deactivate(se: ScoringEvent, affected: DayRange | null): DayRange | null {
    const ev = se.event;
    const dirty = new Set<string>([se.id]);
    this.events!.delete(se.id);
    switch (ev.type) {
      case 'enforcement.rectification_completed':
        this.completionsByRef?.get(ev.data.ref)?.delete(se.id);
        for (const id of this.dependentsByRef?.get(ev.data.ref) ?? []) dirty.add(id);
        break;
      case 'permit.report_submitted': {
        const key = reportKey(ev.data.permitNo, ev.data.reportType, ev.data.period);
        this.submissionsByKey?.get(key)?.delete(se.id);
        for (const id of this.overdueByKey?.get(key) ?? []) dirty.add(id);
        break;
      }
      case 'permit.report_overdue':
        this.overdueByKey?.get(reportKey(ev.data.permitNo, ev.data.reportType, ev.data.period))?.delete(se.id);
        break;
      case 'permit.issued':
      case 'permit.renewed':
      case 'permit.revoked': {
        const p = permitEntryOf(se)!;
        const list = this.permits!.get(p.permitNo)!;
        list.splice(list.findIndex((e) => e.id === se.id), 1);
        if (list.length === 0) this.permits!.delete(p.permitNo);
        affected = union(affected, se.day, null);
        break;
      }
      default: {
        const ref = repairRefOf(se);
        if (ref !== null) this.dependentsByRef?.get(ref)?.delete(se.id);
      }
    }
    return this.recompute(dirty, affected);
  }

  private recompute(ids: Set<string>, affected: DayRange | null): DayRange | null {
    for (const id of ids) {
      const old = this.effectsByEvent?.get(id);
      const se = this.events?.get(id);
      const next = se ? deriveEffects(se, this.profile, this) : [];
      if (old) for (const e of old) affected = union(affected, e.from, e.until);
      for (const e of next) affected = union(affected, e.from, e.until);
      if (next.length > 0) (this.effectsByEvent ??= new Map()).set(id, next);
      else this.effectsByEvent?.delete(id);
      if (old || next.length > 0) this.flatEffects = null;
    }
    return affected;
  }
}
