import { Module } from '@nestjs/common';
import { AuthModule } from '../../../auth/auth.module';
import { ScoringModule } from '../../score/scoring.module';
import { EnterpriseRegionRepository } from './enterprise-region.repository';
import { LiveAccessService } from './live-access.service';
import { LiveBroadcastService } from './live-broadcast.service';
import { LiveGateway } from './live.gateway';
import { RegionLookupService } from './region-lookup.service';

/** socket.io `/live`: rating changes pushed to the rooms each account may see. */
@Module({
  imports: [AuthModule, ScoringModule],
  providers: [LiveGateway, LiveAccessService, LiveBroadcastService, RegionLookupService, EnterpriseRegionRepository],
})
export class LiveModule {}
