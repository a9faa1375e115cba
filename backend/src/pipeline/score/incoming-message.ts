import type { TopicKind } from '@envface/streams';

/** One input message, from Kafka or the HTTP ingest (which has no topic coordinates). */
export interface IncomingMessage {
  topicKind: TopicKind;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: Buffer | string | null;
  value: Buffer | string | null;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string; detail: string }[];
  /** Enterprise-days that got a new revision. */
  revisions: number;
}
