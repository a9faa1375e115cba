import { z } from 'zod';
import { limitParam } from './http-common.schema';
import { faceSchema, instantSchema, isoDaySchema, starsSchema } from './rating-values.schema';
import { isValidUscc } from './uscc';

/**
 * Supervision (docs/supervision.md): credit lists (GET /api/lists/{list}[.csv], GET /api/public/lists/{list}),
 * inspection plans (双随机、一公开: /api/inspection-plans, /api/public/inspection-plans) and credit notices
 * (告知书: /api/notices, /api/portal/notices).
 */

// ---- credit lists ----

/** The credit lists the scorer keeps (the pure rules: streams/src/supervision/credit-lists.ts). */
export const CREDIT_LISTS = ['red', 'black', 'incentive', 'exempt', 'priority', 'warning'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];
/** The lists published to anyone (公示). */
export const PUBLIC_CREDIT_LISTS = ['red', 'black'] as const;

export const listNameSchema = z.enum(CREDIT_LISTS, { error: `list must be one of ${CREDIT_LISTS.join(' ')}` }).meta({ id: 'CreditList' });
export const publicListNameSchema = z.enum(PUBLIC_CREDIT_LISTS, { error: 'only the red and black lists are published' });

export const listQuerySchema = z.strictObject({
  day: z.iso.date({ error: 'day must be a calendar date YYYY-MM-DD' }).optional().meta({ description: 'the list of this day (default today; not in the future)' }),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const listEntrySchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    regionCode: z.string().nullable(),
    since: isoDaySchema.meta({ description: 'first day of the run on the list that contains the day' }),
  })
  .meta({ id: 'CreditListEntry' });
export type ListEntry = z.infer<typeof listEntrySchema>;

export const creditListSchema = z
  .object({ list: listNameSchema, day: isoDaySchema, enterprises: z.array(listEntrySchema).meta({ description: 'ordered by USCC' }) })
  .meta({ id: 'CreditListDay' });
export type ListJson = z.infer<typeof creditListSchema>;

// ---- inspection plans ----

const isoDay = z.iso.date({ error: 'day must be a calendar date YYYY-MM-DD' });
// No NUL and no control characters in anything stored or echoed.
const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

/** POST /api/inspection-plans (api.md, version 2). Empty prefix lists mean no filter. */
export const newPlanSchema = z.strictObject({
  name: text(200),
  day: isoDay.optional().meta({ description: 'the ratings of this day are used; default today' }),
  regionPrefixes: z.array(z.string().regex(/^\d{1,6}$/, 'a region prefix is 1–6 digits')).max(100).default([]),
  industryPrefixes: z.array(z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'an industry prefix is 1–8 letters or digits')).max(100).default([]),
  size: z.number().int().min(1).max(10_000),
  inspectors: z
    .array(z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed'))
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'an inspector is named twice')
    .meta({ description: 'the pool: at least 2 active inspector accounts' }),
  includeExempt: z.boolean().default(false),
});
export type NewPlanRequest = z.infer<typeof newPlanSchema>;

export const planIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'plan id must be a number').meta({ description: 'inspection plan id' });

export const planListQuerySchema = z.strictObject({
  mine: z.enum(['true', 'false']).optional().meta({ description: 'only plans where the caller is one of an enterprise\u2019s two inspectors ("my inspections")' }),
  limit: limitParam(200, 50),
});
export type PlanListQuery = z.infer<typeof planListQuerySchema>;

export const cancelPlanSchema = z.strictObject({ reason: text(2000) });
export type CancelPlanRequest = z.infer<typeof cancelPlanSchema>;

export const INSPECTION_RESULTS = ['compliant', 'violation_found'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** An inspector's result for one drawn enterprise; it becomes an enforcement.inspection event. */
export const recordResultSchema = z.strictObject({
  uscc: z.string().refine(isValidUscc, 'uscc must be a valid USCC'),
  result: z.enum(INSPECTION_RESULTS),
  findings: z.string().trim().max(2000).regex(/^[^\u0000]*$/, 'NUL is not allowed').optional(),
});
export type RecordResultRequest = z.infer<typeof recordResultSchema>;

const PLAN_STATUSES = ['active', 'cancelled'] as const;

/** One drawn enterprise as published (no inspectors). */
export const publicDrawnSchema = z
  .object({
    rank: z.number().int(),
    uscc: z.string(),
    name: z.string().nullable(),
    stars: z.number().int().meta({ description: 'stars of the plan\u2019s day' }),
    weight: z.number(),
    key: z.number(),
    result: z.enum(INSPECTION_RESULTS).nullable(),
  })
  .meta({ id: 'PublicDrawnEnterprise' });
export const drawnSchema = publicDrawnSchema.extend({ inspectors: z.array(z.string()).meta({ description: 'the two inspectors drawn for it' }) }).meta({ id: 'DrawnEnterprise' });
export type PublicDrawnJson = z.infer<typeof publicDrawnSchema>;
export type DrawnJson = z.infer<typeof drawnSchema>;

export const starLevelFrequencySchema = z
  .object({
    stars: starsSchema,
    weight: z.number(),
    count: z.number().int().meta({ description: 'members of the population at this level' }),
    perEnterprise: z.number().meta({ description: 'chance that one enterprise of this level is drawn' }),
    expectedDrawn: z.number().meta({ description: 'expected number of this level among the drawn' }),
  })
  .meta({ id: 'StarLevelFrequency' });

/** GET /api/public/inspection-plans/{id} (一公开): the draw, recomputable from seed and population file; no names of inspectors. */
export const publicInspectionPlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    day: isoDaySchema,
    seed: z.string(),
    snapshotSha256: z.string().meta({ description: 'SHA-256 of population.csv' }),
    populationSize: z.number().int(),
    drawn: z.array(publicDrawnSchema).meta({ description: 'in draw order' }),
    regionPrefixes: z.array(z.string()),
    industryPrefixes: z.array(z.string()),
    size: z.number().int(),
    includeExempt: z.boolean(),
    status: z.enum(PLAN_STATUSES),
    createdAt: instantSchema,
    cancelledAt: instantSchema.nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'PublicInspectionPlan' });
export type PublicPlanJson = z.infer<typeof publicInspectionPlanSchema>;

/** The plan as inspectors see it: with the inspectors of each drawn enterprise, the pool and the expected frequencies. */
export const inspectionPlanSchema = publicInspectionPlanSchema
  .extend({
    drawn: z.array(drawnSchema).meta({ description: 'in draw order' }),
    createdBy: z.string(),
    cancelledBy: z.string().nullable(),
    inspectors: z.array(z.string()).meta({ description: 'the pool as given' }),
    expectedByStars: z.array(starLevelFrequencySchema).meta({ description: 'population per star level and the expected number drawn of each' }),
  })
  .meta({ id: 'InspectionPlan' });
export type PlanJson = z.infer<typeof inspectionPlanSchema>;

export const planListItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    day: isoDaySchema,
    populationSize: z.number().int(),
    drawnCount: z.number().int(),
    recordedCount: z.number().int(),
    status: z.enum(PLAN_STATUSES),
    createdBy: z.string(),
    createdAt: instantSchema,
  })
  .meta({ id: 'InspectionPlanListItem' });
export const planListSchema = z.object({ plans: z.array(planListItemSchema).meta({ description: 'newest first' }) }).meta({ id: 'InspectionPlanList' });
export type PlanListItemJson = z.infer<typeof planListItemSchema>;
export type PlanList = z.infer<typeof planListSchema>;

// ---- credit notices ----

export const NOTICE_EVENT_TYPES = ['enforcement.penalty', 'enforcement.inspection', 'enforcement.rectification_order', 'enforcement.complaint_verified'] as const;
export type NoticeEventType = (typeof NOTICE_EVENT_TYPES)[number];

export const noticeIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'notice id must be a number').meta({ description: 'notice id' });

export const noticeListQuerySchema = z.strictObject({
  unacknowledged: z.enum(['true', 'false']).optional().meta({ description: 'only notices the enterprise has not acknowledged' }),
  enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a USCC').optional(),
  limit: limitParam(500, 100),
});
export type NoticeListQuery = z.infer<typeof noticeListQuerySchema>;
export const portalNoticeListQuerySchema = z.strictObject({ limit: limitParam(500, 100) });
export type PortalNoticeListQuery = z.infer<typeof portalNoticeListQuerySchema>;

export const noticeRatingSchema = z
  .object({ day: isoDaySchema, score: z.number(), stars: z.number().int(), face: faceSchema })
  .meta({ id: 'NoticeRating' });

/** What a notice states, kept beside its rendered text. */
export const noticeFactsSchema = z
  .object({
    noticeNo: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string().nullable(),
    eventId: z.string(),
    eventType: z.enum(NOTICE_EVENT_TYPES),
    eventDay: isoDaySchema,
    data: z.record(z.string(), z.unknown()).meta({ description: 'the event\u2019s data as stored' }),
    effect: z
      .object({ indicator: z.string(), points: z.number(), impact: z.number(), from: isoDaySchema, until: isoDaySchema.nullable(), repairable: z.boolean() })
      .nullable()
      .meta({ description: 'the effect the event has (null when it carries none on any rated day yet)' }),
    before: noticeRatingSchema.nullable(),
    after: noticeRatingSchema.nullable(),
    noticeDay: isoDaySchema,
    appealDeadline: isoDaySchema,
  })
  .meta({ id: 'NoticeFacts' });
export type NoticeFacts = z.infer<typeof noticeFactsSchema>;

export const noticeSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string().nullable(),
    eventType: z.enum(NOTICE_EVENT_TYPES),
    eventDay: isoDaySchema,
    noticeDay: isoDaySchema,
    appealDeadline: isoDaySchema,
    text: z.string().meta({ description: 'the stored text: shown verbatim everywhere' }),
    facts: noticeFactsSchema,
    createdAt: instantSchema,
    acknowledgedAt: instantSchema.nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'CreditNotice' });
export type NoticeJson = z.infer<typeof noticeSchema>;

export const noticePageSchema = z.object({ items: z.array(noticeSchema).meta({ description: 'newest first' }) }).meta({ id: 'CreditNoticeList' });
export type NoticePage = z.infer<typeof noticePageSchema>;
