import { z } from 'zod';

/**
 * Pieces shared by the HTTP schemas: the contract error body, query helpers and the USCC path
 * parameter. Query helpers are here (not in the backend) so the OpenAPI document describes a
 * query exactly as the backend validates it.
 */

/** Every error answer of the API (api.md): `{"error":{"code","message"}}`, never a stack trace. */
export const errorBodySchema = z
  .object({ error: z.object({ code: z.string().meta({ example: 'invalid_input' }), message: z.string() }) })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

const MAX_LIST_ITEMS = 50;

/**
 * A list parameter: `stars=1,2` or `stars=1&stars=2` (express turns repeats into an array); both mean
 * the same, so links built either way work. Documented as a comma-separated string.
 */
export function listParam<T extends z.ZodType<unknown, string>>(item: T, description: string) {
  return z
    .preprocess(
      (value) => (Array.isArray(value) ? value.join(',') : value),
      z
        .string()
        .transform((raw) => raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
        .pipe(z.array(item).min(1, 'at least one value').max(MAX_LIST_ITEMS, `at most ${MAX_LIST_ITEMS} values`)),
    )
    .meta({ description, type: 'string' } as Record<string, unknown>);
}

/** `limit` as a query string: a whole number in [1, max], default `fallback`. */
export function limitParam(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).meta({ description: `1–${max}, default ${fallback}` });
}

export const isoDayQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** A query that takes no parameters: unknown ones are refused (400), never ignored. */
export const emptyQuerySchema = z.strictObject({});

export const usccParamSchema = z.string().meta({ description: 'the enterprise\u2019s USCC (统一社会信用代码)', example: '91320102MA1X0000X1' });
export const dayParamSchema = z.string().meta({ description: 'YYYY-MM-DD in the rating timezone', format: 'date' });
export const numericIdSchema = (what: string) => z.string().regex(/^\d{1,18}$/, `${what} id must be a number`);
