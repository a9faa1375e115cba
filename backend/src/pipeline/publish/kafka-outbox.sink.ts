import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { topicName } from '@envface/streams';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { PublishedRow } from '../outbox/outbox.repository';
import type { OutboxSink } from '../outbox/outbox-sink';
import { within } from '../../platform/within';

/** How long closing the producer may take at shutdown (after the consumer left: its last chunk is published). */
const STOP_SINK_MS = 2_000;

/** Publishes outbox rows to envface.ratings.v1, envface.dlq.v1 and envface.lists.v1 (key = USCC), acks from all replicas. */
export class KafkaOutboxSink implements OutboxSink, BeforeApplicationShutdown {
  readonly name = 'kafka';
  private readonly logger = new Logger('KafkaOutbox');
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly prefix: string,
  ) {
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = null;
    });
  }

  async publish(rows: readonly PublishedRow[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const row of rows) {
      const topic = topicName(this.prefix, row.kind);
      let tm = byTopic.get(topic);
      if (!tm) {
        tm = { topic, messages: [] };
        byTopic.set(topic, tm);
      }
      tm.messages.push({ key: row.key, value: JSON.stringify(row.payload) });
    }
    if (byTopic.size === 0) return;
    this.connected ??= this.producer.connect().catch((e: unknown) => {
      this.connected = null;
      throw e;
    });
    await this.connected;
    await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
  }

  /** Nest runs this after every onModuleDestroy, so after the consumer's last chunk went out. */
  async beforeApplicationShutdown(): Promise<void> {
    await within(STOP_SINK_MS, this.close().catch(() => undefined));
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch((e: unknown) => this.logger.warn(`producer disconnect: ${String(e)}`));
  }
}
