import { z } from 'zod';
import { faceSchema, instantSchema, orNull, ratingFieldsSchema, scoreSchema, starsSchema, type RatingFields } from './rating-values.schema';

/**
 * The rating-change message (api.md "Kafka output"): one per change of any enterprise-day's rating,
 * on `envface.ratings.v1` (key = USCC) and, with the same value, socket.io `/live` `rating.changed`.
 *
 * This schema is its one definition: the outbox row, the Kafka sink, the live gateway, the OpenAPI
 * document and the web app's generated types all take their type from here. It is never parsed on
 * the hot path (the scorer builds thousands a second); `ratingChangeMessage` builds it with types only.
 */

/** The revision a change replaced; null for a day's first rating. */
export const ratingPreviousSchema = z.object({ score: scoreSchema, stars: starsSchema, face: faceSchema }).meta({ id: 'RatingPrevious' });
export type RatingPrevious = z.infer<typeof ratingPreviousSchema>;

export const ratingChangeMessageSchema = z
  .object({
    enterpriseId: z.string().meta({ description: 'USCC' }),
    ...ratingFieldsSchema.shape,
    revision: z.number().int().min(1),
    previous: orNull(ratingPreviousSchema),
    causeEventIds: z.array(z.string()),
    at: instantSchema.meta({ description: 'when the change was committed, with the rating timezone offset' }),
  })
  .meta({ id: 'RatingChange', description: 'envface.ratings.v1 message = socket.io rating.changed' });
export type RatingChangeMessage = z.infer<typeof ratingChangeMessageSchema>;

/**
 * The one builder of the message, used by the scorer (live changes) and the outbox drainer (the
 * rollover's copied ratings). It copies exactly the contract's fields in the contract's order, so
 * a rating object with more fields (criteria, effects) never leaks into the message.
 */
export function ratingChangeMessage(
  enterpriseId: string,
  rating: RatingFields,
  revision: number,
  previous: RatingPrevious | null,
  causeEventIds: string[],
  at: string,
): RatingChangeMessage {
  return {
    enterpriseId,
    day: rating.day,
    score: rating.score,
    stars: rating.stars,
    face: rating.face,
    colour: rating.colour,
    grade: rating.grade,
    veto: rating.veto,
    revision,
    previous,
    causeEventIds,
    at,
  };
}

/**
 * A guard for values read back from storage (outbox rows): checks the fields that route a message
 * (enterprise, day, revision) without parsing the whole message, so a malformed row is skipped
 * cheaply instead of breaking a drain.
 */
export function isRatingChangeMessage(value: unknown): value is RatingChangeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.enterpriseId === 'string' && typeof v.day === 'string' && typeof v.revision === 'number';
}

/** socket.io `ratings.burst`: what a coalesced room gets instead of many `rating.changed` in one window. */
export const ratingsBurstSchema = z
  .object({
    count: z.number().int().meta({ description: 'distinct enterprise-days that changed in the window' }),
    changes: z.array(ratingChangeMessageSchema).meta({ description: 'the latest change of each enterprise-day, most recent last' }),
    truncated: z.boolean().meta({ description: 'count > changes.length: refetch what you show' }),
  })
  .meta({ id: 'RatingsBurst' });
export type RatingsBurstMessage = z.infer<typeof ratingsBurstSchema>;

/**
 * The rollover's copied ratings of one chunk (outbox kind `ratings_copy`, written in SQL by
 * RatingRepository.copyPreviousDay); the drainer expands it into one rating-change message each.
 */
export const ratingsCopyPayloadSchema = z.object({
  day: z.string(),
  at: z.string(),
  enterpriseIds: z.array(z.string()),
  starCounts: z.record(z.string(), z.number()).optional(),
});
export type RatingsCopyPayload = z.infer<typeof ratingsCopyPayloadSchema>;
