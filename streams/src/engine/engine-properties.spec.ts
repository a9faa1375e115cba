import fc from 'fast-check';
import type { ContractEvent } from '../contract/event-schemas';
import { dayOfInstant, isoFromDay, type Day } from './day';
import { EnterpriseLedger } from './enterprise-ledger';
import { ratingDetailJson } from './rating-json';
import { rateFromScratch } from './reference-evaluator';
import { defaultRuleBook, loadRuleBook, type RuleBook } from './rule-set';
import { toScoringEvent, type ScoringEvent } from './scoring-event';

const TZ = 'Asia/Shanghai';
const ENTERPRISE = '91320100MA1W9XKE6T';
const START = Date.parse('2025-12-01T00:00:00+08:00');
const SPAN_MS = 120 * 86_400_000;
const FIRST_DAY = dayOfInstant(START, TZ);

// Small pools so that references, permits and void targets collide often.
const refs = fc.constantFrom('R1', 'R2', 'R3');
const permits = fc.constantFrom('P1', 'P2');
const points = fc.constantFrom('W1', 'W2');
const isoDay = fc.integer({ min: FIRST_DAY - 30, max: FIRST_DAY + 150 }).map(isoFromDay);

const dataArb: fc.Arbitrary<{ type: ContractEvent['type']; data: unknown }> = fc.oneof(
  fc.record({ type: fc.constant('monitoring.reading' as const), data: fc.record({ pointId: points, pollutant: fc.constantFrom('COD', 'NH3N'), value: fc.constantFrom(10, 50, 60, 149, 151, 400), limit: fc.constant(50) }) }),
  fc.record({ type: fc.constant('monitoring.gap' as const), data: fc.record({ pointId: points, hours: fc.integer({ min: 1, max: 24 }) }) }),
  fc.record({ type: fc.constant('monitoring.falsification' as const), data: fc.constant({}) }),
  fc.record({ type: fc.constantFrom('permit.issued' as const, 'permit.renewed' as const), data: fc.tuple(permits, isoDay, fc.integer({ min: 0, max: 120 })).map(([permitNo, from, len]) => ({ permitNo, validFrom: from, validUntil: isoFromDay(Number(new Date(from).getTime() / 86_400_000) + len) })) }),
  fc.record({ type: fc.constant('permit.revoked' as const), data: fc.record({ permitNo: permits }) }),
  fc.record({ type: fc.constant('permit.report_overdue' as const), data: fc.record({ permitNo: permits, reportType: fc.constant('monthly'), period: fc.constantFrom('2026-01', '2026-02'), dueDate: isoDay }) }),
  fc.record({ type: fc.constant('permit.report_submitted' as const), data: fc.record({ permitNo: permits, reportType: fc.constant('monthly'), period: fc.constantFrom('2026-01', '2026-02') }) }),
  fc.record({ type: fc.constant('enforcement.inspection' as const), data: fc.record({ inspectionId: refs, result: fc.constantFrom('compliant', 'violation_found') }) }),
  fc.record({ type: fc.constant('enforcement.penalty' as const), data: fc.record({ caseNo: refs, severity: fc.constantFrom('minor', 'general', 'serious'), amountYuan: fc.constant(1000), violation: fc.constant('超标') }) }),
  fc.record({ type: fc.constant('enforcement.rectification_order' as const), data: fc.record({ orderNo: refs, deadline: isoDay }) }),
  fc.record({ type: fc.constant('enforcement.rectification_completed' as const), data: fc.record({ ref: refs }) }),
  fc.record({ type: fc.constant('enforcement.incident' as const), data: fc.record({ incidentId: fc.constant('I'), level: fc.constantFrom('general', 'general', 'larger') }) }),
  fc.record({ type: fc.constant('enforcement.veto' as const), data: fc.constant({ reason: 'secret_discharge_pipe' }) }),
  fc.record({ type: fc.constant('enforcement.complaint_verified' as const), data: fc.record({ complaintId: fc.constant('K') }) }),
  fc.record({ type: fc.constant('enforcement.award' as const), data: fc.record({ title: fc.constant('绿色'), level: fc.constantFrom('city', 'provincial', 'national') }) }),
  fc.record({ type: fc.constant('enforcement.voided' as const), data: fc.record({ targetEventId: fc.integer({ min: 0, max: 25 }).map((i) => `e${i}`), reason: fc.constant('复核') }) }),
  fc.record({ type: fc.constant('enterprise.upserted' as const), data: fc.record({ name: fc.constant('企业'), regionCode: fc.constant('320100'), industryCode: fc.constantFrom('C3130', 'D4620') }) }),
);

/** A history of up to 26 events with ids e0…e25 and random instants over four months. */
const historyArb = fc
  .array(fc.tuple(dataArb, fc.integer({ min: 0, max: SPAN_MS })), { minLength: 1, maxLength: 26 })
  .map((items) =>
    items.map(([d, offset], i) => ({
      eventId: `e${i}`,
      type: d.type,
      enterpriseId: ENTERPRISE,
      occurredAt: new Date(START + offset).toISOString(),
      data: d.data,
    })) as ContractEvent[],
  );

function ledgerOf(events: readonly ContractEvent[], book: RuleBook): EnterpriseLedger {
  const ledger = new EnterpriseLedger(ENTERPRISE, book);
  for (const e of events) ledger.apply(toScoringEvent(e, TZ));
  return ledger;
}

/** Days to compare: the whole period, plus a year on for the 365-day windows' ends. */
const DAYS: Day[] = [];
for (let d = FIRST_DAY - 35; d <= FIRST_DAY + 130; d++) DAYS.push(d);
for (let d = FIRST_DAY + 300; d <= FIRST_DAY + 520; d += 3) DAYS.push(d);

function ratings(ledger: EnterpriseLedger) {
  return DAYS.map((d) => ratingDetailJson(ledger.rate(d)));
}

// A profile for D46 changes points and windows, so registry events can change the profile mid-stream.
const BOOK = loadRuleBook({ profiles: { D46: { points: { penalty: { general: 30 } }, windows: { reading: 10 } } } });
const RUNS = { numRuns: 100 };

describe('engine properties', () => {
  it('arrival order does not change any day\'s rating', () => {
    fc.assert(
      fc.property(historyArb.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }))), ([h, shuffled]) => {
        expect(ratings(ledgerOf(shuffled, BOOK))).toEqual(ratings(ledgerOf(h, BOOK)));
      }),
      RUNS,
    );
  });

  it('an identical duplicate changes nothing', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), (h, pick) => {
        const dup = h[pick % h.length]!;
        const ledger = ledgerOf(h, BOOK);
        const before = ratings(ledger);
        expect(ledger.apply(toScoringEvent(dup, TZ)).affected).toBeNull();
        expect(ratings(ledger)).toEqual(before);
      }),
      RUNS,
    );
  });

  it('an event that only deducts never raises any day\'s score or stars', () => {
    const deductOnly = dataArb.filter((d) =>
      [
        'monitoring.reading', 'monitoring.gap', 'monitoring.falsification', 'permit.report_overdue', 'enforcement.inspection',
        'enforcement.penalty', 'enforcement.rectification_order', 'enforcement.incident', 'enforcement.veto', 'enforcement.complaint_verified',
      ].includes(d.type),
    );
    fc.assert(
      fc.property(historyArb, deductOnly, fc.integer({ min: 0, max: SPAN_MS }), (h, d, offset) => {
        const extra = { eventId: 'x-new', type: d.type, enterpriseId: ENTERPRISE, occurredAt: new Date(START + offset).toISOString(), data: d.data } as ContractEvent;
        const before = ratings(ledgerOf(h, BOOK));
        const after = ratings(ledgerOf([...h, extra], BOOK));
        after.forEach((r, i) => {
          expect(r.score).toBeLessThanOrEqual(before[i]!.score);
          expect(r.stars).toBeLessThanOrEqual(before[i]!.stars);
        });
      }),
      RUNS,
    );
  });

  it('scores stay within [0, 100] and sub-scores within [0, 100]', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        for (const r of ratings(ledgerOf(h, BOOK))) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          for (const c of Object.values(r.criteria)) expect(c.subscore).toBeGreaterThanOrEqual(0);
          if (r.veto) expect(r.stars).toBe(1);
        }
      }),
      RUNS,
    );
  });

  it('incremental results equal a from-scratch evaluation after every event, and only the returned days change', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const ledger = new EnterpriseLedger(ENTERPRISE, BOOK);
        const applied: ScoringEvent[] = [];
        let before = ratings(ledger);
        for (const e of h) {
          const se = toScoringEvent(e, TZ);
          const { affected } = ledger.apply(se);
          applied.push(se);
          const after = ratings(ledger);
          DAYS.forEach((d, i) => {
            expect(after[i]).toEqual(ratingDetailJson(rateFromScratch(applied, d, BOOK)));
            const inRange = affected !== null && d >= affected.from && (affected.until === null || d < affected.until);
            if (!inRange) expect(after[i]).toEqual(before[i]);
          });
          before = after;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a day\'s rating holds, date aside, on every day before nextChangeAfter says it may change', () => {
    const undated = (r: ReturnType<typeof ratingDetailJson>) => ({ ...r, day: '' });
    fc.assert(
      fc.property(historyArb, fc.integer({ min: -10, max: 170 }), (h, at) => {
        const ledger = ledgerOf(h, BOOK);
        const day = FIRST_DAY + at;
        const next = ledger.nextChangeAfter(day);
        if (next !== null) expect(next).toBeGreaterThan(day);
        const base = undated(ratingDetailJson(ledger.rate(day)));
        // Days far beyond every event's window (or through the next change) must all equal the base.
        const through = next === null ? day + 400 : next - 1;
        for (let d = day + 1; d <= through; d++) expect([d, undated(ratingDetailJson(ledger.rate(d)))]).toEqual([d, base]);
      }),
      { numRuns: 300 },
    );
  });

  it('nextChangeAfter is tight where a window ends: the day it names differs from the one before', () => {
    const ledger = ledgerOf(
      [
        { eventId: 'x1', type: 'monitoring.reading', enterpriseId: ENTERPRISE, occurredAt: '2026-01-10T09:00:00+08:00', data: { pointId: 'W1', pollutant: 'COD', value: 60, limit: 50 } },
      ] as ContractEvent[],
      BOOK,
    );
    const day = dayOfInstant(Date.parse('2026-01-10T09:00:00+08:00'), TZ);
    const next = ledger.nextChangeAfter(day)!;
    expect(next).toBe(day + BOOK.defaultProfile.windows.reading);
    expect(ledger.rate(next).scoreTenths).toBeGreaterThan(ledger.rate(next - 1).scoreTenths);
    expect(ledger.nextChangeAfter(next)).toBeNull();
    expect(ledger.nextChangeAfter(day - 1)).toBe(day); // before the first day: unknown, look again tomorrow
  });

  it('the default rule book is the model (E 4379, M 2190, P 2437, S 994)', () => {
    expect(defaultRuleBook().defaultProfile.weights).toEqual({ E: 4379, M: 2190, P: 2437, S: 994 });
  });
});
