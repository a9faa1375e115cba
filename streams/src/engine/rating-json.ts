import { isoFromDay } from './day';
import type { DayRating } from './day-rating';

/** The contract's rating fields (docs/api.md), days as YYYY-MM-DD and the score with one decimal. */
export interface RatingSummaryJson {
  day: string;
  score: number;
  stars: number;
  face: string;
  colour: string;
  grade: string;
  veto: boolean;
}

export interface RatingDetailJson extends RatingSummaryJson {
  criteria: DayRating['criteria'];
  bonus: number;
  effects: {
    indicator: string;
    eventId: string;
    criterion: string;
    points: number;
    impact: number;
    from: string;
    until: string | null;
    repairable: boolean;
  }[];
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
