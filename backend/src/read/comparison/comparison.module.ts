import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { AuthModule } from '../../auth/auth.module';
import { RatingsModule } from '../ratings/ratings.module';
import { ComparisonController, PortalPeersController } from './comparison.controller';
import { ComparisonRepository } from './comparison.repository';
import { ComparisonService } from './comparison.service';
import { PeerDayFolder } from './peer-day-folder.service';

/** Region map (per-county star counts, points), peer percentiles (inspectors and the portal), quarterly compliance. */
@Module({
  imports: [AuthModule, AccountsModule, RatingsModule],
  controllers: [ComparisonController, PortalPeersController],
  providers: [ComparisonService, ComparisonRepository, PeerDayFolder],
  exports: [PeerDayFolder],
})
export class ComparisonModule {}
