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

export type RedriveOutcome = 'accepted' | 'duplicate' | 'rejected';

export interface DeadLetterJson {
  id: string;
  reason: DeadLetterReason;
  detail: string;
  /** null for messages that came through HTTP ingest (they have no Kafka coordinates). */
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: string | null;
  /** Base64 when `encoding` is base64 (bytes that are not UTF-8); cut to 4096 characters in lists. */
  value: string;
  valueTruncated: boolean;
  encoding: 'utf8' | 'base64';
  at: string;
  redrives: number;
  lastRedrive: { at: string; by: string; outcome: RedriveOutcome; reason: string | null } | null;
}

export interface DeadLetterSummaryJson {
  total: number;
  byReason: Partial<Record<DeadLetterReason, number>>;
  lastAt: string | null;
}

/** POST /api/dead-letters/{id}/redrive: a second rejection is an answer (200), not an error. */
export interface RedriveResultJson {
  outcome: RedriveOutcome;
  reason: DeadLetterReason | null;
  detail: string;
  revisions: number;
}
