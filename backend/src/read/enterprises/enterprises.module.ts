import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ScoringModule } from '../../pipeline/score/scoring.module';
import { StatsModule } from '../stats/stats.module';
import { EnterpriseHistoryController } from './enterprise-history.controller';
import { EnterpriseHistoryService } from './enterprise-history.service';
import { EnterpriseQueryRepository } from './enterprise-query.repository';
import { EnterpriseSearchService } from './enterprise-search.service';
import { EnterprisesController } from './enterprises.controller';

/** Enterprise list and detail for inspectors. */
@Module({
  imports: [AuthModule, ScoringModule, StatsModule],
  controllers: [EnterprisesController, EnterpriseHistoryController],
  providers: [EnterpriseSearchService, EnterpriseQueryRepository, EnterpriseHistoryService],
})
export class EnterprisesModule {}
