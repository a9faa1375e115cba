/** One day of the public 30-day strip. */
export interface PublicDay {
  day: string;
  stars: number;
  face: string;
}

export interface PublicPenalty {
  day: string;
  caseNo: string;
  violation: string;
  publicText: string | null;
}

/**
 * GET /api/public/{token}: exactly what anyone may see (docs/api.md) plus the under-appeal
 * badge. Rating fields are null while the enterprise has no rating yet.
 */
export interface PublicView {
  name: string | null;
  uscc: string;
  score: number | null;
  stars: number | null;
  face: string | null;
  colour: string | null;
  grade: string | null;
  last30: PublicDay[];
  penalties: PublicPenalty[];
  underAppeal: boolean;
}

/** The key set, for tests and for anything that must not add fields by accident. */
export const PUBLIC_VIEW_KEYS: readonly (keyof PublicView)[] = [
  'name', 'uscc', 'score', 'stars', 'face', 'colour', 'grade', 'last30', 'penalties', 'underAppeal',
];
