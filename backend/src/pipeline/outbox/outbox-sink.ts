import type { PublishedRow } from './outbox.repository';

/**
 * Where committed outbox messages go: the Kafka producer (ratings and dlq topics) and the socket.io
 * gateway (rating changes). A sink that throws leaves the messages in the outbox for the next drain.
 */
export interface OutboxSink {
  readonly name: string;
  publish(rows: readonly PublishedRow[]): Promise<void>;
}

export const OUTBOX_SINKS = Symbol('OUTBOX_SINKS');
