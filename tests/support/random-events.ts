import { topicKindOfType, topicName, withUsccCheck, type TopicKind } from '@envface/streams';
import type { IncomingMessage } from '../../backend/src/pipeline/score/incoming-message';

/**
 * Random but valid-by-contract input for property and burst tests: every event type, many events
 * per enterprise, registry upserts with tied instants, late events (occurredAt anywhere in the last
 * weeks, arrival order shuffled), voids of earlier events, exact re-sends and conflicting re-sends.
 * Deterministic from a seed, so a failing case can be replayed.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function randomUscc(rand: () => number): string {
  let body = '91320100';
  for (let i = 0; i < 9; i++) body += USCC_BODY[Math.floor(rand() * USCC_BODY.length)];
  return withUsccCheck(body);
}

export interface GeneratedEvent {
  eventId: string;
  type: string;
  enterpriseId: string;
  occurredAt: string;
  source?: string;
  data: Record<string, unknown>;
}

export interface EventGenOptions {
  /** The server clock: every occurredAt lies before it. */
  nowMs: number;
  /** How far back occurredAt may lie (late events). */
  spanDays: number;
  eventsPerEnterprise: [min: number, max: number];
  /** eventId prefix, unique per test run (ids are unique across the database). */
  idPrefix: string;
}

const DAY_MS = 86_400_000;

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function isoDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Events for one enterprise, in generation order (voids and rectifications refer to earlier ones). */
export function enterpriseEvents(rand: () => number, uscc: string, o: EventGenOptions): GeneratedEvent[] {
  const n = o.eventsPerEnterprise[0] + Math.floor(rand() * (o.eventsPerEnterprise[1] - o.eventsPerEnterprise[0] + 1));
  const out: GeneratedEvent[] = [];
  // A few instants shared by several events, so registry ties really happen.
  const shared = [0, 1, 2].map(() => o.nowMs - Math.floor(rand() * o.spanDays * DAY_MS));
  const cases: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = rand() < 0.25 ? pick(rand, shared) : o.nowMs - 60_000 - Math.floor(rand() * o.spanDays * DAY_MS);
    const occurredAt = new Date(at).toISOString();
    const eventId = `${o.idPrefix}.${uscc.slice(8, 17)}.${i}`;
    const r = rand();
    let type: string;
    let data: Record<string, unknown>;
    if (r < 0.2) {
      type = 'enterprise.upserted';
      data = { name: `企业${uscc.slice(12, 17)}-${Math.floor(rand() * 1000)}`, regionCode: pick(rand, ['320102', '320111', '320412']), industryCode: pick(rand, ['C2614', 'D4620', 'C3130']) };
      if (rand() < 0.5) Object.assign(data, { address: `地址${i}`, lat: 31 + rand(), lon: 118 + rand() });
    } else if (r < 0.45) {
      type = 'monitoring.reading';
      data = { pointId: pick(rand, ['WS-01', 'G1']), pollutant: pick(rand, ['COD', 'NH3N', 'SO2']), value: Math.round(rand() * 1200) / 10, limit: 50, unit: 'mg/L' };
    } else if (r < 0.5) {
      type = 'monitoring.gap';
      data = { pointId: 'WS-01', hours: 1 + Math.floor(rand() * 24) };
    } else if (r < 0.58) {
      const from = at - Math.floor(rand() * 400) * DAY_MS;
      type = pick(rand, ['permit.issued', 'permit.renewed']);
      data = { permitNo: `P-${uscc.slice(12)}`, validFrom: isoDay(from), validUntil: isoDay(from + Math.floor(rand() * 800) * DAY_MS) };
    } else if (r < 0.61) {
      type = 'permit.revoked';
      data = { permitNo: `P-${uscc.slice(12)}` };
    } else if (r < 0.65) {
      type = pick(rand, ['permit.report_overdue', 'permit.report_submitted']);
      data = { permitNo: `P-${uscc.slice(12)}`, reportType: 'monthly', period: isoDay(at).slice(0, 7) };
      if (type === 'permit.report_overdue') data.dueDate = isoDay(at);
    } else if (r < 0.73) {
      type = 'enforcement.penalty';
      const caseNo = `CASE-${i}`;
      cases.push(caseNo);
      data = { caseNo, severity: pick(rand, ['minor', 'general', 'serious']), amountYuan: Math.floor(rand() * 100_000), violation: '超标排放' };
    } else if (r < 0.77) {
      type = 'enforcement.inspection';
      data = { inspectionId: `INS-${i}`, result: pick(rand, ['compliant', 'violation_found']) };
    } else if (r < 0.8) {
      type = 'enforcement.rectification_order';
      data = { orderNo: `ORD-${i}`, deadline: isoDay(at + Math.floor(rand() * 30) * DAY_MS) };
      cases.push(`ORD-${i}`);
    } else if (r < 0.84 && cases.length > 0) {
      type = 'enforcement.rectification_completed';
      data = { ref: pick(rand, cases) };
    } else if (r < 0.86) {
      type = 'enforcement.incident';
      data = { incidentId: `INC-${i}`, level: pick(rand, ['general', 'larger', 'major']) };
    } else if (r < 0.875) {
      type = 'enforcement.veto';
      data = { reason: 'secret_discharge_pipe' };
    } else if (r < 0.9) {
      type = 'enforcement.complaint_verified';
      data = { complaintId: `CMP-${i}` };
    } else if (r < 0.92) {
      type = 'enforcement.award';
      data = { title: '绿色工厂', level: pick(rand, ['city', 'provincial']) };
    } else if (out.length > 0) {
      type = 'enforcement.voided';
      data = { targetEventId: pick(rand, out).eventId, reason: '撤销' };
    } else {
      type = 'monitoring.gap';
      data = { pointId: 'G1', hours: 2 };
    }
    out.push({ eventId, type, enterpriseId: uscc, occurredAt, data });
  }
  return out;
}

export interface Generated {
  enterprises: string[];
  /** In arrival order, including exact re-sends and conflicting re-sends. */
  messages: IncomingMessage[];
}

/** Enterprises' events shuffled together into one arrival order, with re-sends; offsets per partition. */
export function randomStream(rand: () => number, enterpriseCount: number, o: EventGenOptions, prefix = 'envface.'): Generated {
  const enterprises = Array.from({ length: enterpriseCount }, () => randomUscc(rand));
  const events = enterprises.flatMap((id) => enterpriseEvents(rand, id, o));
  const bodies: string[] = [];
  for (const e of events) {
    bodies.push(JSON.stringify(e));
    if (rand() < 0.06) bodies.push(JSON.stringify(e)); // exact re-send (producer retry)
    if (rand() < 0.03) bodies.push(JSON.stringify({ ...e, source: 'conflicting-resend' })); // same id, other body
  }
  // Fisher–Yates: any arrival order.
  for (let i = bodies.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [bodies[i], bodies[j]] = [bodies[j]!, bodies[i]!];
  }
  const offsets = [0, 0, 0, 0];
  const messages = bodies.map((value): IncomingMessage => {
    const e = JSON.parse(value) as GeneratedEvent;
    const kind: TopicKind = topicKindOfType(e.type);
    const partition = Math.floor(rand() * 4);
    return { topicKind: kind, topic: topicName(prefix, kind), partition, offset: String(offsets[partition]!++), key: e.enterpriseId, value };
  });
  return { enterprises, messages };
}
