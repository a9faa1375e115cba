import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { dayOfInstant, isoFromDay } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { ComparisonRepository } from './comparison.repository';

export const PEER_FOLD_INTERVAL_MS = 10 * 60_000;
/** The first round, after start-up's own work. */
export const PEER_FOLD_FIRST_MS = 2 * 60_000;
/**
 * Database time one round may spend (it stops after the day that crosses it): a small registry backfills its 89 days
 * in the first round, 200,000 enterprises a few days per round.
 */
export const PEER_FOLD_BUDGET_MS = 20_000;
/** Days of the peer line, today included (today itself is always computed live). */
export const PEER_LINE_DAYS = 90;

/**
 * Folds the peer ranks of past days into peer_percentile_days (one day per transaction), so a 90-day peer line reads
 * 90 rows. One instance folds at a time; the others skip the round. Each round stops after about 20 s of work. Two minutes after start, then every 10 minutes.
 * Which days are due: ComparisonRepository.foldDaysDue.
 */
@Injectable()
export class PeerDayFolder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PeerDayFolder');
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly repo: ComparisonRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const round = () => {
      this.fold().catch((error: unknown) => this.logger.warn(`folding peer percentiles failed: ${error instanceof Error ? error.message : String(error)}`));
    };
    // Not during start-up: the catch-up rollover and the ledger rebuilds run then, and a fold of one day
    // at 200,000 enterprises (a 3 s statement) ran beside the bench's rollover and slowed it.
    this.first = setTimeout(round, PEER_FOLD_FIRST_MS);
    this.first.unref();
    this.timer = setInterval(round, PEER_FOLD_INTERVAL_MS);
    // A timer must not keep a stopping process alive.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Folds the days due within the time budget; returns how many days were folded (0 when another instance folds). */
  fold(budgetMs = PEER_FOLD_BUDGET_MS): Promise<number> {
    this.running ??= this.foldDue(budgetMs).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async foldDue(budgetMs: number): Promise<number> {
    const started = Date.now();
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const from = isoFromDay(today - (PEER_LINE_DAYS - 1));
    const days = await this.repo.foldDaysDue(this.db, from, isoFromDay(today - 1), PEER_LINE_DAYS);
    let folded = 0;
    for (const day of days) {
      if (folded > 0 && Date.now() - started > budgetMs) break;
      const done = await this.db.transaction('comparison.fold', async (tx) => {
        if (!(await this.repo.tryPeerFoldLock(tx))) return false;
        await this.repo.foldPeerDay(tx, day);
        if (folded === 0) await this.repo.dropPeerDaysBefore(tx, from);
        return true;
      });
      if (!done) break;
      folded += 1;
    }
    return folded;
  }
}
