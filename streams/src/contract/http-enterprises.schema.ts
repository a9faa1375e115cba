import { z } from 'zod';
import { limitParam, listParam } from './http-common.schema';
import { colourSchema, faceSchema, FACES, gradeSchema, instantSchema, isoDaySchema, ratingFieldsSchema, starsSchema, storedEffectSchema, orNull, effectSourceSchema } from './rating-values.schema';

/** The inspectors' enterprise explorer: list, detail, stored events. */

export const ENTERPRISE_SORT_KEYS = ['score', 'stars', 'name', 'uscc', 'streak'] as const;
export type EnterpriseSortKey = (typeof ENTERPRISE_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
export const MAX_ENTERPRISE_PAGE = 200;
export const MAX_EVENT_PAGE = 200;

/** Query of GET /api/enterprises; unknown parameters are refused so a typo is not silently ignored. */
export const enterpriseListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'part of the name (case-insensitive) or a USCC prefix' }),
  region: listParam(z.string().regex(/^[0-9]{6}$/, 'a 6-digit region code'), '6-digit region codes, comma-separated').optional(),
  industry: listParam(z.string().regex(/^[A-Z0-9]{1,8}$/, 'an industry code such as C2614'), 'industry codes, comma-separated').optional(),
  stars: listParam(z.string().regex(/^[1-5]$/, 'a star level 1–5').transform(Number), 'star levels, e.g. 1,2').optional(),
  face: listParam(z.enum(FACES), 'smile, neutral, cry (comma-separated)').optional(),
  sort: z.enum(ENTERPRISE_SORT_KEYS).default('uscc').meta({ description: 'default uscc; ties are broken by uscc' }),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: limitParam(MAX_ENTERPRISE_PAGE, 50),
  cursor: z.string().min(1).max(600).optional().meta({ description: 'nextCursor of the previous page (same sort and order)' }),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuerySchema>;

/** Registered by hand (issue #13 §2): pending an inspector's verification, verified, or null (from the registry). */
export const handRegistrationStatusSchema = z.enum(['pending', 'verified']).nullable().meta({ description: 'registered by hand: pending verification or verified; null when it came from the registry' });

/** One row of the list; unrated enterprises have null rating fields. */
export const enterpriseListItemSchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    registered: z.boolean(),
    regionCode: z.string().nullable(),
    industryCode: z.string().nullable(),
    ratedDay: isoDaySchema.nullable(),
    score: z.number().nullable(),
    stars: orNull(starsSchema),
    face: orNull(faceSchema),
    colour: orNull(colourSchema),
    grade: orNull(gradeSchema),
    veto: z.boolean().nullable(),
    streak: z.number().int().nullable(),
    handRegistration: handRegistrationStatusSchema,
  })
  .meta({ id: 'EnterpriseListItem' });
export type EnterpriseListItem = z.infer<typeof enterpriseListItemSchema>;

export const enterpriseListResponseSchema = z
  .object({
    items: z.array(enterpriseListItemSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalExact: z.boolean().meta({ description: 'false: total is the planner estimate (unfiltered lists of 100,000+ enterprises)' }),
  })
  .meta({ id: 'EnterpriseListResponse' });
export type EnterpriseListResponse = z.infer<typeof enterpriseListResponseSchema>;

export const EARLY_WARNING_KINDS = ['near_threshold', 'star_drop', 'overdue_order'] as const;
/** An early warning (预警): days as YYYY-MM-DD, the threshold as a score. */
export const earlyWarningSchema = z
  .object({
    kind: z.enum(EARLY_WARNING_KINDS),
    threshold: z.number().optional(),
    day: isoDaySchema.optional(),
    eventIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'EarlyWarning' });
export type EarlyWarningJson = z.infer<typeof earlyWarningSchema>;

/** The current rating of an enterprise (its latest rated day); null before its first rating. */
export const currentRatingSchema = ratingFieldsSchema.meta({ id: 'CurrentRating' });
export type CurrentRating = z.infer<typeof currentRatingSchema>;

/** GET /api/enterprises/{uscc} */
export const enterpriseDetailSchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    registered: z.boolean(),
    regionCode: z.string().nullable(),
    industryCode: z.string().nullable(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    firstDay: isoDaySchema,
    current: orNull(currentRatingSchema),
    streak: z.number().int().nullable(),
    eventCount: z.number().int(),
    eventCounts: z.record(z.string(), z.number().int()).meta({ description: 'accepted events per type' }),
    today: isoDaySchema,
    effects: z.array(storedEffectSchema.extend({ source: effectSourceSchema })).meta({ description: "today's active effects, as stored with today's rating, each with the event behind it" }),
    earlyWarnings: z.array(earlyWarningSchema),
    handRegistration: handRegistrationStatusSchema,
  })
  .meta({ id: 'EnterpriseDetail' });
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

/** Query of GET /api/enterprises/{uscc}/events: newest first, `before` is the previous page's nextBefore. */
export const EVENT_CATEGORIES = ['enforcement', 'monitoring', 'permit', 'public'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
/**
 * The event log's filter: which stored event types each category shows. "public" is what the public brought
 * (verified complaints); every other enforcement.* is the authorities' own.
 */
export const EVENT_CATEGORY_TYPES: Readonly<Record<EventCategory, readonly string[]>> = {
  enforcement: [
    'enforcement.inspection',
    'enforcement.penalty',
    'enforcement.rectification_order',
    'enforcement.rectification_completed',
    'enforcement.incident',
    'enforcement.veto',
    'enforcement.award',
    'enforcement.voided',
  ],
  monitoring: ['monitoring.reading', 'monitoring.gap', 'monitoring.falsification'],
  permit: ['permit.issued', 'permit.renewed', 'permit.revoked', 'permit.report_overdue', 'permit.report_submitted'],
  public: ['enforcement.complaint_verified'],
};

export const enterpriseEventsQuerySchema = z.strictObject({
  limit: limitParam(MAX_EVENT_PAGE, 50),
  before: z.iso.datetime({ offset: true }).optional().meta({ description: 'ISO instant: only events that occurred before it (nextBefore of the previous page)' }),
  category: z.enum(EVENT_CATEGORIES).optional().meta({ description: 'only events of this category (enforcement, monitoring, permit, public)' }),
  readings: z
    .enum(['list', 'summary'])
    .optional()
    .meta({ description: 'summary: hourly monitoring readings are left out of items and counted in `readings` instead (default list)' }),
});
export type EnterpriseEventsQuery = z.infer<typeof enterpriseEventsQuerySchema>;

export const storedEventSchema = z
  .object({
    eventId: z.string(),
    type: z.string(),
    occurredAt: instantSchema,
    day: isoDaySchema,
    data: z.record(z.string(), z.unknown()),
    source: z.object({ topic: z.string().nullable(), partition: z.number().int().nullable(), offset: z.string().nullable() }),
  })
  .meta({ id: 'StoredEvent' });
export type StoredEvent = z.infer<typeof storedEventSchema>;

export const enterpriseEventsResponseSchema = z
  .object({
    enterpriseId: z.string(),
    items: z.array(storedEventSchema),
    nextBefore: z.string().nullable().meta({ description: 'pass as `before` for the next (older) page; null at the end' }),
    readings: z
      .object({
        count: z.number().int().meta({ description: 'hourly readings stored for the enterprise' }),
        exceeded: z.number().int().meta({ description: 'of which above their limit' }),
      })
      .nullable()
      .meta({ description: 'with readings=summary (and a category that has readings): the readings left out of items; else null' }),
  })
  .meta({ id: 'EnterpriseEventsResponse' });
export type EnterpriseEventsResponse = z.infer<typeof enterpriseEventsResponseSchema>;
