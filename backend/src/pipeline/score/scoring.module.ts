import { Module } from '@nestjs/common';
import type { RuleBook } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { RULE_BOOK } from '../../platform/rule-book';
import { ListBackfillService } from '../lists/list-backfill.service';
import { ListMembershipRepository } from '../lists/list-membership.repository';
import { ListMembershipService } from '../lists/list-membership.service';
import { OutboxRepository } from '../outbox/outbox.repository';
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
    // Credit lists are recomputed in the scorer's transaction; built here because they need the rule book.
    { provide: ListMembershipRepository, useFactory: () => new ListMembershipRepository() },
    {
      provide: ListMembershipService,
      useFactory: (db: Database, repo: ListMembershipRepository, outbox: OutboxRepository, book: RuleBook, config: AppConfig, clock: Clock) =>
        new ListMembershipService(db, repo, outbox, book, config.timeZone, clock),
      inject: [Database, ListMembershipRepository, OutboxRepository, RULE_BOOK, APP_CONFIG, CLOCK],
    },
    ListBackfillService,
  ],
  exports: [ScoringService, DayRater, OutboxModule, ListMembershipService],
})
export class ScoringModule {}
