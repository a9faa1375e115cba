import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { AuthModule } from '../../auth/auth.module';
import { CreditNoticeExportsController } from './credit-notice-exports.controller';
import { CreditNoticeRepository } from './credit-notice.repository';
import { CreditNoticeService } from './credit-notice.service';
import { CreditNoticesController, PortalNoticesController } from './credit-notices.controller';

/** Credit notices (环保信用记录告知书). */
@Module({
  imports: [AuthModule, AccountsModule],
  controllers: [CreditNoticesController, PortalNoticesController, CreditNoticeExportsController],
  providers: [CreditNoticeService, CreditNoticeRepository],
  exports: [CreditNoticeService],
})
export class CreditNoticesModule {}
