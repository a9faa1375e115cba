import { dayFromIso, type Day } from './day';
import type { Effect } from './effects';
import type { RuleProfile } from './rule-set';
import { compareByInstantThenId, type ScoringEvent } from './scoring-event';

/** A permit lifecycle event reduced to what validity needs. */
export interface PermitEntry {
  readonly id: string;
  readonly atMs: number;
  readonly day: Day;
  /** null for a revocation. */
  readonly validFrom: Day | null;
  readonly validUntil: Day | null;
}

export function permitEntryOf(se: ScoringEvent): { permitNo: string; entry: PermitEntry } | null {
  const ev = se.event;
  if (ev.type === 'permit.issued' || ev.type === 'permit.renewed') {
    return {
      permitNo: ev.data.permitNo,
      entry: { id: se.id, atMs: se.atMs, day: se.day, validFrom: dayFromIso(ev.data.validFrom), validUntil: dayFromIso(ev.data.validUntil) },
    };
  }
  if (ev.type === 'permit.revoked') {
    return { permitNo: ev.data.permitNo, entry: { id: se.id, atMs: se.atMs, day: se.day, validFrom: null, validUntil: null } };
  }
  return null;
}

/**
 * P2 (docs/rating-rules.md): on day D each permit's state is set by its latest lifecycle event with eventDay <= D;
 * P2 applies when at least one such event exists and no permit is valid on D. `permits` holds each
 * permit's entries sorted by (occurredAt, eventId); since eventDay grows with occurredAt, the entries
 * with eventDay <= D are a prefix and the latest of them is the prefix's last element.
 */
export function permitLapseOn(day: Day, permits: Iterable<readonly PermitEntry[]>, profile: RuleProfile): Effect | null {
  let latest: PermitEntry | null = null;
  for (const entries of permits) {
    let i = entries.length - 1;
    while (i >= 0 && entries[i]!.day > day) i--;
    if (i < 0) continue;
    const e = entries[i]!;
    if (e.validFrom !== null && e.validFrom <= day && day <= e.validUntil!) return null;
    if (latest === null || compareByInstantThenId(e, latest) > 0) latest = e;
  }
  if (latest === null) return null;
  return {
    indicator: 'P2',
    eventId: latest.id,
    target: 'P',
    points: profile.points.noValidPermit,
    from: day,
    until: day + 1,
    repairable: true,
    capGroup: null,
    cap: Infinity,
    atMs: latest.atMs,
  };
}

/** Inserts keeping (occurredAt, eventId) order. */
export function insertPermitEntry(list: PermitEntry[], entry: PermitEntry): void {
  let i = list.length;
  while (i > 0 && compareByInstantThenId(list[i - 1]!, entry) > 0) i--;
  list.splice(i, 0, entry);
}
