import type { RejectReason, TopicKind } from '@envface/streams';

/** One input message, from Kafka or the HTTP ingest (which has no topic coordinates). */
export interface IncomingMessage {
  topicKind: TopicKind;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: Buffer | string | null;
  value: Buffer | string | null;
  /**
   * A dead letter sent through the pipeline again: if it is rejected again, no new letter is written
   * (the original stays, and the re-drive's own record holds the outcome).
   */
  redrive?: boolean;
  /** Who sent it over HTTP (stored in event_ids.sent_by); absent for Kafka and the simulator. */
  sentBy?: string | null;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: RejectReason; detail: string }[];
  /** Enterprise-days that got a new revision. */
  revisions: number;
}
