import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { RatingsModule } from '../ratings/ratings.module';
import { EarlyWarningService } from './early-warnings.service';
import { RatingCountFolder } from './rating-count-folder.service';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Dashboard statistics (inspectors): overview, daily trend, recent changes, early warnings. */
@Module({
  imports: [AuthModule, RatingsModule],
  controllers: [StatsController],
  providers: [StatsService, StatsRepository, EarlyWarningService, RatingCountFolder],
  exports: [EarlyWarningService, StatsRepository, RatingCountFolder],
})
export class StatsModule {}
