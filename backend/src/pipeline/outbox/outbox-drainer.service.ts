import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ratingChangeMessage } from '@envface/streams';
import { within } from '../../platform/within';
import { Database, type Queryable } from '../../platform/db/database.service';
import { OutboxRepository, type OutboxRow, type PublishedRow } from './outbox.repository';
import { CopiedRatingRepository } from './copied-rating.repository';
import { OUTBOX_SINKS, type OutboxSink } from './outbox-sink';

const TAKE = 5000;
const RETRY_MS = 1000;
const SWEEP_MS = 5000;
/** A row this old was not handed over by its writer (it died between commit and publish). */
const LEFTOVER_AGE_S = 10;

/**
 * Publishes committed outbox messages to every sink, deleting them in the same transaction: nothing
 * is lost if the process dies between commit and publish, and a message may be published twice at
 * worst (at-least-once).
 *
 * The writer (ScoringService) hands the ids it committed to `enqueue`; `drain()` takes exactly those
 * rows by primary key. A queue table is mostly dead tuples, so scanning it on every drain got slower
 * with load; the scan now only runs as a periodic sweep for leftovers of instances that died, with
 * FOR UPDATE SKIP LOCKED so several instances never send the same row concurrently.
 */
/**
 * Shutdown waits this long for a running drain. With the database gone a drain waits for a
 * connection (up to the pool's 5 s connect timeout) and would eat the process's shutdown budget;
 * rows not yet published stay in the outbox (the transaction never committed) for the next sweep.
 */
const STOP_DRAIN_MS = 1_000;

@Injectable()
export class OutboxDrainer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private pending: string[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly ratings: CopiedRatingRepository,
    /** Every sink, by injection (the publish step provides them; tests may add one to this array). */
    @Inject(OUTBOX_SINKS) private readonly sinks: OutboxSink[],
  ) {}

  /** Committed rows handed over and not yet published (the Kafka edge holds back input beyond a bound). */
  get backlog(): number {
    return this.pending.length;
  }

  /** Ids of rows committed by this instance, to publish on the next drain. */
  enqueue(ids: readonly string[]): void {
    for (const id of ids) this.pending.push(id);
  }

  onApplicationBootstrap(): void {
    // Whatever a previous run committed but did not publish goes out now, and then periodically.
    void this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await within(STOP_DRAIN_MS, this.running);
  }

  /** Publishes everything enqueued so far; coalesces concurrent calls. Rejects when a sink failed (rows stay queued). */
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

  private async loop(): Promise<void> {
    do {
      this.again = false;
      while (this.pending.length > 0 && !this.stopped) {
        const ids = this.pending.splice(0, TAKE);
        try {
          // The deletion need not wait for the WAL flush (a lost one only publishes the rows again); the
          // scorer's commits, which must, then do not queue behind it.
          await this.db.transaction('outbox.drain', async (tx) => this.publish(await this.expand(tx, await this.outbox.take(tx, ids))), { synchronousCommit: false });
        } catch (error) {
          this.pending.unshift(...ids);
          this.logger.warn(`publishing the outbox failed, retrying in ${RETRY_MS} ms: ${error instanceof Error ? error.message : String(error)}`);
          if (!this.stopped && !this.retryTimer) {
            this.retryTimer = setTimeout(() => {
              this.retryTimer = undefined;
              void this.drain().catch(() => undefined);
            }, RETRY_MS);
            this.retryTimer.unref();
          }
          throw error;
        }
      }
    } while (this.again && !this.stopped);
  }

  /**
   * A ratings_copy row (the rollover's copied ratings of a chunk of enterprises) becomes the ratings
   * message of each enterprise, read back from daily_ratings: the copy is the day's first revision,
   * with no previous revision and no cause event. Sinks only ever see 'ratings' and 'dlq' rows.
   */
  private async expand(tx: Queryable, rows: readonly OutboxRow[]): Promise<PublishedRow[]> {
    const out: PublishedRow[] = [];
    for (const row of rows) {
      if (row.kind !== 'ratings_copy') {
        out.push(row);
        continue;
      }
      const { day, at, enterpriseIds } = row.payload;
      for (const r of await this.ratings.firstRevisionsOfDay(tx, enterpriseIds, day)) {
        const rating = { day, score: r.score_tenths / 10, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto };
        out.push({ id: row.id, kind: 'ratings', key: r.enterprise_id, payload: ratingChangeMessage(r.enterprise_id, rating, 1, null, [], at) });
      }
    }
    return out;
  }

  /**
   * All sinks at once: dashboards need not wait for the broker's acknowledgement. If any sink fails
   * the rows stay in the outbox and every sink gets them again (at-least-once for each).
   */
  private async publish(rows: readonly PublishedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const outcomes = await Promise.allSettled(this.sinks.map((sink) => sink.publish(rows)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Publishes rows nobody handed over (their writer died between commit and publish). */
  async sweep(minAgeSeconds = LEFTOVER_AGE_S): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const n = await this.db.transaction('outbox.sweep', async (tx) => {
          const rows = await this.outbox.claimLeftovers(tx, TAKE, minAgeSeconds);
          await this.publish(await this.expand(tx, rows));
          await this.outbox.remove(tx, rows.map((r) => r.id));
          return rows.length;
        });
        total += n;
        if (n < TAKE || this.stopped) return total;
      }
    } catch (error) {
      this.logger.warn(`sweeping the outbox failed: ${error instanceof Error ? error.message : String(error)}`);
      return total;
    }
  }
}
