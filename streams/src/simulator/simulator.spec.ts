import type { ContractEvent } from '../contract/event-schemas';
import { topicKindOfType } from '../contract/topics';
import { isValidUscc } from '../contract/uscc';
import { validateMessage } from '../contract/validate-message';
import { dayOfInstant } from '../engine/day';
import { RatingEngine } from '../engine/rating-engine';
import { defaultRuleBook } from '../engine/rule-set';
import { SIM_DISTRICTS } from './simulation-catalog';
import { createSimulator } from './simulator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-10T00:00:00+08:00');
const TZ = 'Asia/Shanghai';

function countBy(events: ContractEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.type, (m.get(e.type) ?? 0) + 1);
  return m;
}

describe('createSimulator', () => {
  // 50 enterprises, 60 days of history, 3 simulated days: what the brief asks every run to pass.
  const sim = createSimulator({ enterprises: 50, seed: 42, startMs: START });
  const registry = sim.registryEvents();
  const live = sim.eventsBetween(START, START + 3 * DAY);
  const all = [...registry, ...live];

  it('produces only events validateMessage accepts, on their own topic and keyed by USCC', () => {
    const rejected: string[] = [];
    for (const event of all) {
      const result = validateMessage(
        { topicKind: topicKindOfType(event.type), key: event.enterpriseId, value: JSON.stringify(event) },
        START + 3 * DAY,
      );
      if (!result.ok) rejected.push(`${event.eventId}: ${result.reason} ${result.detail}`);
      // Nothing is stripped: the simulator sends exactly the contract's fields.
      else expect(result.event).toEqual(event);
    }
    expect(rejected).toEqual([]);
    expect(all.length).toBeGreaterThan(10_000);
  });

  it('gives every event a unique id', () => {
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
  });

  it('registers every enterprise first, with a valid USCC, a real region code and a Chinese name', () => {
    const regs = registry.filter((e) => e.type === 'enterprise.upserted');
    expect(regs).toHaveLength(50);
    const codes = new Set(SIM_DISTRICTS.map((d) => d.code));
    for (const r of regs) {
      if (r.type !== 'enterprise.upserted') throw new Error('unreachable');
      expect(isValidUscc(r.enterpriseId)).toBe(true);
      expect(r.enterpriseId.slice(2, 8)).toBe(r.data.regionCode);
      expect(codes.has(r.data.regionCode)).toBe(true);
      expect(r.data.name).toMatch(/^(南京|苏州|无锡|常州|江苏)\p{Script=Han}+(有限公司|有限责任公司)$/u);
      expect(r.data.industryCode).toMatch(/^[A-Z]\d{4}$/);
      expect(r.data.address).toMatch(/^江苏省/);
    }
    expect(new Set(regs.map((r) => r.enterpriseId)).size).toBe(50);
    const firstAt = new Map<string, number>();
    for (const e of all) if (!firstAt.has(e.enterpriseId)) firstAt.set(e.enterpriseId, Date.parse(e.occurredAt));
    for (const r of regs) expect(Date.parse(r.occurredAt)).toBe(firstAt.get(r.enterpriseId));
  });

  it('keeps registry and history before startMs and live events inside the interval, in time order', () => {
    for (const e of registry) expect(Date.parse(e.occurredAt)).toBeLessThan(START);
    for (const e of live) {
      expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(START);
      expect(Date.parse(e.occurredAt)).toBeLessThan(START + 3 * DAY);
    }
    const times = live.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('has a realistic mix: readings are the large majority, exceedances are few, enforcement is mostly compliant', () => {
    const counts = countBy(live);
    const readings = live.filter((e) => e.type === 'monitoring.reading');
    expect(readings.length / live.length).toBeGreaterThan(0.95);
    const over = readings.filter((e) => e.type === 'monitoring.reading' && e.data.value > e.data.limit);
    expect(over.length).toBeGreaterThan(0);
    expect(over.length / readings.length).toBeLessThan(0.02);
    const severe = over.filter((e) => e.type === 'monitoring.reading' && e.data.value > 3 * e.data.limit);
    expect(severe.length).toBeLessThan(over.length / 3);
    // Readings sit at the top of each hour.
    for (const r of readings) expect(r.occurredAt).toMatch(/T\d\d:00:00\+08:00$/);
    expect(counts.get('monitoring.gap') ?? 0).toBeGreaterThan(0);

    const history = countBy(registry);
    expect(history.get('permit.issued')).toBe(50);
    const inspections = registry.filter((e) => e.type === 'enforcement.inspection');
    const compliant = inspections.filter((e) => e.type === 'enforcement.inspection' && e.data.result === 'compliant');
    expect(inspections.length).toBeGreaterThan(5);
    expect(compliant.length).toBeGreaterThan(inspections.length / 2);
    for (const p of all) if (p.type === 'enforcement.penalty') expect(p.data.publicText).toContain(String(p.data.amountYuan));
  });

  it('starts some enterprises below five stars and ends the run with most still at five', () => {
    const engine = new RatingEngine(defaultRuleBook(), TZ);
    for (const e of registry) engine.apply(e);
    const startDay = dayOfInstant(START - 1, TZ);
    const below = (day: number): number =>
      sim.enterprises.filter((ent) => engine.get(ent.uscc)!.rate(day).stars < 5).length;
    const belowAtStart = below(startDay);
    expect(belowAtStart).toBeGreaterThanOrEqual(2);
    expect(belowAtStart).toBeLessThanOrEqual(25);
    for (const e of live) engine.apply(e);
    const belowAtEnd = below(dayOfInstant(START + 3 * DAY - 1, TZ));
    expect(belowAtEnd).toBeGreaterThanOrEqual(2);
    expect(belowAtEnd).toBeLessThanOrEqual(25);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = createSimulator({ enterprises: 50, seed: 42, startMs: START });
    expect(JSON.stringify(again.registryEvents())).toBe(JSON.stringify(registry));
    expect(JSON.stringify(again.eventsBetween(START, START + DAY))).toBe(JSON.stringify(sim.eventsBetween(START, START + DAY)));
    const other = createSimulator({ enterprises: 50, seed: 43, startMs: START });
    expect(other.enterprises.map((e) => e.uscc)).not.toEqual(sim.enterprises.map((e) => e.uscc));
    expect(other.tag).not.toBe(sim.tag);
  });

  it('gives the same events however the interval is chunked', () => {
    const from = START + 5 * HOUR + 17 * 60_000;
    const to = from + 30 * HOUR;
    const whole = sim.eventsBetween(from, to).map((e) => e.eventId);
    const chunked = [...sim.chunksBetween(from, to, 7 * 60_000)].flat().map((e) => e.eventId);
    expect(chunked).toEqual(whole);
    const hourly = [...sim.chunksBetween(from, to)].flat().map((e) => e.eventId);
    expect(hourly).toEqual(whole);
    expect(sim.eventsBetween(START - DAY, START)).toEqual([]);
  });

  it('never reuses an eventId for another body when the same seed starts at another time', () => {
    const later = createSimulator({ enterprises: 50, seed: 42, startMs: START + 2 * DAY + 5 * HOUR });
    const mine = new Map(all.map((e) => [e.eventId, JSON.stringify(e)]));
    const theirs = [...later.registryEvents(), ...later.eventsBetween(later.startMs, START + 3 * DAY)];
    let shared = 0;
    for (const e of theirs) {
      const body = mine.get(e.eventId);
      if (body === undefined) continue;
      shared++;
      expect(JSON.stringify(e)).toBe(body);
    }
    expect(shared).toBeGreaterThan(1000); // the overlapping hours' readings
  });

  it('makes a run with more enterprises a superset of one with fewer', () => {
    const small = createSimulator({ enterprises: 10, seed: 42, startMs: START });
    expect(small.enterprises.map((e) => e.uscc)).toEqual(sim.enterprises.slice(0, 10).map((e) => e.uscc));
  });

  it('rejects nonsense options', () => {
    expect(() => createSimulator({ enterprises: 0 })).toThrow(RangeError);
    expect(() => createSimulator({ enterprises: 2, historyDays: 0 })).toThrow(RangeError);
    expect(() => [...sim.chunksBetween(START, START + HOUR, 0)]).toThrow(RangeError);
  });
});

describe('createSimulator over a month', () => {
  it('produces every kind of follow-up: lapses and renewals, late reports and submissions, orders and completions, voids', () => {
    const sim = createSimulator({ enterprises: 150, seed: 'month', startMs: START, historyDays: 30 });
    const events = [...sim.registryEvents(), ...sim.eventsBetween(START, START + 30 * DAY)];
    const counts = countBy(events);
    for (const type of [
      'enterprise.upserted', 'permit.issued', 'permit.renewed', 'permit.report_overdue', 'permit.report_submitted',
      'monitoring.reading', 'monitoring.gap', 'enforcement.inspection', 'enforcement.penalty', 'enforcement.rectification_order',
      'enforcement.rectification_completed', 'enforcement.complaint_verified', 'enforcement.voided',
    ]) {
      expect([type, counts.get(type) ?? 0]).toEqual([type, expect.any(Number)]);
      expect(counts.get(type) ?? 0).toBeGreaterThan(0);
    }
    // Every completion and submission refers to something this enterprise was told to fix or file.
    const refs = new Set<string>();
    for (const e of events) {
      if (e.type === 'enforcement.inspection') refs.add(`${e.enterpriseId}|${e.data.inspectionId}`);
      if (e.type === 'enforcement.penalty') refs.add(`${e.enterpriseId}|${e.data.caseNo}`);
      if (e.type === 'enforcement.rectification_order') refs.add(`${e.enterpriseId}|${e.data.orderNo}`);
    }
    for (const e of events) if (e.type === 'enforcement.rectification_completed') expect(refs.has(`${e.enterpriseId}|${e.data.ref}`)).toBe(true);
    const ids = new Set(events.map((e) => e.eventId));
    expect(ids.size).toBe(events.length);
    for (const e of events) if (e.type === 'enforcement.voided') expect(ids.has(e.data.targetEventId)).toBe(true);
  });
});
