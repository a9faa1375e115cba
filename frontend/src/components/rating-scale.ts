import type { Face, Grade, ModelProfile, RatingColour, RatingModel, Stars } from '../api/api-types';

/**
 * The rating model's display table and star thresholds, from the server's rule book (GET /api/model), for legends
 * and chart guide lines only. Never used to turn a score into stars: the server sends stars/face/colour/grade with
 * every rating (a veto, for one, overrides the score). No numbers of the model live in the app.
 */
export interface ScaleRow {
  stars: Stars;
  /** Lowest score of this band; null for the bottom band. */
  minScore: number | null;
  face: Face;
  colour: RatingColour;
  grade: Grade;
}

/** The profile an industry code is rated with: the longest matching prefix wins, else the default (as on the server). */
export function profileFor(model: RatingModel, industryCode: string | null | undefined): ModelProfile {
  let best: ModelProfile = model.default;
  let bestLength = 0;
  if (!industryCode) return best;
  for (const profile of model.profiles) {
    if (profile.industryPrefix.length > bestLength && industryCode.startsWith(profile.industryPrefix)) {
      best = profile;
      bestLength = profile.industryPrefix.length;
    }
  }
  return best;
}

const MIN_SCORE_KEY = { 5: 'five', 4: 'four', 3: 'three', 2: 'two' } as const;

function minScoreOf(profile: ModelProfile, stars: Stars): number | null {
  return stars === 1 ? null : profile.thresholds[MIN_SCORE_KEY[stars]];
}

/** The display table, 5 stars first, with the profile's thresholds (default: the model's default profile). */
export function ratingScale(model: RatingModel, profile: ModelProfile = model.default): ScaleRow[] {
  return model.bands.map((band) => ({ ...band, minScore: minScoreOf(profile, band.stars) }));
}

/** Star thresholds for guide lines, highest first: [{stars: 5, score: 90}, …, {stars: 2, score: 60}] by default. */
export function starThresholds(profile: ModelProfile): { stars: Stars; score: number }[] {
  return ([5, 4, 3, 2] as const).map((stars) => ({ stars, score: profile.thresholds[MIN_SCORE_KEY[stars]] }));
}
