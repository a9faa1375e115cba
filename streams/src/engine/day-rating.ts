import { CRITERIA, type Criterion } from './ahp';
import type { Day } from './day';
import { isActive, type Effect, type EffectTarget, type IndicatorId } from './effects';
import type { RuleProfile } from './rule-set';

import type { Face, Grade, RatingColour } from '../contract/rating-values.schema';

// The value sets are the contract's (rating-values.schema.ts); the engine names them here too.
export type { Face, Grade };
export type Colour = RatingColour;
export type Stars = 1 | 2 | 3 | 4 | 5;

/** One active effect as shown to inspectors and the enterprise: points after caps. */
export interface ExplainedEffect {
  indicator: IndicatorId;
  eventId: string;
  criterion: EffectTarget;
  points: number;
  /** Deduction for a criterion (points × W / 10000), bonus points for a bonus, 0 for a veto. */
  impact: number;
  from: Day;
  until: Day | null;
  repairable: boolean;
}

export interface DayRating {
  day: Day;
  /** Score in tenths of a point (0 … 1000): the exact integer the model computes. */
  scoreTenths: number;
  stars: Stars;
  face: Face;
  colour: Colour;
  grade: Grade;
  veto: boolean;
  criteria: Record<Criterion, { points: number; subscore: number }>;
  bonus: number;
  effects: ExplainedEffect[];
}

const BANDS: Record<Stars, { face: Face; colour: Colour; grade: Grade }> = {
  5: { face: 'smile', colour: 'green', grade: 'trustworthy' },
  4: { face: 'smile', colour: 'blue', grade: 'good' },
  3: { face: 'neutral', colour: 'yellow', grade: 'good' },
  2: { face: 'cry', colour: 'red', grade: 'warning' },
  1: { face: 'cry', colour: 'black', grade: 'bad' },
};

function byOccurrence(a: Effect, b: Effect): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

export function starsForScore(scoreTenths: number, t: RuleProfile['thresholds']): Stars {
  if (scoreTenths >= t.five) return 5;
  if (scoreTenths >= t.four) return 4;
  if (scoreTenths >= t.three) return 3;
  if (scoreTenths >= t.two) return 2;
  return 1;
}

export function bandOf(stars: Stars): { face: Face; colour: Colour; grade: Grade } {
  return BANDS[stars];
}

/** The model's integer arithmetic (docs/rating-rules.md): weighted sub-scores, round half up to 0.1, bonus, cap at 100. */
export function scoreTenthsOf(points: Record<Criterion, number>, bonus: number, weights: Record<Criterion, number>): number {
  let base = 0;
  for (const c of CRITERIA) base += weights[c] * Math.max(0, 100 - points[c]);
  const tenths = Math.floor((base + 500) / 1000);
  return Math.min(1000, tenths + 10 * bonus);
}

function impactOf(target: EffectTarget, points: number, weights: Record<Criterion, number>): number {
  if (target === 'veto') return 0;
  if (target === 'bonus') return points;
  return (points * weights[target]) / 10000;
}

/**
 * The rating of one day from the effects that could be active on it. `effects` may contain
 * inactive ones (they are filtered); `permitLapse` is the day's P2 effect, if any. Caps are applied
 * per cap group and to the bonus; within a capped group the points go to effects in occurredAt
 * order, so the explanation is the same whatever order events arrived in.
 */
export function rateDay(day: Day, effects: Iterable<Effect>, permitLapse: Effect | null, profile: RuleProfile): DayRating {
  const points: Record<Criterion, number> = { E: 0, M: 0, P: 0, S: 0 };
  let veto = false;
  const active: Effect[] = [];
  let groups: Map<string, Effect[]> | null = null;
  let bonusEffects: Effect[] | null = null;

  for (const e of effects) {
    if (!isActive(e, day)) continue;
    if (e.capGroup !== null) {
      groups ??= new Map();
      const g = groups.get(e.capGroup);
      if (g) g.push(e);
      else groups.set(e.capGroup, [e]);
    } else if (e.target === 'bonus') {
      (bonusEffects ??= []).push(e);
    } else {
      active.push(e);
    }
  }
  if (permitLapse) active.push(permitLapse);

  const w = profile.weights;
  // Effects with their points after caps; sorted at the end so the explanation reads the same
  // whatever order events arrived in.
  const counted: { e: Effect; pts: number }[] = [];
  const explain = (e: Effect, pts: number) => counted.push({ e, pts });

  for (const e of active) {
    if (e.target === 'veto') veto = true;
    else if (e.target !== 'bonus') points[e.target] += e.points;
    explain(e, e.points);
  }

  if (groups) {
    for (const members of groups.values()) {
      const cap = members[0]!.cap;
      let total = 0;
      for (const m of members) total += m.points;
      if (total > cap) members.sort(byOccurrence);
      let remaining = cap;
      for (const m of members) {
        const pts = Math.min(m.points, remaining);
        remaining -= pts;
        points[m.target as Criterion] += pts;
        explain(m, pts);
      }
    }
  }

  let bonus = 0;
  if (bonusEffects) {
    bonusEffects.sort(byOccurrence);
    let remaining = profile.caps.bonusPerDay;
    for (const b of bonusEffects) {
      const pts = Math.min(b.points, remaining);
      remaining -= pts;
      bonus += pts;
      explain(b, pts);
    }
  }

  counted.sort((a, b) => byOccurrence(a.e, b.e) || (a.e.indicator < b.e.indicator ? -1 : a.e.indicator > b.e.indicator ? 1 : 0));
  const explained: ExplainedEffect[] = counted.map(({ e, pts }) => ({
    indicator: e.indicator,
    eventId: e.eventId,
    criterion: e.target,
    points: pts,
    impact: impactOf(e.target, pts, w),
    from: e.from,
    until: e.until,
    repairable: e.repairable,
  }));

  const scoreTenths = scoreTenthsOf(points, bonus, w);
  const stars: Stars = veto ? 1 : starsForScore(scoreTenths, profile.thresholds);
  const band = BANDS[stars];
  return {
    day,
    scoreTenths,
    stars,
    face: band.face,
    colour: band.colour,
    grade: band.grade,
    veto,
    criteria: {
      E: { points: points.E, subscore: Math.max(0, 100 - points.E) },
      M: { points: points.M, subscore: Math.max(0, 100 - points.M) },
      P: { points: points.P, subscore: Math.max(0, 100 - points.P) },
      S: { points: points.S, subscore: Math.max(0, 100 - points.S) },
    },
    bonus,
    effects: explained,
  };
}
