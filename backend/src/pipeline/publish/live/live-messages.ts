import { isRatingChangeMessage, isValidUscc, type RatingChangeMessage, type RatingsBurstMessage } from '@envface/streams';
import { z } from 'zod';

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

/** `subscribe` / `unsubscribe` body: one region code, one enterprise, or the `all` room (staff). */
export const subscriptionRequestSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit administrative code') }),
  z.strictObject({ enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC') }),
]);
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/** The ack of `subscribe` / `unsubscribe`. */
export type SubscriptionAck = { ok: true; room: string } | { error: { code: string; message: string } };
