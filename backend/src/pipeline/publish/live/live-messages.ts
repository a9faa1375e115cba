import { isRatingChangeMessage, type RatingChangeMessage, type RatingsBurstMessage } from '@envface/streams';

/** `rating.changed`: exactly the `envface.ratings.v1` message the outbox carries (rating-message.schema.ts). */
export type RatingChange = RatingChangeMessage;

/** `ratings.burst`: what a coalesced room gets instead of more than BURST_THRESHOLD messages in one window. */
export type RatingsBurst = RatingsBurstMessage;

export const LIVE_EVENTS = {
  ratingChanged: 'rating.changed',
  ratingsBurst: 'ratings.burst',
  sessionExpired: 'session.expired',
} as const;

export type LiveMessage =
  | { event: typeof LIVE_EVENTS.ratingChanged; data: RatingChange }
  | { event: typeof LIVE_EVENTS.ratingsBurst; data: RatingsBurst };

/** A guard for outbox rows read back from storage (a malformed row is skipped, not allowed to break the drain). */
export const isRatingChange = isRatingChangeMessage;

// `subscribe` / `unsubscribe` bodies and their ack are part of the contract (live-messages.schema.ts).
export { subscriptionRequestSchema, type SubscriptionAck, type SubscriptionRequest } from '@envface/streams';
