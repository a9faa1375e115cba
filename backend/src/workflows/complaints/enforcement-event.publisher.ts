import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { topicName } from '@envface/streams';
import { Partitioners, type Producer } from 'kafkajs';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { createKafka } from '../../platform/kafka/kafka-client.factory';
import { CLOCK, type Clock } from '../../platform/clock';
import { OutboxDrainer } from '../../pipeline/outbox/outbox-drainer.service';
import { ScoringService } from '../../pipeline/score/scoring.service';

/** An enforcement event an inspector's decision produces (docs/events.md). */
export type DecisionEvent =
  | { eventId: string; type: 'enforcement.complaint_verified'; enterpriseId: string; data: { complaintId: string } }
  | { eventId: string; type: 'enforcement.voided'; enterpriseId: string; data: { targetEventId: string; reason: string } }
  | {
      eventId: string;
      type: 'enforcement.inspection';
      enterpriseId: string;
      data: { inspectionId: string; result: 'compliant' | 'violation_found'; findings?: string; planId: string };
    };

/**
 * Sends decision events into the same pipeline as every other event, so ratings, revisions, the
 * outbox and the live channels treat them alike. With Kafka they are produced to the enforcement
 * topic (keyed by USCC, so they stay ordered with the enterprise's other events); without it they go
 * through ScoringService directly, exactly like the HTTP ingest.
 */
@Injectable()
export class EnforcementEventPublisher implements OnModuleDestroy {
  private readonly logger = new Logger('Decisions');
  private producer: Promise<Producer> | null = null;

  constructor(
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Resolves once the event is stored (no Kafka) or acknowledged by the brokers (Kafka). */
  async publish(event: DecisionEvent): Promise<void> {
    const value = JSON.stringify({ ...event, occurredAt: new Date(this.clock.now()).toISOString(), source: 'envface-decisions' });
    if (this.config.kafka.brokers !== null) {
      const producer = await this.connect();
      await producer.send({ topic: topicName(this.config.kafka.topicPrefix, 'enforcement'), acks: -1, messages: [{ key: event.enterpriseId, value }] });
      return;
    }
    const result = await this.scoring.processBatch([
      // The deciding account is on the complaint / appeal row; the event records which workflow sent it.
      { topicKind: 'enforcement', topic: null, partition: null, offset: null, key: event.enterpriseId, value, sentBy: `workflow:${event.type}` },
    ]);
    const rejected = result.rejected[0];
    if (rejected) {
      // Our own events are built to the contract; a rejection is a bug, not the client's fault.
      this.logger.error(`decision event ${event.eventId} rejected: ${rejected.reason} ${rejected.detail}`);
      throw new ApiError(500, 'internal_error', 'The decision could not be recorded');
    }
    // Push the revision to live clients now; a failed publish stays in the outbox for the next drain.
    await this.drainer.drain().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connect(): Promise<Producer> {
    if (!this.producer) {
      // Not an idempotent producer (the test broker refuses InitProducerId, and nothing needs it): a
      // retried send of the same eventId and body is acknowledged by the scorer as a duplicate.
      const producer = createKafka(this.config.kafka, 'envface-decisions').producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => {
        this.producer = null; // try again on the next decision
      });
    }
    return this.producer;
  }
}
