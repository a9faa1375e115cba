import type { RatingEffect } from '../../api/api-types';
import { TEST_RATING_MODEL } from '../../components/test-rating-model';
import { scoreComposition } from './score-composition';

const WEIGHTS = TEST_RATING_MODEL.default.weights;

const effect = (over: Partial<RatingEffect>): RatingEffect => ({
  indicator: 'E2', eventId: 'pen-1', criterion: 'E', points: 25, impact: 10.9475, from: '2026-03-01', until: '2027-03-01', repairable: true, ...over,
});

describe('scoreComposition', () => {
  it('takes weights from the effects (impact / points) and the profile\'s table otherwise', () => {
    const c = scoreComposition(
      { E: { points: 25, subscore: 75 }, M: { points: 0, subscore: 100 }, P: { points: 0, subscore: 100 }, S: { points: 20, subscore: 80 } },
      [effect({}), effect({ indicator: 'S1', eventId: 'c-1', criterion: 'S', points: 20, impact: 2 })],
      0,
      WEIGHTS,
    );
    const [e, m, , s] = c.rows;
    expect(e).toMatchObject({ criterion: 'E', weightFromEffects: true, subscore: 75, deducted: 25 });
    expect(e.weight).toBeCloseTo(0.4379, 6);
    expect(e.impact).toBeCloseTo(10.95, 2);
    expect(m).toMatchObject({ weight: 0.219, weightFromEffects: false, impact: 0 });
    // An industry profile with another S weight (0.1 here) shows its own weight, not the default 0.0994.
    expect(s.weight).toBeCloseTo(0.1, 6);
    expect(s.impact).toBeCloseTo(2, 6);
  });

  it('charges a floored sub-score only its lost 100 points', () => {
    const c = scoreComposition({ M: { points: 130, subscore: 0 } }, [], 0, WEIGHTS);
    expect(c.rows[1]).toMatchObject({ criterion: 'M', deducted: 130, subscore: 0 });
    expect(c.rows[1].impact).toBeCloseTo(21.9, 6);
    expect(c.rows[0]).toMatchObject({ criterion: 'E', subscore: 100, impact: 0 });
  });
});
