import { Module } from '@nestjs/common';
import { CopiedRatingRepository } from './copied-rating.repository';
import { OutboxDrainer } from './outbox-drainer.service';
import { OutboxRepository } from './outbox.repository';

/** The outbox table and its drainer; the sinks come from the publish step through OUTBOX_SINKS. */
@Module({
  providers: [OutboxRepository, OutboxDrainer, CopiedRatingRepository],
  exports: [OutboxRepository, OutboxDrainer],
})
export class OutboxModule {}
