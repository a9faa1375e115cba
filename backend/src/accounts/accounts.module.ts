import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { AccountsController } from './accounts.controller';
import { PasswordChangeGuard } from './password-change.guard';

/** Enterprise accounts and password changes (the portal itself is read/portal). */
@Module({
  imports: [AuthModule],
  controllers: [AccountsController],
  providers: [AccountService, AccountRepository, PasswordChangeGuard],
  exports: [AccountService, PasswordChangeGuard],
})
export class AccountsModule {}
