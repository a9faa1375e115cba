import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { RatingsModule } from '../ratings/ratings.module';
import { EarlyWarningService } from './early-warnings.service';
import { ModelController } from './model.controller';
import { RatingCountFolder } from './rating-count-folder.service';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Dashboard statistics (inspectors): overview, daily trend, recent changes, early warnings; the rule book's numbers (anyone). */
@Module({
  imports: [AuthModule, RatingsModule],
  controllers: [StatsController, ModelController],
  providers: [StatsService, StatsRepository, EarlyWarningService, RatingCountFolder],
  exports: [EarlyWarningService, StatsRepository, RatingCountFolder],
})
export class StatsModule {}
