import { z } from 'zod';
import { limitParam } from '../../platform/web/query-params';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** Queries of the statistics routes; unknown parameters are refused (400), never ignored. */
export const overviewQuery = z.object({}).strict();
export const trendQuery = z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict();
export const recentChangesQuery = z.object({ limit: limitParam(500, 50) }).strict();
export const earlyWarningsQuery = z.object({ limit: limitParam(500, 50) }).strict();

export type TrendQuery = z.infer<typeof trendQuery>;
