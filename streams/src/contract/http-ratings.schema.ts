import { z } from 'zod';
import { criteriaSchema, instantSchema, isoDaySchema, ratingFieldsSchema, storedEffectSchema } from './rating-values.schema';

/** The contract rating routes (api.md) and the revision history behind them. */

/** GET /api/enterprises/{uscc}/ratings?from&to (and the portal's own ratings). */
export const ratingsRangeQuerySchema = z.strictObject({
  from: z.string().optional().meta({ description: 'YYYY-MM-DD (default: 29 days before `to`)' }),
  to: z.string().optional().meta({ description: 'YYYY-MM-DD (default and at most: today); at most 400 days' }),
});
export type RatingsRangeQuery = z.infer<typeof ratingsRangeQuerySchema>;

/** One day's rating: the latest revision of that enterprise-day. */
export const dailyRatingSchema = ratingFieldsSchema.extend({ revision: z.number().int().min(1) }).meta({ id: 'DailyRating' });
export type DailyRating = z.infer<typeof dailyRatingSchema>;

export const ratingsRangeResponseSchema = z
  .object({ enterpriseId: z.string(), ratings: z.array(dailyRatingSchema).meta({ description: 'one per day the enterprise existed, oldest first' }) })
  .meta({ id: 'RatingsResponse' });
export type RatingsRangeResponse = z.infer<typeof ratingsRangeResponseSchema>;

/** GET /api/enterprises/{uscc}/ratings/{day}: the contract fields plus the explanation. */
export const ratingDayDetailSchema = z
  .object({
    enterpriseId: z.string(),
    ...dailyRatingSchema.shape,
    criteria: criteriaSchema,
    bonus: z.number(),
    effects: z.array(storedEffectSchema),
    causeEventIds: z.array(z.string()),
    recordedAt: instantSchema,
  })
  .meta({ id: 'RatingDayDetail' });
export type RatingDayDetail = z.infer<typeof ratingDayDetailSchema>;

/** One stored revision of a day (GET .../ratings/{day}/revisions). */
export const ratingRevisionSchema = z
  .object({
    ...dailyRatingSchema.shape,
    criteria: criteriaSchema,
    bonus: z.number(),
    causeEventIds: z.array(z.string()),
    recordedAt: instantSchema,
  })
  .meta({ id: 'RatingRevision' });
export type RatingRevision = z.infer<typeof ratingRevisionSchema>;

/** Who caused a revision's event and why (staff only): the sender, and for decisions the deciding account and reason. */
export const revisionCauseSchema = z
  .object({
    eventId: z.string(),
    type: z.string().nullable().meta({ description: 'null when the event is not stored (a rollover revision names the day only)' }),
    via: z.enum(['kafka', 'http', 'workflow', 'simulator']).meta({ description: 'how the event arrived' }),
    sender: z.string().nullable().meta({ description: 'the account or service key that sent it over HTTP, or the Kafka topic' }),
    decidedBy: z.string().nullable().meta({ description: 'the inspector who verified the complaint or accepted the appeal behind it' }),
    reason: z.string().nullable().meta({ description: "the decision's reason (complaint verification, appeal acceptance) or the void's reason" }),
  })
  .meta({ id: 'RevisionCause' });
export type RevisionCause = z.infer<typeof revisionCauseSchema>;

export const ratingRevisionsResponseSchema = z
  .object({
    enterpriseId: z.string(),
    day: isoDaySchema,
    revisions: z.array(ratingRevisionSchema).meta({ description: 'oldest first' }),
    causes: z.array(revisionCauseSchema).meta({ description: 'one per distinct cause event id of the revisions' }),
  })
  .meta({ id: 'RatingRevisionsResponse' });
export type RatingRevisionsResponse = z.infer<typeof ratingRevisionsResponseSchema>;
