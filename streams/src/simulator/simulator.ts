import type { ContractEvent, EventOf, EventType } from '../contract/event-schemas';
import { VETO_REASONS } from '../contract/event-schemas';
import { isoFromDay } from '../engine/day';
import { Rng, seedHash } from './prng';
import { buildEnterprise, type Discipline, type SimEnterprise, type SimReportType } from './sim-enterprise';
import { AWARD_TITLES, COMPLIANT_FINDINGS, VIOLATION_FINDINGS } from './simulation-catalog';

/**
 * The built-in event simulator: a pure, seedable generator of contract events for Jiangsu-like
 * enterprises. No timers and no I/O — callers (the CLI, the backend's demo mode, tests) decide
 * when to ask for which interval and how fast to publish.
 *
 * Every draw is keyed by (seed, enterprise, hour or day, …), never by call order, so
 * `eventsBetween(a, b)` + `eventsBetween(b, c)` equals `eventsBetween(a, c)` and one seed always
 * yields the same stream, whatever chunking the caller uses.
 */

export interface SimulatorOptions {
  /** Number of enterprises (≥ 1). */
  enterprises: number;
  seed?: number | string;
  /** Simulation start (ms). Live events begin here; registry and history come before it. Default: now, floored to the hour. */
  startMs?: number;
  /** Days of enforcement/permit/report history before startMs, sent with the registry (default 60). */
  historyDays?: number;
}

export interface Simulator {
  readonly seed: number | string;
  /** A short hex tag of the seed; part of every eventId so runs with different seeds never clash. */
  readonly tag: string;
  readonly startMs: number;
  /** Where history begins: the enterprises are registered here. */
  readonly epochMs: number;
  readonly enterprises: readonly SimEnterprise[];
  /**
   * One `enterprise.upserted` and the initial `permit.issued` per enterprise, then the permit,
   * report and enforcement history of the `historyDays` before startMs — so the ratings start
   * from a realistic state (some enterprises below five stars). All with occurredAt < startMs.
   */
  registryEvents(): ContractEvent[];
  /** Everything that happens with occurredAt in [max(fromMs, startMs), toMs), ordered by occurredAt then eventId. */
  eventsBetween(fromMs: number, toMs: number): ContractEvent[];
  /** eventsBetween in consecutive slices of stepMs (default one hour), for callers that pace output. */
  chunksBetween(fromMs: number, toMs: number, stepMs?: number): Generator<ContractEvent[]>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Jiangsu is UTC+8 all year (no DST), so local days and hours are plain arithmetic. */
const CST = 8 * HOUR;
/** Follow-ups (completions, submissions, voids) come at most this many days after their origin. */
const LOOKBACK_DAYS = 100;
/** A flagged exceedance is voided after the next day's data audit. */
const READING_VOID_DELAY_HOURS = 26;

const SOURCES = {
  monitoring: 'js-online-monitoring',
  permit: 'js-pollutant-permit',
  enforcement: 'js-enforcement',
  registry: 'js-enterprise-registry',
} as const;

const SALT = {
  day: 1,
  inspection: 2,
  complaint: 3,
  award: 4,
  incident: 5,
  veto: 6,
  falsification: 7,
  report: 8,
  gap: 9,
  reading: 10,
  renewal: 11,
} as const;

/** Per-day (or per-reading, per-inspection) odds by discipline. */
const ODDS: Record<Discipline, {
  exceedance: number; gapPerPointDay: number; inspection: number; violation: number; penalty: number;
  completion: number; complaint: number; award: number; incident: number; veto: number; falsification: number;
  reportOverdue: number; severity: [number, number, number];
}> = {
  good: { exceedance: 0.0005, gapPerPointDay: 0.01, inspection: 1 / 90, violation: 0.1, penalty: 0.45, completion: 0.95,
    complaint: 1 / 400, award: 1 / 1500, incident: 1 / 30000, veto: 0, falsification: 0, reportOverdue: 0.03, severity: [0.6, 0.35, 0.05] },
  fair: { exceedance: 0.003, gapPerPointDay: 0.025, inspection: 1 / 45, violation: 0.35, penalty: 0.5, completion: 0.88,
    complaint: 1 / 150, award: 1 / 5000, incident: 1 / 10000, veto: 1 / 60000, falsification: 1 / 80000, reportOverdue: 0.1, severity: [0.45, 0.45, 0.1] },
  poor: { exceedance: 0.015, gapPerPointDay: 0.06, inspection: 1 / 20, violation: 0.7, penalty: 0.65, completion: 0.75,
    complaint: 1 / 50, award: 0, incident: 1 / 2500, veto: 1 / 8000, falsification: 1 / 12000, reportOverdue: 0.3, severity: [0.25, 0.5, 0.25] },
};

interface Timed {
  ms: number;
  event: ContractEvent;
}

const localDay = (ms: number): number => Math.floor((ms + CST) / DAY);
const dayStartMs = (day: number): number => day * DAY - CST;
/** RFC 3339 in +08:00, whole seconds: how Chinese systems usually stamp events. */
let lastIsoMs = NaN;
let lastIso = '';
function isoCst(ms: number): string {
  // One hour's readings share one instant: formatting it once matters at hundreds of thousands of events.
  if (ms !== lastIsoMs) {
    lastIsoMs = ms;
    lastIso = `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`;
  }
  return lastIso;
}
const compactDay = (day: number): string => isoFromDay(day).replaceAll('-', '');
const compactHour = (ms: number): string => new Date(ms + CST).toISOString().slice(0, 13).replace(/[-T]/g, '');
const compactSecond = (ms: number): string => new Date(ms + CST).toISOString().slice(0, 19).replace(/[-T:]/g, '');

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** The same calendar date five years on, less one day (a permit's last valid day). */
function fiveYearsLessADay(day: number): number {
  const d = new Date(day * DAY);
  const later = Date.UTC(d.getUTCFullYear() + 5, d.getUTCMonth(), d.getUTCDate());
  return Math.floor(later / DAY) - 1;
}

function dayOfYear(day: number): number {
  const d = new Date(day * DAY);
  return day - Math.floor(Date.UTC(d.getUTCFullYear(), 0, 1) / DAY) + 1;
}

function lawFor(violation: string): string {
  if (violation.includes('危险废物')) return '中华人民共和国固体废物污染环境防治法';
  if (violation.includes('大气') || violation.includes('无组织')) return '中华人民共和国大气污染防治法';
  return '中华人民共和国水污染防治法';
}

function validateOptions(o: SimulatorOptions): void {
  if (!Number.isInteger(o.enterprises) || o.enterprises < 1) throw new RangeError('enterprises must be an integer ≥ 1');
  if (o.startMs !== undefined && !Number.isFinite(o.startMs)) throw new RangeError('startMs must be a finite number');
  if (o.historyDays !== undefined && (!Number.isInteger(o.historyDays) || o.historyDays < 1 || o.historyDays > 3650)) {
    throw new RangeError('historyDays must be an integer in 1…3650');
  }
}

export function createSimulator(options: SimulatorOptions): Simulator {
  validateOptions(options);
  const seedInput = options.seed ?? 1;
  const seed = seedHash(seedInput);
  const tag = seed.toString(16).padStart(8, '0');
  const startMs = options.startMs ?? Math.floor(Date.now() / HOUR) * HOUR;
  const historyDays = options.historyDays ?? 60;
  const epochMs = startMs - historyDays * DAY;
  const startDay = localDay(startMs);
  const firstEpisodeDay = localDay(epochMs) + 1;
  const firstReadingHour = Math.ceil(startMs / HOUR);

  const enterprises: SimEnterprise[] = [];
  const usccs = new Set<string>();
  for (let i = 0; i < options.enterprises; i++) {
    let ent = buildEnterprise(seed, i, startDay);
    for (let attempt = 1; usccs.has(ent.uscc); attempt++) ent = buildEnterprise(seed, i, startDay, attempt);
    usccs.add(ent.uscc);
    enterprises.push(ent);
  }

  const idOf = (ent: SimEnterprise, ...parts: string[]): string => ['sim', tag, `e${ent.index}`, ...parts].join('.');

  function make<T extends EventType>(ent: SimEnterprise, type: T, ms: number, id: string, data: EventOf<T>['data']): Timed {
    const kind = type.startsWith('monitoring.') ? 'monitoring' : type.startsWith('permit.') ? 'permit'
      : type.startsWith('enforcement.') ? 'enforcement' : 'registry';
    const event = { eventId: id, type, enterpriseId: ent.uscc, occurredAt: isoCst(ms), source: SOURCES[kind], data } as ContractEvent;
    return { ms: Math.floor(ms / 1000) * 1000, event };
  }

  const at = (day: number, hour: number, rng: Rng): number =>
    dayStartMs(day) + hour * HOUR + rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000;

  // ---- per-enterprise lifecycle: registration, the permit held, its renewal --------------------

  function lifecycle(ent: SimEnterprise): Timed[] {
    const regMs = epochMs + ((ent.index * 7) % 3600) * 1000;
    const out: Timed[] = [
      // Registration ids carry their instant: a later run with the same seed (another start) registers
      // again as a new event instead of clashing with the first run's body under the same id.
      make(ent, 'enterprise.upserted', regMs, idOf(ent, 'registered', compactSecond(regMs)), {
        name: ent.name, regionCode: ent.regionCode, industryCode: ent.industry.code, address: ent.address, lat: ent.lat, lon: ent.lon,
      }),
      make(ent, 'permit.issued', regMs + 60_000, idOf(ent, 'permit', 'issued', compactSecond(regMs)), {
        permitNo: ent.permitNo, validFrom: isoFromDay(ent.permitValidFrom), validUntil: isoFromDay(ent.permitValidUntil),
      }),
    ];
    if (ent.renewalDay !== null) {
      const rng = new Rng(seed, SALT.renewal, ent.index);
      // A renewal is valid from the day it is granted: a later validFrom would open a gap before it.
      out.push(make(ent, 'permit.renewed', at(ent.renewalDay, 10, rng), idOf(ent, 'permit', 'renewed', compactDay(ent.renewalDay)), {
        permitNo: ent.permitNo, validFrom: isoFromDay(ent.renewalDay), validUntil: isoFromDay(fiveYearsLessADay(ent.renewalDay)),
      }));
    }
    return out;
  }
  const lifecycles: Timed[] = enterprises.flatMap(lifecycle);

  // ---- episodes: everything that starts on one enterprise-day, with its follow-ups ------------

  function inspection(ent: SimEnterprise, day: number, out: Timed[]): void {
    const odds = ODDS[ent.discipline];
    const r = new Rng(seed, SALT.inspection, ent.index, day);
    const ymd = compactDay(day);
    const year = isoFromDay(day).slice(0, 4);
    const seq = (dayOfYear(day) * 37 + ent.index) % 10000;
    const abbr = ent.district.city.caseAbbr;
    const inspectionId = `JC-${ymd}-${String(ent.index).padStart(4, '0')}`;
    const t0 = at(day, r.int(9, 15), r);
    if (!r.chance(odds.violation)) {
      out.push(make(ent, 'enforcement.inspection', t0, idOf(ent, 'insp', ymd), { inspectionId, result: 'compliant', findings: r.pick(COMPLIANT_FINDINGS) }));
      return;
    }
    out.push(make(ent, 'enforcement.inspection', t0, idOf(ent, 'insp', ymd), { inspectionId, result: 'violation_found', findings: r.pick(VIOLATION_FINDINGS) }));

    let caseNo: string | undefined;
    let penaltyDay = day;
    if (r.chance(odds.penalty)) {
      caseNo = `${abbr}环罚〔${year}〕${seq}号`;
      penaltyDay = day + r.int(7, 30);
      const [pMinor, pGeneral] = odds.severity;
      const s = r.next();
      const severity = s < pMinor ? 'minor' : s < pMinor + pGeneral ? 'general' : 'serious';
      const [lo, hi] = severity === 'minor' ? [10, 50] : severity === 'general' ? [50, 200] : [200, 1000];
      const amountYuan = r.int(lo, hi) * 1000;
      const violation = r.pick(ent.industry.violations);
      const publicText = `${ent.name}${violation}，违反了《${lawFor(violation)}》的相关规定。${ent.district.city.name}生态环境局依法对其处以罚款人民币${amountYuan}元，并责令限期改正。`;
      const penaltyMs = at(penaltyDay, r.int(10, 16), r);
      out.push(make(ent, 'enforcement.penalty', penaltyMs, idOf(ent, 'insp', ymd, 'penalty'), { caseNo, severity, amountYuan, violation, publicText }));
      if (r.chance(0.04)) {
        out.push(make(ent, 'enforcement.voided', at(penaltyDay + r.int(10, 40), 11, r), idOf(ent, 'insp', ymd, 'penalty', 'void'), {
          targetEventId: idOf(ent, 'insp', ymd, 'penalty'), reason: '行政复议决定撤销原行政处罚决定',
        }));
      }
    }

    // An order comes with the penalty decision (责令改正), or alone a few days after the inspection.
    let order: { orderNo: string; day: number; deadline: number } | null = null;
    if (caseNo !== undefined || r.chance(0.8)) {
      const orderDay = caseNo !== undefined ? penaltyDay : day + r.int(1, 3);
      order = { orderNo: `${abbr}环改〔${year}〕${seq}号`, day: orderDay, deadline: orderDay + r.int(15, 45) };
      out.push(make(ent, 'enforcement.rectification_order', at(orderDay, 16, r), idOf(ent, 'insp', ymd, 'order'), {
        orderNo: order.orderNo, deadline: isoFromDay(order.deadline), ...(caseNo !== undefined ? { relatedCaseNo: caseNo } : {}),
      }));
    }

    if (!r.chance(odds.completion)) return;
    const doneDay = order === null ? day + r.int(7, 40)
      : r.chance(0.85) ? order.day + r.int(5, order.deadline - order.day) : order.deadline + r.int(1, 20);
    const doneMs = at(doneDay, 14, r);
    // The follow-up inspection (复查) closes every reference of the case at once.
    const refs = [order?.orderNo, inspectionId, caseNo].filter((x): x is string => x !== undefined);
    refs.forEach((ref, i) => {
      const role = ref === inspectionId ? 'insp' : ref === caseNo ? 'case' : 'order';
      out.push(make(ent, 'enforcement.rectification_completed', doneMs + i * 60_000, idOf(ent, 'insp', ymd, 'done', role), { ref }));
    });
  }

  function reports(ent: SimEnterprise, day: number, out: Timed[]): void {
    const iso = isoFromDay(day);
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const dom = Number(iso.slice(8, 10));
    ent.reportTypes.forEach((reportType: SimReportType, typeIndex) => {
      let period: string | null = null;
      if (reportType === 'monthly' && dom === 16) {
        period = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
      } else if (reportType === 'quarterly' && dom === 16 && (m - 1) % 3 === 0) {
        period = m === 1 ? `${y - 1}Q4` : `${y}Q${(m - 1) / 3}`;
      } else if (reportType === 'annual' && m === 2 && dom === 1) {
        period = String(y - 1);
      }
      if (period === null) return;
      const r = new Rng(seed, SALT.report, ent.index, day, typeIndex);
      if (!r.chance(ODDS[ent.discipline].reportOverdue)) return;
      const data = { permitNo: ent.permitNo, reportType, period };
      out.push(make(ent, 'permit.report_overdue', at(day, 9, r), idOf(ent, 'report', reportType, period, 'overdue'), { ...data, dueDate: isoFromDay(day - 1) }));
      if (r.chance(0.9)) {
        out.push(make(ent, 'permit.report_submitted', at(day + r.int(1, 25), 14, r), idOf(ent, 'report', reportType, period, 'submitted'), data));
      }
    });
  }

  function episodesOf(ent: SimEnterprise, day: number): Timed[] {
    const out: Timed[] = [];
    const odds = ODDS[ent.discipline];
    const r = new Rng(seed, SALT.day, ent.index, day);
    const ymd = compactDay(day);
    const year = isoFromDay(day).slice(0, 4);
    const abbr = ent.district.city.caseAbbr;
    // Fixed draws in a fixed order, details from their own streams: adding a kind never shifts the others.
    const draws = [r.next(), r.next(), r.next(), r.next(), r.next(), r.next()] as const;
    if (draws[0] < odds.inspection) inspection(ent, day, out);
    if (draws[1] < odds.complaint) {
      const c = new Rng(seed, SALT.complaint, ent.index, day);
      const complaintId = `12369-${ymd}-${String(ent.index).padStart(4, '0')}`;
      const id = idOf(ent, 'complaint', ymd);
      out.push(make(ent, 'enforcement.complaint_verified', at(day, c.int(8, 20), c), id, { complaintId }));
      if (c.chance(0.08)) {
        out.push(make(ent, 'enforcement.voided', at(day + c.int(2, 10), 15, c), `${id}.void`, {
          targetEventId: id, reason: '经复核，投诉反映的问题不属实，撤销原核查结论',
        }));
      }
    }
    if (draws[2] < odds.award) {
      const a = new Rng(seed, SALT.award, ent.index, day);
      const u = a.next();
      const level = u < 0.75 ? 'city' : u < 0.97 ? 'provincial' : 'national';
      const title = level === 'city' ? `${ent.district.city.name}${a.pick(AWARD_TITLES.city)}` : a.pick(AWARD_TITLES[level]);
      out.push(make(ent, 'enforcement.award', at(day, 10, a), idOf(ent, 'award', ymd), { title, level }));
    }
    if (draws[3] < odds.incident) {
      const n = new Rng(seed, SALT.incident, ent.index, day);
      const u = n.next();
      const level = u < 0.85 ? 'general' : u < 0.95 ? 'larger' : u < 0.99 ? 'major' : 'especially_major';
      out.push(make(ent, 'enforcement.incident', at(day, n.int(0, 23), n), idOf(ent, 'incident', ymd), { incidentId: `SJ-${ymd}-${ent.index}`, level }));
    }
    if (draws[4] < odds.veto) {
      const v = new Rng(seed, SALT.veto, ent.index, day);
      out.push(make(ent, 'enforcement.veto', at(day, v.int(9, 16), v), idOf(ent, 'veto', ymd), {
        reason: v.pick(VETO_REASONS), caseNo: `${abbr}环移〔${year}〕${(dayOfYear(day) * 37 + ent.index) % 10000}号`,
      }));
    }
    if (draws[5] < odds.falsification && ent.points.length > 0) {
      const f = new Rng(seed, SALT.falsification, ent.index, day);
      out.push(make(ent, 'monitoring.falsification', at(day, f.int(9, 16), f), idOf(ent, 'falsification', ymd), {
        pointId: f.pick(ent.points).pointId, caseNo: `${abbr}环查〔${year}〕${(dayOfYear(day) * 37 + ent.index) % 10000}号`,
        description: '篡改自动监测设备参数，伪造污染物排放监测数据',
      }));
    }
    reports(ent, day, out);
    // The lookback of eventsBetween must see every follow-up; keep the promise explicit.
    const limit = dayStartMs(day + LOOKBACK_DAYS);
    return out.filter((t) => t.ms < limit);
  }

  /** All enterprises' episodes starting on `day`, cached while the caller's window may still need them. */
  const episodeCache = new Map<number, Timed[]>();
  function episodesOfDay(day: number): Timed[] {
    let list = episodeCache.get(day);
    if (!list) {
      list = day < firstEpisodeDay ? [] : enterprises.flatMap((ent) => episodesOf(ent, day));
      if (episodeCache.size > 4 * LOOKBACK_DAYS) episodeCache.clear(); // random access: keep memory bounded
      episodeCache.set(day, list);
    }
    return list;
  }

  // ---- monitoring: readings at the top of each hour, gaps, audited exceedances ----------------

  function gapPlan(ent: SimEnterprise, pointIndex: number, day: number): { start: number; hours: number } | null {
    const g = new Rng(seed, SALT.gap, ent.index, day, pointIndex);
    if (!g.chance(ODDS[ent.discipline].gapPerPointDay)) return null;
    const hours = g.chance(0.8) ? g.int(1, 3) : g.int(4, 10);
    // The gap ends (and is reported) within the same local day.
    return { start: g.int(0, 23 - hours), hours };
  }

  const inGap = (gap: { start: number; hours: number } | null, hod: number): boolean =>
    gap !== null && hod >= gap.start && hod < gap.start + gap.hours;

  function reading(ent: SimEnterprise, pi: number, qi: number, hour: number): { value: number; exceeded: boolean; voided: boolean } {
    const point = ent.points[pi]!;
    const spec = point.pollutants[qi]!;
    const r = new Rng(seed, SALT.reading, ent.index, hour, pi * 16 + qi);
    const exceeded = r.next() < ODDS[ent.discipline].exceedance;
    let factor: number;
    if (exceeded) {
      factor = r.chance(0.06) ? r.uniform(3.05, 4.5) : r.uniform(1.03, 1.8);
    } else {
      const hod = (hour + 8) % 24;
      const phase = point.medium === 'air' ? 6 : 10;
      const diurnal = 1 + (point.medium === 'air' ? 0.12 : 0.08) * Math.sin((2 * Math.PI * (hod - phase)) / 24);
      factor = Math.min(0.95, Math.max(0.02, spec.baseRatio * diurnal * Math.exp(0.2 * r.normal())));
    }
    const voided = exceeded && r.chance(0.08);
    return { value: roundTo(spec.limit * factor, spec.decimals), exceeded, voided };
  }

  function hourEvents(hour: number, out: Timed[]): void {
    const ms = hour * HOUR;
    const day = localDay(ms);
    const hod = (hour + 8) % 24;
    const stamp = compactHour(ms);
    const auditHour = hour - READING_VOID_DELAY_HOURS;
    const audit = auditHour >= firstReadingHour;
    const auditDay = localDay(auditHour * HOUR);
    const auditHod = (auditHour + 8 + 24) % 24;
    const auditStamp = compactHour(auditHour * HOUR);
    for (const ent of enterprises) {
      ent.points.forEach((point, pi) => {
        const gap = gapPlan(ent, pi, day);
        if (gap !== null && hod === gap.start + gap.hours && ms >= startMs) {
          const g = new Rng(seed, SALT.gap, ent.index, hour, pi);
          out.push(make(ent, 'monitoring.gap', ms + g.int(5, 20) * 60_000, idOf(ent, 'gap', stamp, point.pointId), { pointId: point.pointId, hours: gap.hours }));
        }
        const readingsNow = !inGap(gap, hod);
        const auditGap = audit ? gapPlan(ent, pi, auditDay) : null;
        point.pollutants.forEach((spec, qi) => {
          if (readingsNow) {
            const { value } = reading(ent, pi, qi, hour);
            out.push(make(ent, 'monitoring.reading', ms, idOf(ent, 'r', stamp, point.pointId, spec.pollutant), {
              pointId: point.pointId, pollutant: spec.pollutant, value, limit: spec.limit, unit: spec.unit,
            }));
          }
          if (audit && !inGap(auditGap, auditHod) && reading(ent, pi, qi, auditHour).voided) {
            const target = idOf(ent, 'r', auditStamp, point.pointId, spec.pollutant);
            out.push(make(ent, 'enforcement.voided', ms + (30 + qi) * 60_000, `${target}.void`, {
              targetEventId: target, reason: '经数据审核，该小时数据受设备校准影响，标记为无效数据，不参与评价',
            }));
          }
        });
      });
    }
  }

  // ---- public API ------------------------------------------------------------------------------

  const byTimeThenId = (a: Timed, b: Timed): number =>
    a.ms - b.ms || (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0);

  function eventsBetween(fromMs: number, toMs: number): ContractEvent[] {
    const from = Math.max(fromMs, startMs);
    if (!(toMs > from)) return [];
    const inRange = (t: Timed): boolean => t.ms >= from && t.ms < toMs;
    const out: Timed[] = lifecycles.filter(inRange);
    // Hourly events all fall within their hour, so the hours overlapping [from, to) suffice.
    for (let h = Math.max(Math.floor(from / HOUR), firstReadingHour); h * HOUR < toMs; h++) {
      const hourly: Timed[] = [];
      hourEvents(h, hourly);
      for (const t of hourly) if (inRange(t)) out.push(t);
    }
    const firstDay = localDay(from) - LOOKBACK_DAYS;
    for (const d of [...episodeCache.keys()]) if (d < firstDay) episodeCache.delete(d);
    for (let d = Math.max(firstDay, firstEpisodeDay); d <= localDay(toMs - 1); d++) {
      for (const t of episodesOfDay(d)) if (inRange(t)) out.push(t);
    }
    return out.sort(byTimeThenId).map((t) => t.event);
  }

  function registryEvents(): ContractEvent[] {
    const before = (t: Timed): boolean => t.ms < startMs;
    const out: Timed[] = lifecycles.filter(before);
    for (let d = firstEpisodeDay; d <= startDay; d++) {
      for (const ent of enterprises) for (const t of episodesOf(ent, d)) if (before(t)) out.push(t);
    }
    return out.sort(byTimeThenId).map((t) => t.event);
  }

  function* chunksBetween(fromMs: number, toMs: number, stepMs = HOUR): Generator<ContractEvent[]> {
    if (!(stepMs > 0)) throw new RangeError('stepMs must be > 0');
    for (let t = fromMs; t < toMs; t += stepMs) yield eventsBetween(t, Math.min(toMs, t + stepMs));
  }

  return { seed: seedInput, tag, startMs, epochMs, enterprises, registryEvents, eventsBetween, chunksBetween };
}
