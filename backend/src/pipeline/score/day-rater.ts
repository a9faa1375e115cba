import { Inject, Injectable } from '@nestjs/common';
import { isoFromDay } from '@envface/streams';
import { TZDate } from '@date-fns/tz';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database, type Queryable } from '../../platform/db/database.service';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { EnterpriseRepository, type LockedEnterprise } from './enterprise.repository';
import { GroupCommitQueue } from './group-commit-queue';
import { LedgerCache } from './ledger-cache';
import { RatingRepository } from './rating.repository';
import { Rerater, type AffectedRanges } from './rerater';

/** Rating a day with no event (the rollover's entry into the scorer): copy where nothing can change, else rate from ledgers. */
@Injectable()
export class DayRater {
  constructor(
    private readonly db: Database,
    private readonly queue: GroupCommitQueue,
    private readonly ledgers: LedgerCache,
    private readonly rerater: Rerater,
    private readonly enterprises: EnterpriseRepository,
    private readonly ratings: RatingRepository,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Rates `day` for the given enterprises (the midnight rollover, or its catch-up after downtime):
   * windows end, permits lapse and deadlines pass with no event, so the day is rated from the
   * ledgers as they are. Days whose stored rating already matches are left alone, so a second run
   * (another instance, a retry) writes nothing.
   */
  rateDay(enterpriseIds: readonly string[], day: number): Promise<number> {
    return this.queue.exclusive(async () => {
      const outboxIds: string[] = [];
      const revisions = await this.db.transaction('scoring.rate_day', async (tx) => {
        const locked = await this.enterprises.lock(tx, [...enterpriseIds].sort());
        return this.rateLocked(tx, locked, day, outboxIds);
      });
      this.drainer.enqueue(outboxIds);
      return revisions;
    });
  }

  /**
   * The rollover of `day` for these enterprises: those whose next possible change lies after `day`
   * get yesterday's rating copied in SQL (no ledger needed: at 200,000 enterprises most have nothing
   * ending tonight); the rest are rated from their ledgers like rateDay. The copy touches no ledger,
   * so it runs outside the scorer's queue (its row locks keep it apart from batches), and several
   * chunks can be copied at once.
   */
  async rollDay(enterpriseIds: readonly string[], day: number): Promise<{ revisions: number; copied: number }> {
    const iso = isoFromDay(day);
    const yesterday = isoFromDay(day - 1);
    const at = new TZDate(this.clock.now(), this.config.timeZone).toISOString();
    const copy = await this.db.transaction('scoring.roll_copy', async (tx) => {
      // Locked in one sorted statement (as batches lock them) before anything is read for the copy:
      // the copy's own snapshot then sees whatever a batch committed meanwhile.
      const locked = await this.enterprises.lock(tx, [...enterpriseIds].sort());
      // Copied: nothing can change on `day` ('infinity' sorts after every YYYY-MM-DD) and the current
      // rating is yesterday's, so the streak carries by one.
      const stable = [...locked.values()]
        .filter((e) => e.nextChangeDay !== null && e.nextChangeDay > iso && e.ratedDay === yesterday)
        .map((e) => e.uscc);
      return this.ratings.copyPreviousDay(tx, stable, iso, at);
    });
    this.drainer.enqueue(copy.outboxIds);
    const copied = new Set(copy.copied);
    const rest = enterpriseIds.filter((id) => !copied.has(id));
    const evaluated = rest.length > 0 ? await this.rateDay(rest, day) : 0;
    return { revisions: copy.copied.length + evaluated, copied: copy.copied.length };
  }

  /** Rates one day for enterprises whose ledger rows this transaction has locked. */
  private async rateLocked(tx: Queryable, locked: Map<string, LockedEnterprise>, day: number, outboxIds: string[]): Promise<number> {
    if (locked.size === 0) return 0;
    await this.ledgers.sync(tx, locked);
    const ranges: AffectedRanges = new Map();
    for (const id of locked.keys()) ranges.set(id, { range: { from: day, until: day + 1 }, causes: [] });
    return this.rerater.rerate(tx, ranges, locked, day, this.clock.now(), outboxIds);
  }
}
