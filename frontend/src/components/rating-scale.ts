import type { Face, Grade, RatingColour, Stars } from '../api/api-types';

/**
 * The scoring model's display table (docs/rating-rules.md), for legends and chart guide lines only. It is never used to turn a score
 * into stars: the server sends stars/face/colour/grade with every rating (a veto, for one, overrides the score).
 */
export interface ScaleRow {
  stars: Stars;
  /** Lowest score of this band; null for the bottom band. */
  minScore: number | null;
  face: Face;
  colour: RatingColour;
  grade: Grade;
}

export const RATING_SCALE: readonly ScaleRow[] = [
  { stars: 5, minScore: 90, face: 'smile', colour: 'green', grade: 'trustworthy' },
  { stars: 4, minScore: 80, face: 'smile', colour: 'blue', grade: 'good' },
  { stars: 3, minScore: 70, face: 'neutral', colour: 'yellow', grade: 'good' },
  { stars: 2, minScore: 60, face: 'cry', colour: 'red', grade: 'warning' },
  { stars: 1, minScore: null, face: 'cry', colour: 'black', grade: 'bad' },
];

/** Star thresholds for guide lines, highest first: [{stars: 5, score: 90}, …, {stars: 2, score: 60}]. */
export const STAR_THRESHOLDS: readonly { stars: Stars; score: number }[] = RATING_SCALE.flatMap((row) =>
  row.minScore === null ? [] : [{ stars: row.stars, score: row.minScore }],
);
