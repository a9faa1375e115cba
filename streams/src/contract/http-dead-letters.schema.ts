import { z } from 'zod';
import { limitParam } from './http-common.schema';
import { instantSchema } from './rating-values.schema';

/** Rejected inputs (Kafka and HTTP ingest) for operators: GET /api/dead-letters[/summary|/{id}]. */

/** The reasons stored by this version (the summary lists each, 0 when none). */
export const STORED_DEAD_LETTER_REASONS = ['invalid_json', 'schema', 'invalid_uscc', 'key_mismatch', 'wrong_topic', 'future_event', 'too_large', 'duplicate_conflict', 'processing_error'] as const;
/** Enough to recognise a message in a list; the full value is one request away. */
export const LIST_VALUE_CHARS = 4096;

export const REDRIVE_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;

export const deadLetterIdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a dead letter id');

export const deadLetterListQuerySchema = z.strictObject({
  reason: z.enum(STORED_DEAD_LETTER_REASONS).optional(),
  limit: limitParam(500, 50),
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'a nextCursor returned by this API').optional().meta({ description: 'nextCursor of the previous page' }),
});
export type DeadLetterListQuery = z.infer<typeof deadLetterListQuerySchema>;

export const deadLetterSchema = z
  .object({
    id: z.string(),
    reason: z.enum(STORED_DEAD_LETTER_REASONS),
    detail: z.string(),
    topic: z.string().nullable(),
    partition: z.number().int().nullable(),
    offset: z.string().nullable(),
    key: z.string().nullable(),
    value: z.string().meta({ description: `the original value (base64 when encoding is base64); cut to ${LIST_VALUE_CHARS} characters in lists` }),
    valueTruncated: z.boolean(),
    encoding: z.enum(['utf8', 'base64']),
    at: instantSchema,
    redrives: z.number().int().meta({ description: 'how often it was sent through the pipeline again' }),
    lastRedrive: z
      .object({ at: instantSchema, by: z.string(), outcome: z.enum(REDRIVE_OUTCOMES), reason: z.enum(STORED_DEAD_LETTER_REASONS).nullable() })
      .nullable()
      .meta({ description: 'the latest re-drive: who, when, and what became of it' }),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetterJson = z.infer<typeof deadLetterSchema>;

export const deadLetterPageSchema = z
  .object({ items: z.array(deadLetterSchema).meta({ description: 'newest first' }), nextCursor: z.string().nullable() })
  .meta({ id: 'DeadLetterPage' });
export type DeadLetterPage = z.infer<typeof deadLetterPageSchema>;

export const deadLetterSummarySchema = z
  .object({ total: z.number().int(), byReason: z.record(z.string(), z.number().int()), lastAt: instantSchema.nullable() })
  .meta({ id: 'DeadLetterSummary' });
export type DeadLetterSummary = z.infer<typeof deadLetterSummarySchema>;

/** POST /api/dead-letters/{id}/redrive: what became of the message sent through the pipeline again. */
export const redriveResultSchema = z
  .object({
    outcome: z.enum(REDRIVE_OUTCOMES),
    reason: z.enum(STORED_DEAD_LETTER_REASONS).nullable().meta({ description: 'the dead-letter reason when rejected again' }),
    detail: z.string(),
    revisions: z.number().int().meta({ description: 'enterprise-days that got a new revision' }),
  })
  .meta({ id: 'RedriveResult' });
export type RedriveResult = z.infer<typeof redriveResultSchema>;
