import { Module } from '@nestjs/common';
import { defaultRuleBook } from '@envface/streams';
import { AuthModule } from '../auth/auth.module';
import { DeadLetterRepository } from './dead-letter.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { EventRepository } from './event.repository';
import { IngestController } from './ingest.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxDrainer } from './outbox-drainer.service';
import { RatingQueryService } from './rating-query.service';
import { RatingRepository } from './rating.repository';
import { RatingsController } from './ratings.controller';
import { RULE_BOOK, ScoringService } from './scoring.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../db/database.service';
import type { RuleBook } from '@envface/streams';
import { CLOCK, type Clock } from './clock';
import { ListMembershipRepository } from '../pipeline/lists/list-membership.repository';
import { ListMembershipService } from '../pipeline/lists/list-membership.service';
import { ListBackfillService } from '../pipeline/lists/list-backfill.service';

/** The rating pipeline (ingest → events → ratings with revisions → outbox) and the rating routes. */
@Module({
  imports: [AuthModule],
  controllers: [RatingsController, IngestController],
  providers: [
    { provide: RULE_BOOK, useFactory: () => defaultRuleBook() },
    ScoringService,
    OutboxDrainer,
    RatingQueryService,
    EventRepository,
    EnterpriseRepository,
    RatingRepository,
    OutboxRepository,
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
  exports: [ListMembershipService, RULE_BOOK, ScoringService, OutboxDrainer, RatingQueryService, EnterpriseRepository, RatingRepository, OutboxRepository, DeadLetterRepository, EventRepository],
})
export class ScoringModule {}
