import type { ContractEvent } from '../contract/event-schemas';
import { eventBodyHash } from '../contract/event-identity';
import type { Day } from './day';
import type { DayRating } from './day-rating';
import { EnterpriseLedger, type ApplyOutcome } from './enterprise-ledger';
import type { RuleBook } from './rule-set';
import { toScoringEvent } from './scoring-event';

/**
 * All enterprises' ledgers, keyed by USCC. Pure and in-memory: the live scorer keeps one per
 * assigned partition set (and rebuilds it from stored events), the CLI and the tests one per run.
 */
export class RatingEngine {
  private readonly ledgers = new Map<string, EnterpriseLedger>();

  constructor(
    readonly book: RuleBook,
    readonly timeZone: string,
  ) {}

  apply(event: ContractEvent): ApplyOutcome & { ledger: EnterpriseLedger } {
    const ledger = this.ledgerFor(event.enterpriseId);
    return { ...ledger.apply(toScoringEvent(event, this.timeZone)), ledger };
  }

  ledgerFor(enterpriseId: string): EnterpriseLedger {
    let ledger = this.ledgers.get(enterpriseId);
    if (!ledger) {
      ledger = new EnterpriseLedger(enterpriseId, this.book);
      this.ledgers.set(enterpriseId, ledger);
    }
    return ledger;
  }

  get(enterpriseId: string): EnterpriseLedger | undefined {
    return this.ledgers.get(enterpriseId);
  }

  drop(enterpriseId: string): void {
    this.ledgers.delete(enterpriseId);
  }

  enterpriseIds(): IterableIterator<string> {
    return this.ledgers.keys();
  }

  get size(): number {
    return this.ledgers.size;
  }

  /** Ratings of one enterprise for days [from, to], inclusive. */
  rateRange(enterpriseId: string, from: Day, to: Day): DayRating[] {
    const ledger = this.ledgers.get(enterpriseId);
    if (!ledger) return [];
    const out: DayRating[] = [];
    for (let d = from; d <= to; d++) out.push(ledger.rate(d));
    return out;
  }
}

export type Admission = 'new' | 'duplicate' | 'conflict';

/**
 * Event-id uniqueness (docs/events.md) in memory, for the CLI and tests: the database plays this role in the
 * live scorer. The first body accepted for an id stays; an identical one is a duplicate; another
 * body is a conflict (dead letter `duplicate_conflict`).
 */
export class InMemoryEventIds {
  private readonly hashes = new Map<string, string>();

  admit(event: ContractEvent): Admission {
    const hash = eventBodyHash(event).toString('base64');
    const known = this.hashes.get(event.eventId);
    if (known === undefined) {
      this.hashes.set(event.eventId, hash);
      return 'new';
    }
    return known === hash ? 'duplicate' : 'conflict';
  }
}
