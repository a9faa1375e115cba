import { Module } from '@nestjs/common';
import { ScoringModule } from '../score/scoring.module';
import { RolloverRepository } from './rollover.repository';
import { RolloverService } from './rollover.service';

/** The midnight rollover of every enterprise's rating, once across instances, with catch-up. */
@Module({
  imports: [ScoringModule],
  providers: [RolloverService, RolloverRepository],
  exports: [RolloverService],
})
export class RolloverModule {}
