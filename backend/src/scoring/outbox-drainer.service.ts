import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Database } from '../db/database.service';
import { OutboxRepository } from './outbox.repository';
import type { OutboxSink } from './outbox-sink';

const CLAIM = 5000;
const RETRY_MS = 1000;

/**
 * Publishes committed outbox messages to every sink, then deletes them in the same transaction:
 * nothing is lost if the process dies between commit and publish (the next drain publishes), and a
 * message may be published twice at worst (at-least-once). Rows are claimed FOR UPDATE SKIP LOCKED,
 * so several instances drain side by side without sending the same row concurrently.
 */
@Injectable()
export class OutboxDrainer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private sinks: OutboxSink[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Sinks register themselves at start-up (Kafka producer, socket.io gateway). */
  register(sink: OutboxSink): void {
    this.sinks.push(sink);
  }

  onApplicationBootstrap(): void {
    // Whatever a previous run committed but did not publish goes out now.
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Drain now (after a commit); coalesces concurrent requests. Resolves when the outbox is empty or a sink failed. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private kick(): void {
    void this.drain().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let n: number;
      do {
        try {
          n = await this.db.transaction('outbox.drain', async (tx) => {
            const rows = await this.outbox.claim(tx, CLAIM);
            if (rows.length === 0) return 0;
            for (const sink of this.sinks) await sink.publish(rows);
            await this.outbox.remove(tx, rows.map((r) => r.id));
            return rows.length;
          });
        } catch (error) {
          this.logger.warn(`publishing the outbox failed, retrying in ${RETRY_MS} ms: ${error instanceof Error ? error.message : String(error)}`);
          if (!this.stopped) {
            this.timer = setTimeout(() => this.kick(), RETRY_MS);
            this.timer.unref();
          }
          throw error;
        }
      } while (n === CLAIM && !this.stopped);
    } while (this.again && !this.stopped);
  }
}
