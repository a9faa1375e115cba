import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { BatchProcessor } from './batch-processor';
import { BatchSplitter } from './batch-splitter';
import { DayRater } from './day-rater';
import { DeadLetterRepository } from './dead-letter.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { EventRepository } from './event.repository';
import { GroupCommitQueue } from './group-commit-queue';
import { LedgerCache } from './ledger-cache';
import { RatingRepository } from './rating.repository';
import { Rerater } from './rerater';
import { ScoringService } from './scoring.service';

/** The scorer: one transaction per batch (events → ledgers → ratings with revisions → dead letters → outbox). */
@Module({
  imports: [OutboxModule],
  providers: [
    ScoringService,
    GroupCommitQueue,
    BatchSplitter,
    BatchProcessor,
    Rerater,
    LedgerCache,
    DayRater,
    EventRepository,
    EnterpriseRepository,
    RatingRepository,
    DeadLetterRepository,
  ],
  exports: [ScoringService, DayRater, OutboxModule],
})
export class ScoringModule {}
