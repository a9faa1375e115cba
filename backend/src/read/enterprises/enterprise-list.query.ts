import { z } from 'zod';

export const SORT_KEYS = ['score', 'stars', 'name', 'uscc', 'streak'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const MAX_PAGE_SIZE = 200;
const MAX_LIST_ITEMS = 50;

/**
 * A list parameter: `stars=1,2` or `stars=1&stars=2` (express turns repeats into an array); both mean
 * the same, so links built either way work.
 */
export function listParam<T extends z.ZodType<unknown, string>>(item: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value.join(',') : value),
    z
      .string()
      .transform((raw) => raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
      .pipe(z.array(item).min(1, 'at least one value').max(MAX_LIST_ITEMS, `at most ${MAX_LIST_ITEMS} values`)),
  );
}

/** `limit` as a query string: a whole number in [1, max], default `fallback`. */
export function limitParam(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback);
}

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
