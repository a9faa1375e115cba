import type { RatingModel, ModelProfile } from '../contract/http-model.schema';
import type { RatingFields, StoredEffect } from '../contract/rating-values.schema';
import { isoFromDay } from './day';
import { bandOf, type DayRating, type Stars } from './day-rating';
import type { IndicatorId, EffectTarget } from './effects';
import type { RuleBook, RuleProfile } from './rule-set';

/** The contract's rating fields (api.md), days as YYYY-MM-DD and the score with one decimal. */
export type RatingSummaryJson = RatingFields;

/** A day's rating with its explanation, as stored (daily_ratings) and shown by the rating routes. */
export interface RatingDetailJson extends RatingSummaryJson {
  criteria: DayRating['criteria'];
  bonus: number;
  effects: StoredEffect[];
}

export function scoreOf(scoreTenths: number): number {
  return scoreTenths / 10;
}

export function ratingSummaryJson(r: DayRating): RatingSummaryJson {
  return { day: isoFromDay(r.day), score: scoreOf(r.scoreTenths), stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto };
}

export function ratingDetailJson(r: DayRating): RatingDetailJson {
  return {
    ...ratingSummaryJson(r),
    criteria: r.criteria,
    bonus: r.bonus,
    effects: r.effects.map((e) => ({
      indicator: e.indicator,
      eventId: e.eventId,
      criterion: e.criterion,
      points: e.points,
      impact: Math.round(e.impact * 10000) / 10000,
      from: isoFromDay(e.from),
      until: e.until === null ? null : isoFromDay(e.until),
      repairable: e.repairable,
    })),
  };
}

/** Where each indicator's effects land (scoring-model §3). */
const INDICATOR_TARGETS: Record<IndicatorId, EffectTarget> = {
  M1: 'M', M2: 'M', M3: 'M', M4: 'veto', P1: 'P', P2: 'P',
  E1: 'E', E2: 'E', E3: 'E', E4: 'E', E5: 'E', E6: 'veto', E7: 'veto', S1: 'S', B1: 'bonus',
};

function modelProfileJson(p: RuleProfile): ModelProfile {
  return {
    weights: { ...p.weights },
    consistencyRatio: Math.round(p.consistencyRatio * 1e6) / 1e6,
    thresholds: { five: p.thresholds.five / 10, four: p.thresholds.four / 10, three: p.thresholds.three / 10, two: p.thresholds.two / 10 },
  };
}

/** GET /api/model: the rule book's numbers for clients (thresholds as scores, weights in ten-thousandths). */
export function ratingModelJson(book: RuleBook): RatingModel {
  const levels: Stars[] = [5, 4, 3, 2, 1];
  return {
    version: book.version ?? 'unversioned',
    default: modelProfileJson(book.defaultProfile),
    profiles: [...book.profiles]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([industryPrefix, p]) => ({ industryPrefix, ...modelProfileJson(p) })),
    bands: levels.map((stars) => ({ stars, ...bandOf(stars) })),
    indicators: (Object.keys(INDICATOR_TARGETS) as IndicatorId[]).map((id) => ({ id, target: INDICATOR_TARGETS[id] })),
  };
}
