import { isValidUscc } from '@envface/streams';
import { z } from 'zod';

/** `rating.changed`: exactly the `envface.ratings.v1` message the outbox carries (see docs/api.md). */
export interface RatingChange {
  enterpriseId: string;
  day: string;
  score: number;
  stars: number;
  face: string;
  colour: string;
  grade: string;
  veto: boolean;
  revision: number;
  previous: { score: number; stars: number; face: string } | null;
  causeEventIds: string[];
  at: string;
}

/** `ratings.burst`: what a coalesced room gets instead of more than BURST_THRESHOLD messages in one window. */
export interface RatingsBurst {
  /** distinct enterprise-days that changed in the window */
  count: number;
  /** the latest change of each enterprise-day, most recent last, at most BURST_MAX_CHANGES */
  changes: RatingChange[];
  /** true when count > changes.length: the client should refetch what it shows */
  truncated: boolean;
}

export const LIVE_EVENTS = {
  ratingChanged: 'rating.changed',
  ratingsBurst: 'ratings.burst',
  sessionExpired: 'session.expired',
} as const;

export type LiveMessage =
  | { event: typeof LIVE_EVENTS.ratingChanged; data: RatingChange }
  | { event: typeof LIVE_EVENTS.ratingsBurst; data: RatingsBurst };

/**
 * The outbox payload is written by ScoringService in this shape; the check only guards the fields the
 * live channel reads (a malformed row is skipped, not allowed to break the drain).
 */
export function isRatingChange(value: unknown): value is RatingChange {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.enterpriseId === 'string' && typeof v.day === 'string' && typeof v.revision === 'number';
}

/** `subscribe` / `unsubscribe` body: one region code, one enterprise, or the `all` room (staff). */
export const subscriptionRequestSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit administrative code') }),
  z.strictObject({ enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC') }),
]);
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/** The ack of `subscribe` / `unsubscribe`. */
export type SubscriptionAck = { ok: true; room: string } | { error: { code: string; message: string } };
