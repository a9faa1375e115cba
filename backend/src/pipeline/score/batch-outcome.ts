import { TZDate } from '@date-fns/tz';
import type { RejectReason } from '@envface/streams';
import type { DeadLetter } from './dead-letter.repository';
import type { BatchResult, IncomingMessage } from './incoming-message';

/** Messages per group-commit transaction at most. */
export const MAX_GROUP_MESSAGES = 5_000;

export type Outcome = { kind: 'accepted' } | { kind: 'duplicate' } | { kind: 'rejected'; reason: RejectReason; detail: string };

export interface GroupResult {
  outcomes: Outcome[];
  revisions: number;
}

export function summarise(outcomes: readonly Outcome[], revisions: number): BatchResult {
  const result: BatchResult = { accepted: 0, duplicates: 0, rejected: [], revisions };
  outcomes.forEach((o, index) => {
    if (o.kind === 'accepted') result.accepted++;
    else if (o.kind === 'duplicate') result.duplicates++;
    else result.rejected.push({ index, reason: o.reason, detail: o.detail });
  });
  return result;
}

/** The dead letter of a message: its value as UTF-8 text, or base64 when it is not UTF-8 or holds NUL. */
export function deadLetterOf(msg: IncomingMessage, reason: RejectReason, detail: string): DeadLetter {
  let value = '';
  let encoding: 'utf8' | 'base64' = 'utf8';
  if (msg.value !== null) {
    const bytes = typeof msg.value === 'string' ? Buffer.from(msg.value, 'utf8') : msg.value;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      value = '\u0000'; // not UTF-8: sent base64-encoded below
    }
    // Not UTF-8, or holding NUL (which PostgreSQL text cannot store): base64, as the contract allows.
    if (value.includes('\u0000')) {
      value = bytes.toString('base64');
      encoding = 'base64';
    }
  }
  const rawKey = msg.key === null ? null : typeof msg.key === 'string' ? msg.key : msg.key.toString('utf8');
  const key = rawKey === null ? null : rawKey.replace(/\u0000/g, '\uFFFD');
  return { reason, detail, topic: msg.topic, partition: msg.partition, offset: msg.offset, key, value, encoding };
}

/** The envface.dlq.v1 message of a dead letter. */
export function dlqPayload(letter: DeadLetter, nowMs: number, timeZone: string): Record<string, unknown> {
  return {
    reason: letter.reason,
    detail: letter.detail,
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key,
    value: letter.value,
    ...(letter.encoding === 'base64' ? { encoding: 'base64' } : {}),
    at: new TZDate(nowMs, timeZone).toISOString(),
  };
}
