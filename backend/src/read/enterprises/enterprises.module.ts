import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { PublicModule } from '../public-view/public.module';
import { RatingsModule } from '../ratings/ratings.module';
import { StatsModule } from '../stats/stats.module';
import { EnterpriseExportsController } from './enterprise-exports.controller';
import { EnterpriseHistoryController } from './enterprise-history.controller';
import { EnterpriseHistoryService } from './enterprise-history.service';
import { EnterpriseQueryRepository } from './enterprise-query.repository';
import { EnterpriseEffectsExportController } from './enterprise-effects-export.controller';
import { EnterpriseSearchService } from './enterprise-search.service';
import { EnterprisesController } from './enterprises.controller';
import { QrController } from './qr.controller';
import { RatingsController } from './ratings.controller';

/** Every read route under /api/enterprises: list and detail, ratings (contract), history, QR codes and signs. */
@Module({
  imports: [AuthModule, RatingsModule, StatsModule, PublicModule],
  controllers: [EnterpriseEffectsExportController, EnterpriseExportsController, EnterprisesController, RatingsController, EnterpriseHistoryController, QrController],
  providers: [EnterpriseSearchService, EnterpriseQueryRepository, EnterpriseHistoryService],
})
export class EnterprisesModule {}
