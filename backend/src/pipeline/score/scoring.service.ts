import { Injectable } from '@nestjs/common';
import { BatchProcessor, type FaultInjector } from './batch-processor';
import { GroupCommitQueue } from './group-commit-queue';
import type { BatchResult, IncomingMessage } from './incoming-message';
import { LedgerCache } from './ledger-cache';

export type { FaultInjector } from './batch-processor';
export { isTransientError } from './failure-kinds';

/**
 * The scorer's entry for input (Kafka, HTTP ingest, simulator, re-drive, complaint decisions). A batch
 * goes through these pieces, all in this folder:
 *
 * - `GroupCommitQueue` — batches that arrive while a transaction runs are processed together in the
 *   next one; transactions run one at a time per instance (ledgers are shared);
 * - `BatchSplitter` — a group failing for a reason retrying does not fix is split in halves until the
 *   message stands alone, which is dead-lettered (`schema` / `processing_error`); transient failures
 *   are thrown for the caller to retry;
 * - `BatchProcessor` — ONE transaction: validate, store each event once, sync and apply the ledgers
 *   (`LedgerCache`), re-rate exactly the affected days (`Rerater`), dead letters, outbox;
 * - `batch-outcome.ts` — outcomes and dead-letter encoding.
 *
 * The rollover rates days through `DayRater`. The caller commits Kafka offsets only after this resolves.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly queue: GroupCommitQueue,
    private readonly processor: BatchProcessor,
    private readonly ledgers: LedgerCache,
  ) {}

  /** Scores one batch (in a group commit with whatever else is waiting); resolves once committed. */
  processBatch(messages: readonly IncomingMessage[]): Promise<BatchResult> {
    return this.queue.processBatch(messages);
  }

  /** Tests only: make processing fail deterministically for chosen events (null removes the hook). */
  setFaultInjector(injector: FaultInjector | null): void {
    this.processor.setFaultInjector(injector);
  }

  /** Forget every cached ledger (partitions were reassigned): they are rebuilt from the database on use. */
  forgetLedgers(): void {
    this.ledgers.forget();
  }
}
