import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ScoringModule } from '../pipeline/score/scoring.module';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { AccountsController } from './accounts.controller';
import { PasswordChangeGuard } from './password-change.guard';
import { PortalController } from '../read/portal/portal.controller';
import { PortalRepository } from '../read/portal/portal.repository';
import { PortalService } from '../read/portal/portal.service';

/** Enterprise accounts, password changes and the enterprise portal. */
@Module({
  imports: [AuthModule, ScoringModule],
  controllers: [AccountsController, PortalController],
  providers: [AccountService, AccountRepository, PasswordChangeGuard, PortalService, PortalRepository],
  exports: [AccountService, PasswordChangeGuard],
})
export class AccountsModule {}
