import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { AuthModule } from '../../auth/auth.module';
import { RatingsModule } from '../ratings/ratings.module';
import { PortalController } from './portal.controller';
import { PortalRepository } from './portal.repository';
import { PortalService } from './portal.service';

/** The enterprise portal: an enterprise account's own ratings, events and revisions. */
@Module({
  imports: [AuthModule, AccountsModule, RatingsModule],
  controllers: [PortalController],
  providers: [PortalService, PortalRepository],
})
export class PortalModule {}
