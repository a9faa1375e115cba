import { z } from 'zod';

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
