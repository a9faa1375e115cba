import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { INPUT_TOPIC_KINDS, OUTPUT_TOPIC_KINDS, topicKindOf, topicName } from '@envface/streams';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KafkaJSProtocolError } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { METRICS_REGISTRY } from '../../platform/metrics/metrics-registry';
import { KAFKA_STATUS, type KafkaStatus } from '../../platform/health/kafka-status';
import { within } from '../../platform/within';
import type { IncomingMessage } from '../score/incoming-message';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { ScoringService } from '../score/scoring.service';
import { createKafka } from '../../platform/kafka/kafka-client.factory';
import { OffsetCommitter } from './offset-committer';

/** Messages per database transaction: large enough to batch writes, small enough to keep latency low. */
const CHUNK = 500;
const MAX_BACKOFF_MS = 5_000;
/** Committed but unpublished outbox rows beyond which the consumer waits for the publisher (backpressure). */
const MAX_UNPUBLISHED = 20_000;
/**
 * Shutdown bounds. Leaving the group waits for the running chunk to commit (so offsets and outbox
 * stay consistent), but with the broker or the database gone nothing may wait for ever: past these,
 * the uncommitted chunk is simply redelivered to the partition's next owner.
 */
const STOP_CONSUMER_MS = 6_000;
const STOP_STARTING_MS = 1_000;

/**
 * The Kafka edge of the scorer. One consumer group over the four input topics; per partition,
 * messages are processed in order in chunks, each chunk in ONE database transaction
 * (ScoringService), then the outbox is published (dead letters reach the DLQ topic), and only then is
 * the offset resolved for commit. A crash anywhere before the commit redelivers the chunk, which is harmless:
 * events are stored once by eventId and ratings only change when they differ.
 *
 * Outages: a failing database or publish is retried with capped exponential backoff while the
 * consumer keeps heart-beating, so no message is skipped and processing resumes by itself.
 */
@Injectable()
export class KafkaIngestService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('KafkaIngest');
  private readonly kafka: Kafka | null;
  private consumer: Consumer | null = null;
  private committer: OffsetCommitter | null = null;
  private stopping = false;
  private starting: Promise<void> | null = null;
  private readonly processed: Counter<'topic' | 'outcome'>;
  private readonly crashes: Counter<'restarted_by'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(KAFKA_STATUS) private readonly status: KafkaStatus,
  ) {
    this.kafka = config.kafka.brokers === null ? null : createKafka(config.kafka, 'envface-scorer');
    this.processed =
      (registry.getSingleMetric('envface_ingest_messages_total') as Counter<'topic' | 'outcome'> | undefined) ??
      new Counter({ name: 'envface_ingest_messages_total', help: 'Input messages by topic and outcome', labelNames: ['topic', 'outcome'], registers: [registry] });
    // Crashes are survivable (the consumer is restarted), so they would go unnoticed without a count.
    this.crashes =
      (registry.getSingleMetric('envface_kafka_consumer_crashes_total') as Counter<'restarted_by'> | undefined) ??
      new Counter({ name: 'envface_kafka_consumer_crashes_total', help: 'Consumer crashes by who restarts the consumer (kafkajs or the app)', labelNames: ['restarted_by'], registers: [registry] });
  }

  onApplicationBootstrap(): void {
    if (!this.kafka) return;
    // Start in the background: the API must serve (and health report Kafka down) while Kafka is unreachable.
    this.starting = this.startWithRetry();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await within(STOP_STARTING_MS, this.starting?.catch(() => undefined));
    // disconnect() lets the running chunk finish and commit: SIGTERM drains cleanly — within bounds.
    const consumer = this.consumer;
    if (consumer && !(await within(STOP_CONSUMER_MS, consumer.disconnect().then(() => true, (e: unknown) => this.logger.warn(`consumer disconnect: ${String(e)}`))))) {
      this.logger.warn(`the consumer did not leave the group within ${STOP_CONSUMER_MS} ms; its uncommitted chunk will be redelivered`);
    }
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        await this.start();
        // A start that was still connecting when shutdown began must not go on consuming.
        if (this.stopping) await within(STOP_CONSUMER_MS, this.consumer?.disconnect().catch(() => undefined));
        return;
      } catch (error) {
        if (this.stopping) return;
        const wait = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
        this.logger.warn(`starting the consumer failed (${error instanceof Error ? error.message : String(error)}); retrying in ${wait} ms`);
        await within(STOP_CONSUMER_MS, this.consumer?.disconnect().catch(() => undefined));
        this.consumer = null;
        await sleep(wait);
      }
    }
  }

  private async start(): Promise<void> {
    const kafka = this.kafka!;
    const { topicPrefix, groupId, sessionTimeoutMs } = this.config.kafka;
    await this.ensureTopics(kafka);
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      rebalanceTimeout: Math.max(sessionTimeoutMs, 6_000),
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
      // Let the broker gather up to 64 KiB (or 100 ms) per fetch: a steady trickle of single
      // messages would otherwise become one tiny transaction per fetch. The wait bounds what a lone
      // event spends in the broker before it is scored (it was 250 ms; the dashboards' 1 s budget
      // also holds the transaction and the 250 ms live window).
      minBytes: 64 * 1024,
      maxWaitTimeInMs: 100,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: MAX_BACKOFF_MS },
    });
    this.consumer = consumer;
    this.committer = new OffsetCommitter(consumer);
    // Another member may now own some of our partitions: drop cached ledgers (rebuilt from the database on use).
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.scoring.forgetLedgers();
      // Health watches the partitions this instance owns for stalls.
      this.status.assigned(e.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      // A crash kafkajs recovers from by itself (a dropped connection) is a warning; one it gives up on, an error.
      const message = `consumer crashed: ${String(e.payload.error)} (${e.payload.restart ? 'kafkajs restarts it' : 'restarting it'})`;
      if (e.payload.restart) this.logger.warn(message);
      else this.logger.error(message);
      this.crashes.inc({ restarted_by: e.payload.restart ? 'kafkajs' : 'app' });
      // kafkajs gives up on errors it deems non-retriable; the consumer must never stay stopped, so start a new one.
      if (!e.payload.restart && !this.stopping) this.starting = this.startWithRetry();
    });
    await consumer.connect();
    if (this.stopping) throw new Error('shutting down');
    // A new group starts at the beginning of every topic: nothing published before the first start is lost.
    await consumer.subscribe({ topics: INPUT_TOPIC_KINDS.map((k) => topicName(topicPrefix, k)), fromBeginning: true });
    await consumer.run({
      // Offsets are committed by eachBatch itself, only after the chunk's transaction committed (its
      // outbox rows are published from there, at least once, whatever happens next), and every
      // partition finishing in the same tick shares one OffsetCommit (OffsetCommitter): kafkajs's
      // auto-commit sent one request per partition batch, each carrying all partitions.
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Several partitions in flight at once: their chunks are group-committed in one transaction.
      partitionsConsumedConcurrently: 64,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.logger.log(`consuming ${INPUT_TOPIC_KINDS.map((k) => topicName(topicPrefix, k)).join(', ')} as group ${groupId}`);
  }

  /** CreateTopics is best effort: real clusters may forbid it and the test broker does not implement it. */
  private async ensureTopics(kafka: Kafka): Promise<void> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const prefix = this.config.kafka.topicPrefix;
      await admin.createTopics({
        waitForLeaders: false,
        topics: [
          ...INPUT_TOPIC_KINDS.map((k) => ({ topic: topicName(prefix, k), numPartitions: 12 })),
          ...OUTPUT_TOPIC_KINDS.map((k) => ({ topic: topicName(prefix, k), numPartitions: 6 })),
        ],
      });
    } catch (error) {
      this.logger.warn(`could not create topics (they may already exist): ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const kind = topicKindOf(this.config.kafka.topicPrefix, batch.topic);
    if (kind === null) return;
    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + CHUNK);
      const input: IncomingMessage[] = chunk.map((m: KafkaMessage) => ({
        topicKind: kind,
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
      }));
      const result = await this.retrying(`${batch.topic}[${batch.partition}]@${chunk[0]!.offset}`, heartbeat, isRunning, async () => {
        const r = await this.scoring.processBatch(input);
        // Publishing runs beside the next chunk: the outbox holds the committed messages, so the offset
        // need not wait for the broker's acknowledgement — waiting put a produce round trip into every
        // fetch-score-commit cycle, and a cycle longer than the producers' interval falls behind for good.
        // Past MAX_UNPUBLISHED (a slow or failing sink) the edge waits, so input stops instead of piling up.
        if (this.drainer.backlog > MAX_UNPUBLISHED) await this.drainer.drain();
        else this.drainer.drain().catch(() => undefined); // a failed publish stays in the outbox and is retried
        return r;
      });
      if (result === null) return; // stopping: the chunk is redelivered to whoever owns the partition next
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      await this.commitOffset(batch.topic, batch.partition, last);
      this.processed.inc({ topic: kind, outcome: 'accepted' }, result.accepted);
      this.processed.inc({ topic: kind, outcome: 'duplicate' }, result.duplicates);
      this.processed.inc({ topic: kind, outcome: 'rejected' }, result.rejected.length);
      await heartbeat();
    }
  }

  /**
   * A failed commit loses nothing: the next commit carries the offset, and a chunk whose offset never
   * got committed is redelivered and found stored. A group change is handed to kafkajs (it rejoins).
   */
  private async commitOffset(topic: string, partition: number, lastOffset: string): Promise<void> {
    try {
      await this.committer!.commit(topic, partition, lastOffset);
    } catch (error) {
      if (isGroupChange(error)) throw error;
      this.logger.warn(`committing offsets failed (${error instanceof Error ? error.message : String(error)}); the next commit carries them`);
    }
  }

  /** Retries fn with capped exponential backoff, heart-beating meanwhile; null when the consumer stops. */
  private async retrying<T>(what: string, heartbeat: () => Promise<void>, isRunning: () => boolean, fn: () => Promise<T>): Promise<T | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!isRunning() || this.stopping) return null;
        const wait = Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt);
        this.logger.warn(`processing ${what} failed (${error instanceof Error ? error.message : String(error)}); retry ${attempt + 1} in ${wait} ms`);
        await sleep(wait);
        try {
          await heartbeat();
        } catch (beat) {
          // The group is rebalancing (or this member was dropped): give the partitions up now
          // instead of holding the whole group back until the outage ends. Nothing was committed
          // for this chunk, so whoever gets the partition redelivers it.
          if (isGroupChange(beat)) throw beat;
        }
      }
    }
  }
}

const GROUP_CHANGE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

/** A heartbeat refused because the group moved on: kafkajs rejoins when eachBatch throws it. */
export function isGroupChange(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && GROUP_CHANGE_ERRORS.has(error.type);
}
