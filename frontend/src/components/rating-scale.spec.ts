import type { RatingModel } from '../api/api-types';
import { profileFor, ratingScale, starThresholds } from './rating-scale';
import { TEST_RATING_MODEL } from './test-rating-model';

describe('rating scale from the server rule book', () => {
  const model: RatingModel = {
    ...TEST_RATING_MODEL,
    profiles: [
      { industryPrefix: 'D', weights: TEST_RATING_MODEL.default.weights, consistencyRatio: 0, thresholds: { five: 91, four: 81, three: 71, two: 61 } },
      { industryPrefix: 'D46', weights: TEST_RATING_MODEL.default.weights, consistencyRatio: 0, thresholds: { five: 92, four: 82, three: 72, two: 62 } },
    ],
  };

  it('takes thresholds from the profile of the longest matching industry prefix, else the default', () => {
    expect(starThresholds(profileFor(model, 'C2614')).map((t) => t.score)).toEqual([90, 80, 70, 60]);
    expect(starThresholds(profileFor(model, 'D4411')).map((t) => t.score)).toEqual([91, 81, 71, 61]);
    expect(starThresholds(profileFor(model, 'D4620')).map((t) => t.score)).toEqual([92, 82, 72, 62]);
    expect(starThresholds(profileFor(model, null)).map((t) => t.stars)).toEqual([5, 4, 3, 2]);
  });

  it('builds the display table from the bands, the bottom band without a minimum', () => {
    expect(ratingScale(model).map((r) => [r.stars, r.minScore, r.face, r.colour, r.grade])).toEqual([
      [5, 90, 'smile', 'green', 'trustworthy'],
      [4, 80, 'smile', 'blue', 'good'],
      [3, 70, 'neutral', 'yellow', 'good'],
      [2, 60, 'cry', 'red', 'warning'],
      [1, null, 'cry', 'black', 'bad'],
    ]);
  });
});
