import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';

export type KafkaState = 'up' | 'down' | 'disabled';
export type ConsumerState = 'ok' | 'stalled' | 'disabled';

/** What health asks about Kafka and the consumer group; the consumer tells it which partitions it owns. */
export interface KafkaStatus {
  state(): KafkaState;
  consumer(): ConsumerState;
  /** The partitions this instance was assigned (topic → partitions); called on every group join. */
  assigned(assignment: Readonly<Record<string, readonly number[]>>): void;
}

export const KAFKA_STATUS = Symbol('KAFKA_STATUS');

/** No KAFKA_BROKERS: Kafka is not part of this deployment. */
export class DisabledKafkaStatus implements KafkaStatus {
  state(): KafkaState {
    return 'disabled';
  }

  consumer(): ConsumerState {
    return 'disabled';
  }

  assigned(): void {}
}

export interface ConsumerWatch {
  groupId: string;
  topics: readonly string[];
  /** Waiting messages with no committed progress for this long make the consumer "stalled". */
  stallMs: number;
  registry: Registry;
}

interface PartitionProgress {
  committed: string;
  lag: number;
  /** When the committed offset last moved, or when messages started waiting. */
  since: number;
}

/**
 * Kafka's health, probed in the background so that health never blocks on Kafka: the cluster's
 * metadata (up/down), and the consumer group's progress on the partitions this instance owns. A
 * consumer can be connected, heart-beating and still stuck (a batch retried forever, an eachBatch
 * that never returns): what tells the truth is the committed offset, so a partition with messages
 * waiting whose committed offset has not moved for `stallMs` makes the consumer "stalled".
 */
export class BrokerProbeKafkaStatus implements KafkaStatus, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('KafkaStatus');
  private readonly admin: Admin;
  private current: KafkaState = 'down';
  private timer: NodeJS.Timeout | undefined;
  private connected = false;
  private reportedDown = false;
  private readonly progress = new Map<string, PartitionProgress>();
  private assignment: Readonly<Record<string, readonly number[]>> | null = null;
  private stalled = false;
  private readonly lag: Gauge<'topic' | 'partition'> | null;
  private readonly intervalMs: number;

  constructor(
    brokers: readonly string[],
    private readonly watch: ConsumerWatch | null = null,
    intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.admin = new Kafka({
      clientId: 'envface-health',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      retry: { retries: 0 },
    }).admin();
    // Several probes per stall window, so a stall is reported within ~stallMs + one interval.
    this.intervalMs = watch ? Math.max(250, Math.min(intervalMs, Math.floor(watch.stallMs / 3))) : intervalMs;
    this.lag = watch
      ? ((watch.registry.getSingleMetric('envface_kafka_consumer_lag') as Gauge<'topic' | 'partition'> | undefined) ??
        new Gauge({ name: 'envface_kafka_consumer_lag', help: 'Messages waiting (high watermark − committed offset) per input partition this instance owns', labelNames: ['topic', 'partition'], registers: [watch.registry] }))
      : null;
  }

  state(): KafkaState {
    return this.current;
  }

  consumer(): ConsumerState {
    return this.stalled ? 'stalled' : 'ok';
  }

  assigned(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.assignment = assignment;
    // Partitions that moved away are another instance's to report.
    this.lag?.reset();
    this.progress.clear();
  }

  async onModuleInit(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.race([this.admin.disconnect().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
  }

  private probing = false;

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    const before = this.current;
    try {
      if (!this.connected) {
        await this.admin.connect();
        this.connected = true;
      }
      await this.admin.describeCluster();
      this.current = 'up';
      if (before !== 'up') this.logger.log('Kafka reachable');
      if (this.watch) await this.probeGroup(this.watch);
    } catch (error) {
      this.current = 'down';
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
      // Log transitions only (plus the very first failure), not every probe while Kafka stays down.
      if (before === 'up' || !this.reportedDown) {
        this.logger.warn(`Kafka unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.reportedDown = true;
    } finally {
      this.probing = false;
    }
  }

  private async probeGroup(watch: ConsumerWatch): Promise<void> {
    const committed = await this.admin.fetchOffsets({ groupId: watch.groupId, topics: [...watch.topics] });
    const at = this.now();
    let stalled: string | null = null;
    for (const { topic, partitions } of committed) {
      // Before the first join the whole group's partitions count: a consumer that never starts is stuck too.
      const owned = this.assignment ? new Set(this.assignment[topic] ?? []) : null;
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        if (owned && !owned.has(end.partition)) continue;
        const c = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = c === '-1' ? Number(end.low) : Number(c);
        const lag = Math.max(0, Number(end.high) - from);
        const key = `${topic}[${end.partition}]`;
        const prev = this.progress.get(key);
        const since = !prev || prev.committed !== c || prev.lag === 0 ? at : prev.since;
        this.progress.set(key, { committed: c, lag, since });
        this.lag?.set({ topic, partition: String(end.partition) }, lag);
        if (lag > 0 && at - since >= watch.stallMs) stalled ??= `${key}: ${lag} waiting, no progress for ${Math.round((at - since) / 1000)} s`;
      }
    }
    if (stalled && !this.stalled) this.logger.error(`consumer stalled: ${stalled}`);
    if (!stalled && this.stalled) this.logger.log('consumer progressing again');
    this.stalled = stalled !== null;
  }
}
