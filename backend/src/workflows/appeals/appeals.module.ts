import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { AuthModule } from '../../auth/auth.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { PublishModule } from '../../pipeline/publish/publish.module';
import { CreditNoticesModule } from '../credit-notices/credit-notices.module';
import { AppealExportsController } from './appeal-exports.controller';
import { AppealRepository } from './appeal.repository';
import { AppealEvidenceRepository } from './appeal-evidence.repository';
import { AppealService } from './appeal.service';
import { AppealsController } from './appeals.controller';

/** Appeals (复核) against stored events. */
@Module({
  imports: [AuthModule, ComplaintsModule, PublishModule, AccountsModule, CreditNoticesModule],
  controllers: [AppealsController, AppealExportsController],
  providers: [AppealService, AppealRepository, AppealEvidenceRepository],
})
export class AppealsModule {}
