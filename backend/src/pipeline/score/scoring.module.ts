import { Module } from '@nestjs/common';
import { defaultRuleBook } from '@envface/streams';
import { AuthModule } from '../../auth/auth.module';
import { DeadLetterRepository } from './dead-letter.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { EventRepository } from './event.repository';
import { IngestController } from '../ingest/ingest.controller';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { RatingQueryService } from '../../read/enterprises/rating-query.service';
import { RatingRepository } from './rating.repository';
import { RatingsController } from '../../read/enterprises/ratings.controller';
import { RULE_BOOK, ScoringService } from './scoring.service';

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
  ],
  exports: [RULE_BOOK, ScoringService, OutboxDrainer, RatingQueryService, EnterpriseRepository, RatingRepository, OutboxRepository, DeadLetterRepository, EventRepository],
})
export class ScoringModule {}
