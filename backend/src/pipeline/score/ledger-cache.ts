import { Inject, Injectable } from '@nestjs/common';
import { RatingEngine, toScoringEvent, type ContractEvent, type RuleBook } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Queryable } from '../../platform/db/database.service';
import { RULE_BOOK } from '../../platform/rule-book';
import type { LockedEnterprise } from './enterprise.repository';
import { EventRepository } from './event.repository';

/**
 * The in-memory ledgers, a cache of the database: an enterprise's row lock and event count tell
 * whether the cached ledger has seen every stored event; if not (another instance, a rebalance, a
 * failed batch) it is rebuilt from the stored events.
 */
@Injectable()
export class LedgerCache {
  readonly engine: RatingEngine;
  /** Stored events each cached ledger has seen. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly events: EventRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RULE_BOOK) book: RuleBook,
  ) {
    this.engine = new RatingEngine(book, config.timeZone);
  }

  /** Rebuilds, from the stored events, every ledger that has not seen exactly the events stored before this batch. */
  async sync(tx: Queryable, locked: ReadonlyMap<string, LockedEnterprise>): Promise<void> {
    const stale = [...locked.values()].filter((e) => this.counts.get(e.uscc) !== e.eventCountBefore || !this.engine.get(e.uscc)).map((e) => e.uscc);
    if (stale.length === 0) return;
    for (const id of stale) this.engine.drop(id);
    const rows = await this.events.bodiesOf(tx, stale);
    for (const row of rows) this.engine.ledgerFor(row.enterprise_id).apply(toScoringEvent(row.body as ContractEvent, this.config.timeZone));
    for (const id of stale) {
      this.engine.ledgerFor(id);
      this.counts.set(id, locked.get(id)!.eventCountBefore);
    }
  }

  /** Drop these ledgers (their transaction rolled back): the database is the truth. */
  drop(ids: Iterable<string>): void {
    for (const id of ids) {
      this.engine.drop(id);
      this.counts.delete(id);
    }
  }

  /** Forget every cached ledger (partitions were reassigned): they are rebuilt from the database on use. */
  forget(): void {
    for (const id of [...this.engine.enterpriseIds()]) this.engine.drop(id);
    this.counts.clear();
  }
}
