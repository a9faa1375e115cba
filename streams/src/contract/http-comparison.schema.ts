import { z } from 'zod';
import { EXPORT_LANGS } from './http-exports.schema';
import { limitParam } from './http-common.schema';

/**
 * The region map, peer percentiles and the quarterly compliance table (issue #13 §3–4).
 * Definitions: docs/api.md "Region map, peers, quarters".
 */

const starCounts = z
  .object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() })
  .meta({ description: 'rated enterprises per star level' });

/** GET /api/stats/map: how many enterprise points at most (the worst rated first). */
export const regionMapQuerySchema = z.strictObject({ points: limitParam(20_000, 5_000) });
export type RegionMapQuery = z.infer<typeof regionMapQuerySchema>;

export const regionAggregateSchema = z.object({
  regionCode: z.string().meta({ description: 'GB/T 2260 county code (6 digits)' }),
  enterprises: z.number().int(),
  rated: z.number().int(),
  stars: starCounts,
  lowShare: z.number().nullable().meta({ description: 'share (0–1) of rated enterprises with 1 or 2 stars; null when none is rated' }),
  meanScore: z.number().nullable().meta({ description: 'mean score of the rated enterprises; null when none is rated' }),
});
export type RegionAggregate = z.infer<typeof regionAggregateSchema>;

export const mapPointSchema = z.object({
  uscc: z.string(),
  name: z.string().nullable(),
  regionCode: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  stars: z.number().int().min(1).max(5),
  score: z.number(),
});
export type MapPoint = z.infer<typeof mapPointSchema>;

export const regionMapSchema = z
  .object({
    regions: z.array(regionAggregateSchema),
    points: z.array(mapPointSchema).meta({ description: 'rated enterprises with lat/lon, fewest stars first, at most `points`' }),
    pointsTotal: z.number().int().meta({ description: 'rated enterprises with lat/lon (points may hold fewer)' }),
  })
  .meta({ id: 'RegionMap' });
export type RegionMap = z.infer<typeof regionMapSchema>;

export const peerPointSchema = z.object({
  day: z.string(),
  percentile: z.number().nullable(),
  peers: z.number().int(),
});

export const peerGroupSchema = z.object({
  kind: z.enum(['industry', 'region']),
  regionCode: z.string().meta({ description: 'industry peers: the city (4 digits + 00); region peers: the county' }),
  industryClass: z.string().nullable().meta({ description: 'GB/T 4754 class: first 3 characters of the industry code (industry peers only)' }),
  peers: z.number().int().meta({ description: 'other rated enterprises of the group today' }),
  below: z.number().int().meta({ description: 'of them, rated strictly lower today (fewer stars, or as many stars and a lower score)' }),
  ties: z.number().int().meta({ description: 'of them, rated exactly the same today (not counted as below)' }),
  percentile: z.number().nullable().meta({ description: '100 × below / peers, rounded down; null without peers or without a rating' }),
  series: z.array(peerPointSchema).meta({ description: 'the last 90 days, oldest first (days the enterprise was rated)' }),
});
export type PeerGroup = z.infer<typeof peerGroupSchema>;

export const peerComparisonSchema = z
  .object({
    enterpriseId: z.string(),
    day: z.string(),
    groups: z.array(peerGroupSchema).meta({ description: 'industry first, then region; a group is absent when the enterprise has no region (or, for industry, no industry code)' }),
  })
  .meta({ id: 'PeerComparison' });
export type PeerComparison = z.infer<typeof peerComparisonSchema>;

export const quarterRowSchema = z.object({
  quarter: z.string().meta({ example: '2026Q3' }),
  from: z.string(),
  to: z.string().meta({ description: 'last day of the quarter, or today for the current one' }),
  ratedDays: z.number().int(),
  minStars: z.number().int().nullable(),
  meanStars: z.number().nullable().meta({ description: 'mean of the daily stars, 2 decimals' }),
  smileDays: z.number().int(),
  neutralDays: z.number().int(),
  cryDays: z.number().int(),
  inspections: z.number().int(),
  violations: z.number().int().meta({ description: 'inspections that found a violation' }),
  penalties: z.number().int(),
  penaltyYuan: z.number(),
  orders: z.number().int().meta({ description: 'rectification orders' }),
  verifiedComplaints: z.number().int(),
  vetoes: z.number().int(),
});
export type QuarterRow = z.infer<typeof quarterRowSchema>;

export const quarterlyComplianceSchema = z
  .object({ enterpriseId: z.string(), quarters: z.array(quarterRowSchema).meta({ description: 'the current quarter first, then the 12 before it' }) })
  .meta({ id: 'QuarterlyCompliance' });
export type QuarterlyCompliance = z.infer<typeof quarterlyComplianceSchema>;

/** GET /api/enterprises/{uscc}/quarters.csv|.xlsx */
export const quartersExportQuerySchema = z.strictObject({ lang: z.enum(EXPORT_LANGS).default('zh') });
export type QuartersExportQuery = z.infer<typeof quartersExportQuerySchema>;
