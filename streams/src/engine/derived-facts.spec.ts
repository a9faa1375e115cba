import { dayFromIso } from './day';
import { daysToRate, earlyWarnings, nextStreak, streakOf } from './derived-facts';
import { EnterpriseLedger } from './enterprise-ledger';
import { defaultRuleBook } from './rule-set';
import { toScoringEvent } from './scoring-event';
import type { ContractEvent } from '../contract/event-schemas';
import type { Stars } from './day-rating';

const ID = '91320100MA1W9XKE6T';
const book = defaultRuleBook();
const profile = book.defaultProfile;

function ledgerWith(events: Omit<ContractEvent, 'enterpriseId'>[]): EnterpriseLedger {
  const l = new EnterpriseLedger(ID, book);
  for (const e of events) l.apply(toScoringEvent({ ...e, enterpriseId: ID } as ContractEvent, 'Asia/Shanghai'));
  return l;
}

describe('derived facts', () => {
  it('streaks count consecutive 5-star days', () => {
    expect(streakOf([5, 4, 5, 5, 5] as Stars[])).toBe(3);
    expect(streakOf([5, 5, 4] as Stars[])).toBe(0);
    expect(nextStreak(29, 5)).toBe(30);
    expect(nextStreak(29, 4)).toBe(0);
  });

  it('warns when the score is within 2.0 above its band threshold', () => {
    // general incident: E 40 → 82.5 (4 stars, 2.5 above 80): no warning; + complaint (S 20) → 80.5: warning.
    const l = ledgerWith([{ eventId: 'i', type: 'enforcement.incident', occurredAt: '2026-03-01T09:00:00+08:00', data: { incidentId: 'I', level: 'general' } }]);
    const day = dayFromIso('2026-03-02');
    expect(earlyWarnings(l.rate(day), [], profile)).toEqual([]);
    l.apply(toScoringEvent({ eventId: 'k', type: 'enforcement.complaint_verified', enterpriseId: ID, occurredAt: '2026-03-01T10:00:00+08:00', data: { complaintId: 'K' } }, 'Asia/Shanghai'));
    const r = l.rate(day);
    expect(r.scoreTenths).toBe(805);
    expect(earlyWarnings(r, [], profile)).toEqual([{ kind: 'near_threshold', threshold: 800 }]);
  });

  it('warns on a star drop within 7 days and on an overdue order', () => {
    const l = ledgerWith([{ eventId: 'o', type: 'enforcement.rectification_order', occurredAt: '2026-03-01T09:00:00+08:00', data: { orderNo: 'O', deadline: '2026-03-05' } }]);
    const d = dayFromIso('2026-03-08');
    const recent = [];
    for (let x = d - 7; x <= d; x++) recent.push({ day: x, stars: l.rate(x).stars });
    const w = earlyWarnings(l.rate(d), recent, profile);
    expect(w).toContainEqual({ kind: 'overdue_order', eventIds: ['o'] });
    expect(w).toContainEqual({ kind: 'star_drop', day: dayFromIso('2026-03-06') });
    // 8 days after the drop it is no longer recent
    const later = dayFromIso('2026-03-14');
    const recent2 = [];
    for (let x = later - 7; x <= later; x++) recent2.push({ day: x, stars: l.rate(x).stars });
    expect(earlyWarnings(l.rate(later), recent2, profile).map((x) => x.kind)).toEqual(['overdue_order']);
  });

  it('clamps the affected range to the enterprise life and today', () => {
    expect(daysToRate({ from: 10, until: null }, 12, 20)).toEqual({ from: 12, to: 20 });
    expect(daysToRate({ from: 10, until: 15 }, 5, 20)).toEqual({ from: 10, to: 14 });
    expect(daysToRate({ from: 25, until: 30 }, 5, 20)).toBeNull();
    expect(daysToRate(null, 5, 20)).toBeNull();
  });

  it('moves the first day back for a late event and reports the new days', () => {
    const l = ledgerWith([{ eventId: 'a', type: 'enforcement.award', occurredAt: '2026-03-10T09:00:00+08:00', data: { title: 'T', level: 'city' } }]);
    const out = l.apply(toScoringEvent({ eventId: 'r', type: 'monitoring.reading', enterpriseId: ID, occurredAt: '2026-03-01T09:00:00+08:00', data: { pointId: 'W', pollutant: 'COD', value: 1, limit: 5 } }, 'Asia/Shanghai'));
    expect(l.firstDay).toBe(dayFromIso('2026-03-01'));
    expect(out.affected).toEqual({ from: dayFromIso('2026-03-01'), until: dayFromIso('2026-03-10') });
    expect(l.retainedEvents).toBe(1); // the reading under its limit is not retained
  });
});
