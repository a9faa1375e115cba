import type { CurrentRating, Face, Grade, RatingColour, StarLevel } from '@envface/streams';

/** The current-rating columns of `enterprises` (all null until the first rating). */
export interface CurrentRatingColumns {
  rated_day: string | null;
  score_tenths: number | null;
  stars: StarLevel | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  veto: boolean | null;
}

/** An enterprise's current rating as the API shows it; null before its first rating (the columns are set together). */
export function currentRatingOf(row: CurrentRatingColumns): CurrentRating | null {
  if (row.rated_day === null) return null;
  return { day: row.rated_day, score: row.score_tenths! / 10, stars: row.stars!, face: row.face!, colour: row.colour!, grade: row.grade!, veto: row.veto! };
}
