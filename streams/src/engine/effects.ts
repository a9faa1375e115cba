import type { Criterion } from './ahp';
import { dayFromIso, type Day } from './day';
import type { RuleProfile } from './rule-set';
import { reportKey, type ScoringEvent } from './scoring-event';

export type IndicatorId =
  | 'M1' | 'M2' | 'M3' | 'M4'
  | 'P1' | 'P2'
  | 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E7'
  | 'S1' | 'B1';

/** Where an effect lands: one of the four criteria, the goal-layer bonus, or a veto. */
export type EffectTarget = Criterion | 'bonus' | 'veto';

export interface Effect {
  readonly indicator: IndicatorId;
  readonly eventId: string;
  readonly target: EffectTarget;
  /** Points before caps (0 for a veto). */
  readonly points: number;
  readonly from: Day;
  /** Exclusive end; null when open-ended (an order never completed). */
  readonly until: Day | null;
  /** A repair (completion, submission, valid permit) could still end it early. */
  readonly repairable: boolean;
  /** Effects sharing a cap group share a cap (readings per point/pollutant/day, gaps per point/day). */
  readonly capGroup: string | null;
  readonly cap: number;
  /** For a deterministic split of a cap between its effects in explanations. */
  readonly atMs: number;
}

/** Earliest repair days, looked up by the caller's index (ledger) or by a scan (reference evaluator). */
export interface RepairLookup {
  earliestCompletion(ref: string): Day | undefined;
  earliestSubmission(key: string): Day | undefined;
}

function effect(
  se: ScoringEvent,
  indicator: IndicatorId,
  target: EffectTarget,
  points: number,
  from: Day,
  until: Day | null,
  repairable = false,
  capGroup: string | null = null,
  cap = Infinity,
): Effect {
  return { indicator, eventId: se.id, target, points, from, until, repairable, capGroup, cap, atMs: se.atMs };
}

/** A window whose end is not after its start is empty: no effect at all. */
function push(out: Effect[], e: Effect): void {
  if (e.until === null || e.until > e.from) out.push(e);
}

/**
 * The effects of one scoring event under one profile (docs/rating-rules.md, "Indicators"). Pure: the only outside
 * facts it needs are the earliest repairs, which the caller provides. P2 (no valid permit) is not an
 * event effect — it is evaluated per day from permit state.
 */
export function deriveEffects(se: ScoringEvent, p: RuleProfile, repairs: RepairLookup): Effect[] {
  const out: Effect[] = [];
  const day = se.day;
  const w = p.windows;
  const ev = se.event;
  switch (ev.type) {
    case 'monitoring.reading': {
      const { value, limit, pointId, pollutant } = ev.data;
      if (value <= limit) break;
      const severe = value > p.points.severeFactor * limit;
      push(
        out,
        effect(se, severe ? 'M2' : 'M1', 'M', severe ? p.points.readingSevere : p.points.readingExceedance, day, day + w.reading,
          false, `R\u0000${pointId}\u0000${pollutant}\u0000${day}`, p.caps.readingPerPointPollutantDay),
      );
      break;
    }
    case 'monitoring.gap':
      push(out, effect(se, 'M3', 'M', ev.data.hours * p.points.gapPerHour, day, day + w.gap,
        false, `G\u0000${ev.data.pointId}\u0000${day}`, p.caps.gapPerPointDay));
      break;
    case 'monitoring.falsification':
      push(out, effect(se, 'M4', 'veto', 0, day, day + w.veto));
      break;
    case 'permit.report_overdue': {
      const r = repairs.earliestSubmission(reportKey(ev.data.permitNo, ev.data.reportType, ev.data.period));
      const end = day + w.reportOverdue;
      push(out, effect(se, 'P1', 'P', p.points.reportOverdue, day, r === undefined ? end : Math.min(end, r), r === undefined));
      break;
    }
    case 'enforcement.inspection': {
      if (ev.data.result !== 'violation_found') break;
      const r = repairs.earliestCompletion(ev.data.inspectionId);
      const end = day + w.inspection;
      push(out, effect(se, 'E1', 'E', p.points.inspectionViolation, day, r === undefined ? end : Math.min(end, r), r === undefined));
      break;
    }
    case 'enforcement.penalty': {
      const r = repairs.earliestCompletion(ev.data.caseNo);
      const full = day + w.penalty;
      const until = r === undefined ? full : Math.min(full, Math.max(day + w.penaltyMinAfterRepair, r));
      push(out, effect(se, 'E2', 'E', p.points.penalty[ev.data.severity], day, until, r === undefined));
      break;
    }
    case 'enforcement.rectification_order': {
      const r = repairs.earliestCompletion(ev.data.orderNo);
      push(out, effect(se, 'E3', 'E', p.points.rectificationOrder, day, r ?? null, r === undefined));
      const overdueFrom = dayFromIso(ev.data.deadline) + 1;
      push(out, effect(se, 'E4', 'E', p.points.orderOverdue, overdueFrom, r ?? null, r === undefined));
      break;
    }
    case 'enforcement.incident':
      if (ev.data.level === 'general') push(out, effect(se, 'E5', 'E', p.points.incidentGeneral, day, day + w.incident));
      else push(out, effect(se, 'E6', 'veto', 0, day, day + w.veto));
      break;
    case 'enforcement.veto':
      push(out, effect(se, 'E7', 'veto', 0, day, day + w.veto));
      break;
    case 'enforcement.complaint_verified':
      push(out, effect(se, 'S1', 'S', p.points.complaintVerified, day, day + w.complaint));
      break;
    case 'enforcement.award':
      push(out, effect(se, 'B1', 'bonus', p.points.award[ev.data.level], day, day + w.award));
      break;
    default:
      break; // lifecycle, submissions, completions, voids and registry events have no points of their own
  }
  return out;
}

export function isActive(e: Effect, day: Day): boolean {
  return e.from <= day && (e.until === null || day < e.until);
}

/** Event types whose effects depend on a repair with a given reference. */
export function repairRefOf(se: ScoringEvent): string | null {
  const ev = se.event;
  switch (ev.type) {
    case 'enforcement.inspection':
      return ev.data.result === 'violation_found' ? ev.data.inspectionId : null;
    case 'enforcement.penalty':
      return ev.data.caseNo;
    case 'enforcement.rectification_order':
      return ev.data.orderNo;
    default:
      return null;
  }
}
