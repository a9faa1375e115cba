import { z } from 'zod';
import { instantSchema } from './rating-values.schema';

/**
 * The dead-letter message (api.md "Kafka output", `envface.dlq.v1`): one per rejected input.
 * `processing_error` is a valid message whose processing failed for a reason retrying does not fix.
 */
export const DEAD_LETTER_REASONS = [
  'invalid_json',
  'schema',
  'invalid_uscc',
  'key_mismatch',
  'wrong_topic',
  'future_event',
  'too_large',
  'duplicate_conflict',
  'processing_error',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export const deadLetterMessageSchema = z
  .object({
    reason: z.enum(DEAD_LETTER_REASONS),
    detail: z.string(),
    topic: z.string().nullable().meta({ description: 'null for HTTP ingest' }),
    partition: z.number().int().nullable(),
    offset: z.string().nullable(),
    key: z.string().nullable(),
    value: z.string().meta({ description: 'the original value as text (base64 when encoding is base64)' }),
    encoding: z.literal('base64').optional().meta({ description: 'present when the value was not valid UTF-8' }),
    at: instantSchema,
  })
  .meta({ id: 'DeadLetterMessage' });
export type DeadLetterMessage = z.infer<typeof deadLetterMessageSchema>;

/** The one builder of the message (the scorer's rejected inputs); `encoding` only when base64. */
export function deadLetterMessage(
  letter: { reason: string; detail: string; topic: string | null; partition: number | null; offset: string | null; key: string | null; value: string; encoding: 'utf8' | 'base64' },
  at: string,
): DeadLetterMessage {
  return {
    reason: letter.reason as DeadLetterReason,
    detail: letter.detail,
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key,
    value: letter.value,
    ...(letter.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
    at,
  };
}
