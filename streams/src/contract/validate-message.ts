import { z } from 'zod';
import { DATA_SCHEMAS, envelopeSchema, type ContractEvent } from './event-schemas';
import { topicKindOfType, type TopicKind } from './topics';
import { usccProblem } from './uscc';

/** Dead-letter reasons (docs/events.md). `duplicate_conflict` needs storage, so the store decides it. */
export type RejectReason =
  | 'invalid_json'
  | 'schema'
  | 'invalid_uscc'
  | 'key_mismatch'
  | 'wrong_topic'
  | 'future_event'
  | 'too_large'
  | 'duplicate_conflict'
  /** A valid message whose processing failed for a reason that retrying does not fix (re-drivable). */
  | 'processing_error';

export const MAX_VALUE_BYTES = 64 * 1024;
export const MAX_FUTURE_MS = 10 * 60 * 1000;

export interface RawMessage {
  topicKind: TopicKind;
  /** Message key; null when the message has none. */
  key: Buffer | string | null;
  value: Buffer | string | null;
}

export type ValidationResult =
  | { ok: true; event: ContractEvent; occurredAtMs: number }
  | { ok: false; reason: RejectReason; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function reject(reason: RejectReason, detail: string): ValidationResult {
  return { ok: false, reason, detail };
}

function describeIssues(prefix: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path || '(value)'}: ${i.message}`;
    })
    .join('; ');
}

/**
 * The edge of the system: one raw Kafka message in, an accepted typed event or one reason out.
 * Checks run from the cheapest and most fundamental to the most specific, so a message with one
 * fault always gets the reason for that fault: size, encoding/JSON, envelope shape, USCC, key,
 * topic, data fields, clock.
 */
export function validateMessage(msg: RawMessage, nowMs: number): ValidationResult {
  if (msg.value === null) return reject('invalid_json', 'message has no value');
  const bytes = typeof msg.value === 'string' ? Buffer.from(msg.value, 'utf8') : msg.value;
  if (bytes.length > MAX_VALUE_BYTES) {
    return reject('too_large', `value is ${bytes.length} bytes; the limit is ${MAX_VALUE_BYTES}`);
  }
  let text: string;
  try {
    text = typeof msg.value === 'string' ? msg.value : utf8.decode(bytes);
  } catch {
    return reject('invalid_json', 'value is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return reject('invalid_json', `value is not JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return reject('invalid_json', 'value must be one JSON object');
  }

  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) return reject('schema', describeIssues('', envelope.error));
  const env = envelope.data;

  const usccIssue = usccProblem(env.enterpriseId);
  if (usccIssue) return reject('invalid_uscc', `enterpriseId: ${usccIssue}`);

  if (msg.key !== null) {
    const key = typeof msg.key === 'string' ? msg.key : msg.key.toString('utf8');
    if (key !== env.enterpriseId) {
      return reject('key_mismatch', `message key '${key}' differs from enterpriseId '${env.enterpriseId}'`);
    }
  }

  const expectedKind = topicKindOfType(env.type);
  if (expectedKind !== msg.topicKind) {
    return reject('wrong_topic', `type ${env.type} belongs on the ${expectedKind} topic, not ${msg.topicKind}`);
  }

  const data = DATA_SCHEMAS[env.type].safeParse(env.data);
  if (!data.success) return reject('schema', describeIssues('data', data.error));

  const occurredAtMs = Date.parse(env.occurredAt);
  if (!Number.isFinite(occurredAtMs)) return reject('schema', `occurredAt: not a valid instant`);
  if (occurredAtMs > nowMs + MAX_FUTURE_MS) {
    return reject(
      'future_event',
      `occurredAt ${env.occurredAt} is ${Math.round((occurredAtMs - nowMs) / 60000)} minutes ahead of the server clock (limit 10)`,
    );
  }

  const event = { ...env, data: data.data } as ContractEvent;
  if (event.source === undefined) delete event.source;
  return { ok: true, event, occurredAtMs };
}
