import { z } from 'zod';
import { limitParam } from './http-common.schema';
import { currentRatingSchema } from './http-enterprises.schema';
import { APPEAL_STATUSES } from './http-workflows.schema';
import { faceSchema, instantSchema, isoDaySchema, scoreSchema, starsSchema, storedEffectSchema, orNull, effectSourceSchema } from './rating-values.schema';

/** The enterprise portal: the caller's own enterprise only (no USCC in any path). */

export const portalLimitQuerySchema = z.strictObject({ limit: limitParam(500, 100) });
export type PortalLimitQuery = z.infer<typeof portalLimitQuerySchema>;

/** What would end an effect before its window runs out (scoring-model §3), in data the enterprise can act on. */
export const earlyEndSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('rectification_completed'), ref: z.string(), notBefore: isoDaySchema.nullable() }),
    z.object({ kind: z.literal('report_submitted'), permitNo: z.string(), reportType: z.string(), period: z.string() }),
  ])
  .nullable()
  .meta({ id: 'EarlyEnd' });
export type EarlyEnd = z.infer<typeof earlyEndSchema>;

export const portalEffectSchema = storedEffectSchema
  .extend({
    endsOn: isoDaySchema.nullable().meta({ description: 'the last day the effect applies; null while open-ended' }),
    sourceType: z.string().nullable(),
    source: effectSourceSchema,
    earlyEnd: earlyEndSchema,
  })
  .meta({ id: 'PortalEffect' });
export type PortalEffect = z.infer<typeof portalEffectSchema>;

export const portalOverviewSchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    address: z.string().nullable(),
    regionCode: z.string().nullable(),
    industryCode: z.string().nullable(),
    firstDay: isoDaySchema,
    today: isoDaySchema,
    current: orNull(currentRatingSchema),
    streak: z.number().int().nullable(),
    effects: z.array(portalEffectSchema),
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

export const portalEventSchema = z
  .object({
    eventId: z.string(),
    type: z.string(),
    day: isoDaySchema,
    occurredAt: instantSchema,
    data: z.record(z.string(), z.unknown()).nullable(),
    voided: z.boolean(),
    appealStatus: z.enum(APPEAL_STATUSES).nullable(),
  })
  .meta({ id: 'PortalEvent' });
export type PortalEvent = z.infer<typeof portalEventSchema>;
export const portalEventsSchema = z.object({ items: z.array(portalEventSchema) }).meta({ id: 'PortalEvents' });
export type PortalEvents = z.infer<typeof portalEventsSchema>;

export const portalRevisionSchema = z
  .object({
    day: isoDaySchema,
    revision: z.number().int(),
    score: scoreSchema,
    stars: starsSchema,
    face: faceSchema,
    previous: z.object({ stars: starsSchema, score: scoreSchema }).nullable(),
    causeEventIds: z.array(z.string()),
    recordedAt: instantSchema,
  })
  .meta({ id: 'PortalRevision' });
export type PortalRevision = z.infer<typeof portalRevisionSchema>;
export const portalRevisionsSchema = z.object({ items: z.array(portalRevisionSchema) }).meta({ id: 'PortalRevisions' });
export type PortalRevisions = z.infer<typeof portalRevisionsSchema>;
