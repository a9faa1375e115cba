import type { Criteria, Face, Grade, RatingColour, StarLevel, StoredEffect } from '@envface/streams';

/**
 * One revision of one enterprise-day as `daily_ratings` stores it (the latest revision of a day is its
 * rating). Here, beside the database, because the scorer writes these rows and the read side reads
 * them, and neither may import the other.
 */
export interface StoredRatingRow {
  enterprise_id: string;
  /** YYYY-MM-DD */
  day: string;
  revision: number;
  score_tenths: number;
  stars: StarLevel;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  criteria: Criteria;
  bonus: number;
  effects: StoredEffect[];
  cause_event_ids: string[];
  recorded_at: Date;
}
