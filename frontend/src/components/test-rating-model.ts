import type { RatingModel } from '../api/api-types';

/** Test data: what GET /api/model answers for the default rule book (scoring-model.md, version 1). */
export const TEST_RATING_MODEL: RatingModel = {
  version: 'scoring-model-1',
  default: { weights: { E: 4379, M: 2190, P: 2437, S: 994 }, consistencyRatio: 0.007637, thresholds: { five: 90, four: 80, three: 70, two: 60 } },
  profiles: [],
  bands: [
    { stars: 5, face: 'smile', colour: 'green', grade: 'trustworthy' },
    { stars: 4, face: 'smile', colour: 'blue', grade: 'good' },
    { stars: 3, face: 'neutral', colour: 'yellow', grade: 'good' },
    { stars: 2, face: 'cry', colour: 'red', grade: 'warning' },
    { stars: 1, face: 'cry', colour: 'black', grade: 'bad' },
  ],
  indicators: [],
};
