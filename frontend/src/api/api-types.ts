// Shapes of the outside contract (contracts/api.md, version 1) as the web app reads them.
// The server computes face/colour/grade; the app only displays them.

export type Face = 'smile' | 'neutral' | 'cry';
export type RatingColour = 'green' | 'blue' | 'yellow' | 'red' | 'black';
export type Grade = 'trustworthy' | 'good' | 'warning' | 'bad';
export type Stars = 1 | 2 | 3 | 4 | 5;
export type CriterionKey = 'E' | 'M' | 'P' | 'S';

export const STAR_VALUES: readonly Stars[] = [1, 2, 3, 4, 5];

export interface DailyRating {
  day: string;
  score: number;
  stars: Stars;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  revision: number;
}

export interface RatingsResponse {
  enterpriseId: string;
  ratings: DailyRating[];
}

export interface CriterionScore {
  points: number;
  subscore: number;
}

export interface RatingEffect {
  indicator: string;
  eventId: string;
  criterion: CriterionKey | 'B' | 'V' | string;
  points: number;
  impact: number;
  from: string;
  /** Exclusive; null when open-ended. */
  until: string | null;
  repairable: boolean;
}

export interface RatingDetail extends DailyRating {
  criteria: Record<CriterionKey, CriterionScore>;
  bonus: number;
  effects: RatingEffect[];
}

export interface PublicView {
  name: string;
  uscc: string;
  score: number;
  stars: Stars;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  last30: { day: string; stars: Stars; face: Face }[];
  penalties: { day: string; caseNo: string; violation: string; publicText: string }[];
}

export interface LoginResponse {
  token: string;
}

/** The contract error body: every error answer of the API has this shape. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
