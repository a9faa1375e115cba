import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Database } from '../../platform/db/database.service';
import { StatsRepository } from './stats.repository';

/** Often enough that the deltas stay a few thousand rows even at thousands of events per second. */
export const FOLD_INTERVAL_MS = 60_000;

/**
 * Folds the trend's count deltas (appended by the scorer in the transaction of every rating change) into the totals, so
 * reading the trend stays a small range scan. Correctness never depends on it: readers add the
 * deltas not folded yet. One instance folds at a time; the others skip that round.
 */
@Injectable()
export class RatingCountFolder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RatingCountFolder');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly stats: StatsRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.fold().catch((error: unknown) => this.logger.warn(`folding trend counts failed: ${error instanceof Error ? error.message : String(error)}`));
    }, FOLD_INTERVAL_MS);
    // A timer must not keep a stopping process alive.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Folds every delta visible now; returns how many were folded (0 when another instance is folding). */
  fold(): Promise<number> {
    this.running ??= this.db
      .transaction('stats.fold', async (tx) => ((await this.stats.tryFoldLock(tx)) ? this.stats.foldDeltas(tx) : 0))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
