import type { components } from './generated/openapi';

/** Why the pipeline refused a message (GET /api/dead-letters); the order is the one the filter shows. */
export const DEAD_LETTER_REASONS = [
  'processing_error',
  'invalid_json',
  'schema',
  'invalid_uscc',
  'key_mismatch',
  'wrong_topic',
  'future_event',
  'too_large',
  'duplicate_conflict',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

// The answers' shapes are the generated ones (streams/src/contract/http-dead-letters.schema.ts):
// only the display order of the reasons is the app's own.
type Schemas = components['schemas'];

export type DeadLetterJson = Schemas['DeadLetter'];
export type DeadLetterSummaryJson = Schemas['DeadLetterSummary'];
export type DeadLetterPageJson = Schemas['DeadLetterPage'];
/** POST /api/dead-letters/{id}/redrive: a second rejection is an answer (200), not an error. */
export type RedriveResultJson = Schemas['RedriveResult'];
export type RedriveOutcome = RedriveResultJson['outcome'];
