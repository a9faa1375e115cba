import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createSimulator, topicKindOfType, type ContractEvent } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import type { IncomingMessage } from '../score/incoming-message';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { ScoringService } from '../score/scoring.service';
import { AppSettingsRepository } from '../../platform/settings/app-settings.repository';
import { BoundedQueue } from './bounded-queue';
import { SIMULATOR_KEYS, SimulatorStateRepository } from './simulator-state.repository';

/** Fixed, so every start (and every instance) simulates the same world: re-fed events are duplicates, never conflicts. */
export const SIMULATOR_SEED = 'envface-demo';
const HISTORY_DAYS = 60;
/** The first start also plays the last day, so readings and today's ratings exist at once. */
const BACKFILL_MS = 24 * 3_600_000;
/** After a long downtime only the most recent week is replayed (it is a demo world, not a record). */
const MAX_CATCH_UP_MS = 7 * 24 * 3_600_000;
const HOUR_MS = 3_600_000;
/** Messages per processBatch call. */
export const SIMULATOR_BATCH = 500;
/** Batches the feeder may run ahead of the consumer. */
const QUEUE_CAPACITY = 8;
/** How often new simulated events are fetched up to the clock. */
const TICK_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;

interface FeedItem {
  messages: IncomingMessage[];
  /** Progress to persist once this batch (and so everything before it) is committed. */
  fedUntilMs?: number;
  registered?: number;
  /** Logged once this item is committed. */
  note?: () => string;
}

function messageOf(event: ContractEvent): IncomingMessage {
  // No topic coordinates: like the HTTP ingest, these messages never came through Kafka.
  return { topicKind: topicKindOfType(event.type), topic: null, partition: null, offset: null, key: event.enterpriseId, value: JSON.stringify(event) };
}

/**
 * Without Kafka, the built-in simulator feeds the same pipeline in process: registrations and
 * history first, then every few seconds whatever happened in the simulated world up to the clock —
 * through a bounded queue to one consumer that calls ScoringService.processBatch and then drains the
 * outbox. The feeder waits when the queue is full. Progress is persisted only after the batch that
 * reached it is committed, so a restart resumes where the committed stream ends (anything fed twice
 * is a duplicate and ignored).
 */
@Injectable()
export class SimulatorFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Simulator');
  private readonly queue = new BoundedQueue<FeedItem>(QUEUE_CAPACITY);
  private feeder: Promise<void> | null = null;
  private consumer: Promise<void> | null = null;
  private readonly sleepers = new Set<() => void>();
  private stopping = false;
  private accepted = 0;
  private duplicates = 0;

  constructor(
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    private readonly state: SimulatorStateRepository,
    private readonly settings: AppSettingsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** On only without Kafka: with Kafka the simulator runs as a producer (npm run simulate). */
  get enabled(): boolean {
    return this.config.kafka.brokers === null && this.config.simulator;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.consumer = this.consume();
    this.feeder = this.feed().catch((error: unknown) => {
      if (!this.stopping) this.logger.error(`simulator stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Stops feeding; the batch being processed finishes and commits, queued ones are dropped (re-fed next start). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.queue.close();
    for (const wake of [...this.sleepers]) wake();
    await Promise.allSettled([this.feeder, this.consumer].filter((p) => p !== null));
  }

  private async feed(): Promise<void> {
    const started = Date.now();
    const n = this.config.simulatorEnterprises;
    let state = await this.loadState();
    const startMs = Date.parse(state.start);
    const sim = createSimulator({ enterprises: n, seed: SIMULATOR_SEED, startMs, historyDays: HISTORY_DAYS });
    let fedUntil = state.fedUntil === null ? startMs : Date.parse(state.fedUntil);
    const registered = state.registered ?? 0;

    if (registered < n) {
      // A run with more enterprises is a superset of one with fewer: only the newcomers need their
      // registrations, history and the live events the others already had.
      const newcomers = new Set(sim.enterprises.slice(registered).map((e) => e.uscc));
      const pick = (events: ContractEvent[]) => (registered === 0 ? events : events.filter((e) => newcomers.has(e.enterpriseId)));
      if (!(await this.enqueue(pick(sim.registryEvents()), {}))) return;
      for (let t = startMs; t < fedUntil; t += HOUR_MS) {
        if (!(await this.enqueue(pick(sim.eventsBetween(t, Math.min(t + HOUR_MS, fedUntil))), {}))) return;
      }
      if (!(await this.enqueue([], { registered: n }))) return;
    }

    let first = true;
    while (!this.stopping) {
      const now = this.clock.now();
      if (now - fedUntil > MAX_CATCH_UP_MS) {
        this.logger.warn(`simulator was stopped since ${new Date(fedUntil).toISOString()}: replaying only the last ${MAX_CATCH_UP_MS / HOUR_MS} hours`);
        fedUntil = now - MAX_CATCH_UP_MS;
      }
      for (let t = fedUntil; t < now; t += HOUR_MS) {
        const end = Math.min(t + HOUR_MS, now);
        const note = first && end === now ? () => `simulator: ${n} enterprises, fed up to ${new Date(now).toISOString()} (${this.accepted} events accepted, ${this.duplicates} duplicates, ${Date.now() - started} ms)` : undefined;
        if (!(await this.enqueue(sim.eventsBetween(t, end), { fedUntilMs: end, note }))) return;
      }
      fedUntil = Math.max(fedUntil, now);
      first = false;
      await this.sleep(TICK_MS);
    }
  }

  private async loadState(): Promise<{ start: string; fedUntil: string | null; registered: number | null }> {
    const state = await this.state.load();
    if (state.start !== null) return { ...state, start: state.start };
    // The first start fixes the world's start for good; another instance starting at once agrees on the first writer's.
    const start = new Date(Math.floor((this.clock.now() - BACKFILL_MS) / HOUR_MS) * HOUR_MS).toISOString();
    return { ...state, start: await this.settings.findOrInsert(SIMULATOR_KEYS.start, start) };
  }

  /** Queues events in batches; the progress goes with the last one. False when stopping. */
  private async enqueue(events: readonly ContractEvent[], progress: Omit<FeedItem, 'messages'>): Promise<boolean> {
    if (events.length === 0) return this.queue.put({ messages: [], ...progress });
    for (let i = 0; i < events.length; i += SIMULATOR_BATCH) {
      const last = i + SIMULATOR_BATCH >= events.length;
      const messages = events.slice(i, i + SIMULATOR_BATCH).map(messageOf);
      if (!(await this.queue.put(last ? { messages, ...progress } : { messages }))) return false;
    }
    return true;
  }

  private async consume(): Promise<void> {
    for (;;) {
      const item = await this.queue.take();
      if (item === null || !(await this.apply(item))) return;
    }
  }

  /** Processes one batch, retrying with backoff while the database is down; false when stopping first. */
  private async apply(item: FeedItem): Promise<boolean> {
    let backoff = 500;
    for (;;) {
      try {
        if (item.messages.length > 0) {
          const result = await this.scoring.processBatch(item.messages);
          this.accepted += result.accepted;
          this.duplicates += result.duplicates;
          if (result.rejected.length > 0) {
            this.logger.warn(`simulator: ${result.rejected.length} events rejected (first: ${result.rejected[0].reason}: ${result.rejected[0].detail})`);
          }
          // Publishing runs beside the next batch; drains coalesce and retry on their own.
          this.drainer.drain().catch(() => undefined);
        }
        if (item.registered !== undefined) await this.state.setRegistered(item.registered);
        if (item.fedUntilMs !== undefined) await this.state.advanceFedUntil(new Date(item.fedUntilMs).toISOString());
        if (item.note) this.logger.log(item.note());
        return true;
      } catch (error) {
        if (this.stopping) return false;
        this.logger.warn(`simulator batch failed, retrying in ${backoff} ms: ${error instanceof Error ? error.message : String(error)}`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** A timer that shutdown cuts short. */
  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.sleepers.add(wake);
    });
  }
}
