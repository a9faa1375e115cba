import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { topicName } from '@envface/streams';
import { Partitioners, type Producer } from 'kafkajs';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { createKafka } from '../../platform/kafka/kafka-client.factory';
import { OutboxDrainer } from '../../pipeline/outbox/outbox-drainer.service';
import { ScoringService } from '../../pipeline/score/scoring.service';
import type { RegistryValues } from './registry-diff';

/** One enterprise.upserted event a registry workflow sends. */
export interface RegistryUpsert {
  eventId: string;
  uscc: string;
  occurredAt: string;
  values: RegistryValues;
}

/** Events per scorer batch / Kafka send: big enough to be fast, small enough for one short transaction. */
const CHUNK = 1_000;

/**
 * Sends enterprise.upserted events into the same pipeline as every other event (stored once per
 * eventId, replayable, visible in the enterprise's history). With Kafka they are produced to the
 * registry topic keyed by USCC; without it they go through ScoringService like the HTTP ingest.
 * Event ids are deterministic per workflow action, so a retry after a failure is a duplicate, not a
 * second change.
 */
@Injectable()
export class RegistryEventSender implements OnModuleDestroy {
  private readonly logger = new Logger('Registry');
  private producer: Promise<Producer> | null = null;

  constructor(
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(events: readonly RegistryUpsert[], sentBy: string, source: string): Promise<void> {
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK).map((e) => ({
        key: e.uscc,
        value: JSON.stringify({
          eventId: e.eventId,
          type: 'enterprise.upserted',
          enterpriseId: e.uscc,
          occurredAt: e.occurredAt,
          source,
          data: {
            name: e.values.name,
            regionCode: e.values.regionCode,
            industryCode: e.values.industryCode,
            ...(e.values.address === null ? {} : { address: e.values.address }),
            ...(e.values.lat === null ? {} : { lat: e.values.lat }),
            ...(e.values.lon === null ? {} : { lon: e.values.lon }),
          },
        }),
      }));
      if (this.config.kafka.brokers !== null) {
        const producer = await this.connect();
        await producer.send({ topic: topicName(this.config.kafka.topicPrefix, 'registry'), acks: -1, messages: chunk });
        continue;
      }
      const result = await this.scoring.processBatch(chunk.map((m) => ({ topicKind: 'registry', topic: null, partition: null, offset: null, key: m.key, value: m.value, sentBy })));
      const rejected = result.rejected[0];
      if (rejected) {
        // Rows are checked against the same rules before; a rejection is a bug, not the user's fault.
        this.logger.error(`registry event rejected: ${rejected.reason} ${rejected.detail}`);
        throw new ApiError(500, 'internal_error', 'The registry change could not be recorded');
      }
    }
    if (this.config.kafka.brokers === null) await this.drainer.drain().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connect(): Promise<Producer> {
    if (!this.producer) {
      // Not an idempotent producer: a retried send is harmless (the same eventId and body is acknowledged
      // as a duplicate), and brokers without transactions support (the test broker) refuse InitProducerId.
      // The Java-compatible partitioner puts a USCC on the same partition as every other producer does.
      const producer = createKafka(this.config.kafka, 'envface-registry').producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => {
        this.producer = null;
      });
    }
    return this.producer;
  }
}
