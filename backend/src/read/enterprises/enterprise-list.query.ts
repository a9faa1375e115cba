import { z } from 'zod';
import { limitParam, listParam } from '../../platform/web/query-params';

export const SORT_KEYS = ['score', 'stars', 'name', 'uscc', 'streak'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const MAX_PAGE_SIZE = 200;

/** Query of GET /api/enterprises; unknown parameters are refused so a typo is not silently ignored. */
export const enterpriseListQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    region: listParam(z.string().regex(/^[0-9]{6}$/, 'a 6-digit region code')).optional(),
    industry: listParam(z.string().regex(/^[A-Z0-9]{1,8}$/, 'an industry code such as C2614')).optional(),
    stars: listParam(z.string().regex(/^[1-5]$/, 'a star level 1–5').transform(Number)).optional(),
    face: listParam(z.enum(['smile', 'neutral', 'cry'])).optional(),
    sort: z.enum(SORT_KEYS).default('uscc'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: limitParam(MAX_PAGE_SIZE, 50),
    cursor: z.string().min(1).max(600).optional(),
  })
  .strict();

export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;
