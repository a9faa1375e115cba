import type { CriterionKey, CriterionScore, RatingEffect } from '../../api/api-types';

export const CRITERIA: readonly CriterionKey[] = ['E', 'M', 'P', 'S'];

/** The model's default AHP weights in ten-thousandths (docs/rating-rules.md); an industry profile may differ. */
export const DEFAULT_WEIGHTS: Readonly<Record<CriterionKey, number>> = { E: 4379, M: 2190, P: 2437, S: 994 };

export interface CompositionRow {
  criterion: CriterionKey;
  subscore: number;
  deducted: number;
  /** Share of the total score, 0..1. */
  weight: number;
  /** True when the weight was read from this rating's own effects (points → impact), not the default table. */
  weightFromEffects: boolean;
  /** Points this criterion takes off the total score (≥ 0). */
  impact: number;
}

export interface Composition {
  rows: CompositionRow[];
  bonus: number;
}

/**
 * How the day's score is made: per criterion the sub-score, its weight and what it costs the total.
 * The weight comes from the rating's effects where possible (impact = points × W / 10000, so an industry profile's
 * own weights show), else from the default table.
 */
export function scoreComposition(
  criteria: Partial<Record<CriterionKey, CriterionScore>>,
  effects: readonly RatingEffect[],
  bonus: number,
): Composition {
  const rows = CRITERIA.map((criterion): CompositionRow => {
    const score = criteria[criterion] ?? { points: 0, subscore: 100 };
    const sample = effects.find((e) => e.criterion === criterion && e.points > 0 && e.impact > 0);
    const weight = sample ? sample.impact / sample.points : DEFAULT_WEIGHTS[criterion] / 10000;
    return {
      criterion,
      subscore: score.subscore,
      deducted: score.points,
      weight,
      weightFromEffects: sample !== undefined,
      // The sub-score floors at 0, so what the total loses is the weight of the lost sub-score, not of every point.
      impact: Math.round(weight * (100 - score.subscore) * 100) / 100,
    };
  });
  return { rows, bonus };
}
