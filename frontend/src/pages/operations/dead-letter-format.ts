import { DEAD_LETTER_REASONS, type DeadLetterJson, type DeadLetterReason } from '../../api/dead-letter-types';

export const DEAD_LETTER_PAGE_SIZE = 20;

export function isDeadLetterReason(value: unknown): value is DeadLetterReason {
  return typeof value === 'string' && (DEAD_LETTER_REASONS as readonly string[]).includes(value);
}

/** GET /api/dead-letters for one page: `cursor` is the previous page's nextCursor (null for the first). */
export function deadLettersPath(reason: DeadLetterReason | null, cursor: string | null, limit = DEAD_LETTER_PAGE_SIZE): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (reason) params.set('reason', reason);
  if (cursor) params.set('cursor', cursor);
  return `/api/dead-letters?${params.toString()}`;
}

export interface DisplayValue {
  text: string;
  /** json: re-indented for reading; raw: shown as received (not JSON, or cut off mid-way); base64: bytes that are not text. */
  kind: 'json' | 'raw' | 'base64';
}

/**
 * The message value as an inspector wants to read it: JSON re-indented (a one-line event of 300 characters is
 * unreadable on a phone), anything else exactly as received — a truncated or broken value must not look
 * repaired, since what was wrong with it is the point of looking.
 */
export function displayValue(letter: Pick<DeadLetterJson, 'value' | 'encoding' | 'valueTruncated'>): DisplayValue {
  if (letter.encoding === 'base64') return { text: letter.value, kind: 'base64' };
  if (!letter.valueTruncated) {
    try {
      return { text: JSON.stringify(JSON.parse(letter.value), null, 2), kind: 'json' };
    } catch {
      // not JSON (that may be why it is here): fall through to the raw text
    }
  }
  return { text: letter.value, kind: 'raw' };
}

/** After a re-drive the list keeps its short value; only what the re-drive changed is taken from the server. */
export function withRedriveState(letter: DeadLetterJson, fresh: Pick<DeadLetterJson, 'redrives' | 'lastRedrive'>): DeadLetterJson {
  return { ...letter, redrives: fresh.redrives, lastRedrive: fresh.lastRedrive };
}
