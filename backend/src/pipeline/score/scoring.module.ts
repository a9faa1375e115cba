import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { DeadLetterRepository } from './dead-letter.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { EventRepository } from './event.repository';
import { RatingRepository } from './rating.repository';
import { ScoringService } from './scoring.service';

/** The scorer: one transaction per batch (events → ledgers → ratings with revisions → dead letters → outbox). */
@Module({
  imports: [OutboxModule],
  providers: [ScoringService, EventRepository, EnterpriseRepository, RatingRepository, DeadLetterRepository],
  exports: [ScoringService, OutboxModule],
})
export class ScoringModule {}
