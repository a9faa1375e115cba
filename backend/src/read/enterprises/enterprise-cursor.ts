import { z } from 'zod';
import { ApiError } from '../../platform/web/api-error';
import { SORT_KEYS, type SortKey, type SortOrder } from './enterprise-list.query';

/** Where a page ended: the last row's sort key and uscc (unique together), for keyset paging. */
export interface EnterpriseCursor {
  sort: SortKey;
  order: SortOrder;
  key: number | string;
  uscc: string;
}

const cursorJson = z
  .object({
    s: z.enum(SORT_KEYS),
    o: z.enum(['asc', 'desc']),
    k: z.union([z.number().int(), z.string().max(400)]),
    u: z.string().regex(/^[0-9A-Z]{18}$/),
  })
  .strict();

/** Opaque to clients (base64url JSON) so the paging scheme can change without breaking links' shape. */
export function encodeCursor(c: EnterpriseCursor): string {
  return Buffer.from(JSON.stringify({ s: c.sort, o: c.order, k: c.key, u: c.uscc }), 'utf8').toString('base64url');
}

/**
 * A cursor only continues the listing it came from: with another sort or order "the rows after it"
 * would skip or repeat rows, so that is refused rather than answered wrongly.
 */
export function decodeCursor(raw: string, sort: SortKey, order: SortOrder): EnterpriseCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor returned by this API');
  }
  const result = cursorJson.safeParse(parsed);
  if (!result.success) throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor returned by this API');
  const c = result.data;
  if (c.s !== sort || c.o !== order) {
    throw new ApiError(400, 'invalid_cursor', `cursor: it continues a list sorted by ${c.s} ${c.o}, not ${sort} ${order}`);
  }
  const numeric = sort !== 'name' && sort !== 'uscc';
  if (numeric !== (typeof c.k === 'number')) throw new ApiError(400, 'invalid_cursor', 'cursor: not a cursor returned by this API');
  return { sort: c.s, order: c.o, key: c.k, uscc: c.u };
}
