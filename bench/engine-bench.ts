#!/usr/bin/env node
/**
 * Engine benchmark (issue #2): prints figures, asserts nothing.
 *  (a) re-rate 200,000 enterprises, each with ~30 days of a realistic event mix, for one day;
 *  (b) apply 1,000,000 events incrementally (apply + re-rate the affected days up to today);
 *  (c) the edge: validation + identity hash of raw messages.
 * Usage: npm run bench:engine [-- --enterprises N --events N]
 */
import { parseArgs } from 'node:util';
import {
  daysToRate,
  dayOfInstant,
  defaultRuleBook,
  eventBodyHash,
  isoFromDay,
  RatingEngine,
  topicKindOfType,
  validateMessage,
  withUsccCheck,
  type ContractEvent,
} from '@envface/streams';

const { values } = parseArgs({
  options: { enterprises: { type: 'string', default: '200000' }, events: { type: 'string', default: '1000000' } },
});
const ENTERPRISES = Number(values.enterprises);
const EVENTS = Number(values.events);
const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-03-15T12:00:00+08:00');
const TODAY = dayOfInstant(NOW, TZ);
const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

// Deterministic pseudo-random numbers (mulberry32) so runs are comparable.
let seed = 20260315;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(i: number): string {
  let tail = '';
  for (let n = i, k = 0; k < 8; k++, n = Math.floor(n / 31)) tail = ALPHA[n % 31] + tail;
  return withUsccCheck(`913201${['02', '05', '06', '11', '13', '14', '15'][i % 7]}M${tail}`);
}
const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;
function ev(type: ContractEvent['type'], id: string, ms: number, data: unknown): ContractEvent {
  return { eventId: `b${seq++}`, type, enterpriseId: id, occurredAt: iso(ms), source: 'bench', data } as ContractEvent;
}

/** ~30 days of one enterprise: the scoring-relevant mix a Jiangsu enterprise actually produces. */
function history(id: string): ContractEvent[] {
  const start = NOW - 30 * DAY_MS;
  const out: ContractEvent[] = [
    ev('enterprise.upserted', id, start, { name: `企业${id.slice(-6)}`, regionCode: '320102', industryCode: rnd() < 0.5 ? 'C3130' : 'D4620' }),
    ev('permit.issued', id, start, { permitNo: `P${id.slice(-6)}`, validFrom: '2024-01-01', validUntil: rnd() < 0.05 ? isoFromDay(TODAY - 3) : '2029-12-31' }),
  ];
  const at = () => start + Math.floor(rnd() * 30 * DAY_MS);
  const exceed = Math.floor(rnd() * 6);
  for (let k = 0; k < exceed; k++) out.push(ev('monitoring.reading', id, at(), { pointId: 'W1', pollutant: 'COD', value: rnd() < 0.2 ? 200 : 60, limit: 50 }));
  // Under-limit readings are most of the traffic; they reach the ledger but are not retained.
  for (let k = 0; k < 20; k++) out.push(ev('monitoring.reading', id, at(), { pointId: 'W1', pollutant: 'NH3N', value: 3, limit: 5 }));
  if (rnd() < 0.3) out.push(ev('monitoring.gap', id, at(), { pointId: 'W1', hours: 1 + Math.floor(rnd() * 6) }));
  if (rnd() < 0.1) {
    const inspection = `INS-${id}`;
    out.push(ev('enforcement.inspection', id, at(), { inspectionId: inspection, result: 'violation_found' }));
    if (rnd() < 0.5) out.push(ev('enforcement.rectification_completed', id, at(), { ref: inspection }));
  }
  if (rnd() < 0.08) out.push(ev('enforcement.penalty', id, at(), { caseNo: `C-${id}`, severity: 'general', amountYuan: 50000, violation: '超标排放' }));
  if (rnd() < 0.05) out.push(ev('enforcement.rectification_order', id, at(), { orderNo: `O-${id}`, deadline: isoFromDay(TODAY - 5) }));
  if (rnd() < 0.05) out.push(ev('enforcement.complaint_verified', id, at(), { complaintId: `K-${id}` }));
  if (rnd() < 0.03) out.push(ev('permit.report_overdue', id, at(), { permitNo: `P${id.slice(-6)}`, reportType: 'monthly', period: '2026-02', dueDate: '2026-03-01' }));
  if (rnd() < 0.02) out.push(ev('enforcement.award', id, at(), { title: '绿色工厂', level: 'city' }));
  if (rnd() < 0.005) out.push(ev('enforcement.veto', id, at(), { reason: 'secret_discharge_pipe' }));
  if (rnd() < 0.01 && exceed > 0) out.push(ev('enforcement.voided', id, at(), { targetEventId: out[2]!.eventId, reason: '复核撤销' }));
  return out;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function main(): void {
  const book = defaultRuleBook();
  console.log(`EnvFace engine benchmark — node ${process.version}, ${ENTERPRISES.toLocaleString()} enterprises, ${EVENTS.toLocaleString()} events`);

  // ---- (a) re-rate every enterprise for one day --------------------------------------------
  const engine = new RatingEngine(book, TZ);
  const ids: string[] = [];
  let loaded = 0;
  const tLoad = performance.now();
  for (let i = 0; i < ENTERPRISES; i++) {
    const id = uscc(i);
    ids.push(id);
    for (const e of history(id)) {
      engine.apply(e);
      loaded++;
    }
  }
  const loadMs = performance.now() - tLoad;
  let retained = 0;
  for (const id of ids) retained += engine.get(id)!.retainedEvents;
  const t0 = performance.now();
  let checksum = 0;
  for (const id of ids) checksum += engine.get(id)!.rate(TODAY).scoreTenths;
  const rateMs = performance.now() - t0;
  console.log(`(a) load ${fmt(loaded)} events into ${fmt(ENTERPRISES)} ledgers: ${fmt(loadMs)} ms (${fmt(retained)} retained)`);
  console.log(`(a) re-rate ${fmt(ENTERPRISES)} enterprises for ${isoFromDay(TODAY)}: ${fmt(rateMs)} ms (${fmt(ENTERPRISES / (rateMs / 1000))} enterprises/s; mean score ${(checksum / ENTERPRISES / 10).toFixed(2)})`);

  // ---- (b) apply events incrementally ------------------------------------------------------
  // The live mix: 90% hourly readings (3% over the limit), 4% gaps, 6% enforcement/permit events,
  // 2% of all events late (up to 20 days back) so past days get revised too.
  const stream: ContractEvent[] = [];
  for (let k = 0; k < EVENTS; k++) {
    const id = ids[Math.floor(rnd() * ids.length)]!;
    const late = rnd() < 0.02;
    const ms = late ? NOW - Math.floor(rnd() * 20 * DAY_MS) : NOW - Math.floor(rnd() * 11 * HOUR);
    const r = rnd();
    if (r < 0.9) stream.push(ev('monitoring.reading', id, ms, { pointId: 'W2', pollutant: 'TP', value: rnd() < 0.03 ? 0.9 : 0.3, limit: 0.5 }));
    else if (r < 0.94) stream.push(ev('monitoring.gap', id, ms, { pointId: 'W2', hours: 1 }));
    else if (r < 0.96) stream.push(ev('enforcement.inspection', id, ms, { inspectionId: `I${k}`, result: rnd() < 0.3 ? 'violation_found' : 'compliant' }));
    else if (r < 0.97) stream.push(ev('enforcement.rectification_completed', id, ms, { ref: `C-${id}` }));
    else if (r < 0.98) stream.push(ev('enforcement.complaint_verified', id, ms, { complaintId: `K${k}` }));
    else if (r < 0.99) stream.push(ev('permit.renewed', id, ms, { permitNo: `P${id.slice(-6)}`, validFrom: '2026-01-01', validUntil: '2031-12-31' }));
    else stream.push(ev('enforcement.penalty', id, ms, { caseNo: `C${k}`, severity: 'minor', amountYuan: 1000, violation: '超标' }));
  }
  let daysRated = 0;
  const t1 = performance.now();
  for (const e of stream) {
    const out = engine.apply(e);
    const range = daysToRate(out.affected, out.ledger.firstDay, TODAY);
    if (range) for (let d = range.from; d <= range.to; d++, daysRated++) out.ledger.rate(d);
  }
  const applyMs = performance.now() - t1;
  console.log(`(b) apply ${fmt(EVENTS)} events incrementally (+ re-rate ${fmt(daysRated)} affected days): ${fmt(applyMs)} ms, ${fmt(EVENTS / (applyMs / 1000))} events/s`);

  // ---- (c) the edge: validate + hash raw messages ------------------------------------------
  const sample = stream.slice(0, Math.min(200_000, EVENTS)).map((e) => ({ topicKind: topicKindOfType(e.type), key: e.enterpriseId, value: Buffer.from(JSON.stringify(e)) }));
  const t2 = performance.now();
  let ok = 0;
  for (const m of sample) {
    const v = validateMessage(m, NOW);
    if (v.ok) {
      eventBodyHash(v.event);
      ok++;
    }
  }
  const validateMs = performance.now() - t2;
  console.log(`(c) validate + hash ${fmt(sample.length)} raw messages: ${fmt(validateMs)} ms, ${fmt(sample.length / (validateMs / 1000))} messages/s (${fmt(ok)} accepted)`);

  const mem = process.memoryUsage();
  console.log(`heap used ${fmt(mem.heapUsed / 1048576)} MiB, rss ${fmt(mem.rss / 1048576)} MiB`);
  console.log(`targets: (a) < 5,000 ms ${rateMs < 5000 ? 'MET' : 'MISSED'}; (b) >= 200,000 events/s ${EVENTS / (applyMs / 1000) >= 200_000 ? 'MET' : 'MISSED'}`);
}

main();
