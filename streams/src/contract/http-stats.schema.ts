import { z } from 'zod';
import { emptyQuerySchema, isoDayQuery, limitParam } from './http-common.schema';
import { earlyWarningSchema } from './http-enterprises.schema';
import { colourSchema, faceSchema, gradeSchema, instantSchema, isoDaySchema, scoreSchema, starsSchema } from './rating-values.schema';

/** Numbers for the inspectors' dashboard (GET /api/stats/*). Unknown query parameters are refused. */

export const MAX_TREND_DAYS = 400;

export const overviewQuerySchema = emptyQuerySchema;
export const trendQuerySchema = z.strictObject({
  from: isoDayQuery.optional().meta({ description: 'YYYY-MM-DD (default: 29 days before `to`)' }),
  to: isoDayQuery.optional().meta({ description: `YYYY-MM-DD (default and at most: today); at most ${MAX_TREND_DAYS} days` }),
});
export const recentChangesQuerySchema = z.strictObject({ limit: limitParam(500, 50) });
export const earlyWarningsQuerySchema = z.strictObject({ limit: limitParam(500, 50) });
export type TrendQuery = z.infer<typeof trendQuerySchema>;

/** Star level → count (keys "1".."5"). */
export const starCountsSchema = z
  .object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() })
  .meta({ id: 'StarCounts', description: 'enterprises per star level' });
export type StarCounts = z.infer<typeof starCountsSchema>;

export const breakdownSchema = z.object({ key: z.string(), label: z.string(), counts: starCountsSchema }).meta({ id: 'Breakdown' });
export type Breakdown = z.infer<typeof breakdownSchema>;

export const overviewStatsSchema = z
  .object({
    asOf: instantSchema,
    day: isoDaySchema,
    total: z.number().int(),
    rated: z.number().int(),
    byStars: starCountsSchema,
    byFace: z.object({ smile: z.number().int(), neutral: z.number().int(), cry: z.number().int() }),
    vetoesInForce: z.number().int(),
    upgradesToday: z.number().int(),
    downgradesToday: z.number().int(),
    eventsPerMinute: z.number().meta({ description: 'events accepted per minute over the last 10 minutes' }),
    byRegion: z.array(breakdownSchema),
    byIndustry: z.array(breakdownSchema),
  })
  .meta({ id: 'OverviewStats' });
export type OverviewStats = z.infer<typeof overviewStatsSchema>;

export const trendStatsSchema = z
  .object({ from: isoDaySchema, to: isoDaySchema, days: z.array(z.object({ day: isoDaySchema, counts: starCountsSchema })) })
  .meta({ id: 'TrendStats', description: 'enterprises per star level per day (latest revision of each enterprise-day)' });
export type TrendStats = z.infer<typeof trendStatsSchema>;

export const recentChangeSchema = z
  .object({
    enterpriseId: z.string(),
    name: z.string().nullable(),
    day: isoDaySchema,
    revision: z.number().int(),
    score: scoreSchema,
    stars: starsSchema,
    face: faceSchema,
    colour: colourSchema,
    grade: gradeSchema,
    veto: z.boolean(),
    previous: z.object({ score: scoreSchema, stars: starsSchema }).nullable().meta({ description: "the revision this one replaced; null for a day's first rating" }),
    causeEventIds: z.array(z.string()),
    recordedAt: instantSchema,
  })
  .meta({ id: 'RecentChange' });
export type RecentChange = z.infer<typeof recentChangeSchema>;

export const recentChangesResponseSchema = z.object({ items: z.array(recentChangeSchema).meta({ description: 'newest first' }) }).meta({ id: 'RecentChangesResponse' });
export type RecentChangesResponse = z.infer<typeof recentChangesResponseSchema>;

export const earlyWarningItemSchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    regionCode: z.string().nullable(),
    industryCode: z.string().nullable(),
    score: scoreSchema,
    stars: starsSchema,
    face: faceSchema,
    colour: colourSchema,
    grade: gradeSchema,
    veto: z.boolean(),
    warnings: z.array(earlyWarningSchema),
  })
  .meta({ id: 'EarlyWarningItem' });
export type EarlyWarningItem = z.infer<typeof earlyWarningItemSchema>;

export const earlyWarningsResponseSchema = z
  .object({ asOf: instantSchema, day: isoDaySchema, total: z.number().int().meta({ description: 'all enterprises with a warning, not only this page' }), items: z.array(earlyWarningItemSchema) })
  .meta({ id: 'EarlyWarningsResponse' });
export type EarlyWarningsResponse = z.infer<typeof earlyWarningsResponseSchema>;
