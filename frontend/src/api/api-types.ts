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
  /** The event behind the effect (enterprise detail and portal only), for a sentence. */
  source?: { type: string; day: string; data: Record<string, unknown> | null } | null;
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

/** Star level → count, as the statistics routes send it (keys "1".."5"). */
export type StarCountsJson = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface BreakdownJson {
  key: string;
  label: string;
  counts: StarCountsJson;
}

/** GET /api/stats/overview */
export interface OverviewStats {
  asOf: string;
  day: string;
  total: number;
  rated: number;
  byStars: StarCountsJson;
  byFace: Record<Face, number>;
  vetoesInForce: number;
  upgradesToday: number;
  downgradesToday: number;
  eventsPerMinute: number;
  byRegion: BreakdownJson[];
  byIndustry: BreakdownJson[];
}

/** GET /api/stats/trend */
export interface TrendStats {
  from: string;
  to: string;
  days: { day: string; counts: StarCountsJson }[];
}

/** One item of GET /api/stats/recent-changes. */
export interface RecentChange {
  enterpriseId: string;
  name: string | null;
  day: string;
  revision: number;
  score: number;
  stars: Stars;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  previous: { score: number; stars: Stars } | null;
  causeEventIds: string[];
  recordedAt: string;
}

/** socket.io `rating.changed` (the envface.ratings.v1 message). */
export interface LiveRatingChange {
  enterpriseId: string;
  day: string;
  score: number;
  stars: Stars;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  revision: number;
  previous: { score: number; stars: Stars; face: Face } | null;
  causeEventIds: string[];
  at: string;
}

/** socket.io `ratings.burst`: a coalesced window of changes. */
export interface LiveRatingsBurst {
  count: number;
  changes: LiveRatingChange[];
  truncated: boolean;
}

export type EarlyWarningKind = 'near_threshold' | 'star_drop' | 'overdue_order';

export interface EarlyWarning {
  kind: EarlyWarningKind;
  threshold?: number;
  day?: string;
  eventIds?: string[];
}

/** GET /api/stats/early-warnings */
export interface EarlyWarningsResponse {
  asOf: string;
  day: string;
  total: number;
  items: {
    uscc: string;
    name: string | null;
    regionCode: string | null;
    industryCode: string | null;
    score: number;
    stars: Stars;
    face: Face;
    colour: RatingColour;
    grade: Grade;
    veto: boolean;
    warnings: EarlyWarning[];
  }[];
}

export type EnterpriseSortKey = 'score' | 'stars' | 'name' | 'uscc' | 'streak';

/** One row of GET /api/enterprises (unrated enterprises have null rating fields). */
export interface EnterpriseListItem {
  uscc: string;
  name: string | null;
  registered: boolean;
  regionCode: string | null;
  industryCode: string | null;
  ratedDay: string | null;
  score: number | null;
  stars: Stars | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  veto: boolean | null;
  streak: number | null;
}

export interface EnterpriseListResponse {
  items: EnterpriseListItem[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

/** GET /api/enterprises/{uscc} */
export interface EnterpriseDetail {
  uscc: string;
  name: string | null;
  registered: boolean;
  regionCode: string | null;
  industryCode: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  firstDay: string;
  current: { day: string; score: number; stars: Stars; face: Face; colour: RatingColour; grade: Grade; veto: boolean } | null;
  streak: number | null;
  eventCount: number;
  eventCounts: Record<string, number>;
  today: string;
  effects: RatingEffect[];
  earlyWarnings: EarlyWarning[];
}

/** GET /api/enterprises/{uscc}/ratings/{day} (contract) */
export interface RatingDayDetail extends RatingDetail {
  enterpriseId: string;
  causeEventIds: string[];
  recordedAt: string;
}

/** GET /api/enterprises/{uscc}/ratings/{day}/revisions */
export interface RatingRevisionsResponse {
  enterpriseId: string;
  day: string;
  revisions: (DailyRating & { bonus: number; criteria: Record<CriterionKey, CriterionScore>; causeEventIds: string[]; recordedAt: string })[];
}

/** One stored event of GET /api/enterprises/{uscc}/events */
export interface StoredEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  day: string;
  data: Record<string, unknown>;
  source: { topic: string | null; partition: number | null; offset: string | null };
}

export interface EnterpriseEventsResponse {
  enterpriseId: string;
  items: StoredEvent[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}
