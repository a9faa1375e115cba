// The API's shapes as the web app reads them: names for the types generated from the OpenAPI
// document (generated/openapi.d.ts, built from the zod schemas in streams/src/contract by
// `npm run generate:api-types`). Nothing here is written by hand but the names: a change of the
// server's answers shows up as a type error in the app.
// The server computes face/colour/grade; the app only displays them.
import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];

export type Face = Schemas['Face'];
export type RatingColour = Schemas['RatingColour'];
export type Grade = Schemas['Grade'];
export type Stars = Schemas['Stars'];
export type CriterionKey = keyof Schemas['Criteria'];

/** Star levels, lowest first (for loops over a StarCounts). */
export const STAR_VALUES: readonly Stars[] = [1, 2, 3, 4, 5];

export type DailyRating = Schemas['DailyRating'];
export type RatingsResponse = Schemas['RatingsResponse'];
export type CriterionScore = Schemas['CriterionScore'];
/** One active effect of a day; `until` is exclusive, null when open-ended. */
export type RatingEffect = Schemas['RatingEffect'] & { source?: EffectSource };
/** The event behind an effect (enterprise detail and portal answers carry it), for a sentence. */
export type EffectSource = Schemas['EffectSource'];
/** GET /api/enterprises/{uscc}/ratings/{day} (contract) */
export type RatingDayDetail = Schemas['RatingDayDetail'];
export type RatingDetail = RatingDayDetail;
export type PublicView = Schemas['PublicView'];
export type LoginResponse = Schemas['LoginResponse'];

/** The contract error body: every error answer of the API has this shape. */
export type ApiErrorBody = Schemas['ErrorBody'];

/** Star level → count, as the statistics routes send it (keys "1".."5"). */
export type StarCountsJson = Schemas['StarCounts'];
export type BreakdownJson = Schemas['Breakdown'];
/** GET /api/stats/overview */
export type OverviewStats = Schemas['OverviewStats'];
/** GET /api/stats/trend */
export type TrendStats = Schemas['TrendStats'];
/** One item of GET /api/stats/recent-changes. */
export type RecentChange = Schemas['RecentChange'];
export type RecentChangesResponse = Schemas['RecentChangesResponse'];

/** socket.io `rating.changed` (the envface.ratings.v1 message). */
export type LiveRatingChange = Schemas['RatingChange'];
/** socket.io `ratings.burst`: a coalesced window of changes. */
export type LiveRatingsBurst = Schemas['RatingsBurst'];
/** socket.io `subscribe` / `unsubscribe` body and the server's ack. */
export type LiveSubscription = Schemas['SubscriptionRequest'];
export type LiveSubscriptionAck = Schemas['SubscriptionAck'];

export type EarlyWarning = Schemas['EarlyWarning'];
export type EarlyWarningKind = EarlyWarning['kind'];
/** GET /api/stats/early-warnings */
export type EarlyWarningsResponse = Schemas['EarlyWarningsResponse'];

export type EnterpriseSortKey = NonNullable<NonNullable<paths['/api/enterprises']['get']['parameters']['query']>['sort']>;
/** One row of GET /api/enterprises (unrated enterprises have null rating fields). */
export type EnterpriseListItem = Schemas['EnterpriseListItem'];
export type EnterpriseListResponse = Schemas['EnterpriseListResponse'];
/** GET /api/enterprises/{uscc} */
export type EnterpriseDetail = Schemas['EnterpriseDetail'];
/** GET /api/enterprises/{uscc}/ratings/{day}/revisions */
export type RatingRevisionsResponse = Schemas['RatingRevisionsResponse'];
export type RevisionCause = Schemas['RevisionCause'];
/** One stored event of GET /api/enterprises/{uscc}/events */
export type StoredEvent = Schemas['StoredEvent'];
/** `nextBefore`: pass as `before` for the next (older) page; null at the end. */
export type EnterpriseEventsResponse = Schemas['EnterpriseEventsResponse'];

/** GET /api/model: the rule book's numbers (thresholds, weights, indicators, version). */
export type RatingModel = Schemas['RatingModel'];
export type ModelProfile = Schemas['ModelProfile'];

/** GET /api/stats/map */
export type RegionMapResponse = Schemas['RegionMap'];
export type RegionAggregate = RegionMapResponse['regions'][number];
export type MapPoint = RegionMapResponse['points'][number];
/** GET /api/enterprises/{uscc}/peers, GET /api/portal/peers */
export type PeerComparison = Schemas['PeerComparison'];
export type PeerGroup = PeerComparison['groups'][number];
/** GET /api/enterprises/{uscc}/quarters */
export type QuarterlyCompliance = Schemas['QuarterlyCompliance'];
export type QuarterRow = QuarterlyCompliance['quarters'][number];
