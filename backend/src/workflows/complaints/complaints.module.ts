import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { PublicModule } from '../../read/public-view/public.module';
import { ScoringModule } from '../../pipeline/score/scoring.module';
import { ComplaintAlertsController } from './complaint-alerts.controller';
import { ComplaintExportsController } from './complaint-exports.controller';
import { ComplaintChallenge } from './complaint-challenge';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintService } from './complaint.service';
import { ComplaintsController } from './complaints.controller';
import { EnforcementEventPublisher } from './enforcement-event.publisher';
import { PublicComplaintsController } from './public-complaints.controller';
import { ComplaintFollowController } from './complaint-follow.controller';
import { ComplaintFollowRepository } from './complaint-follow.repository';
import { ComplaintFollowService } from './complaint-follow.service';

/** Public reports (码上监督) and the inspectors' complaint queue; decision events for appeals too. */
@Module({
  imports: [AuthModule, ScoringModule, PublicModule],
  controllers: [PublicComplaintsController, ComplaintsController, ComplaintAlertsController, ComplaintExportsController, ComplaintFollowController],
  providers: [ComplaintService, ComplaintRepository, EnforcementEventPublisher, ComplaintChallenge, ComplaintFollowService, ComplaintFollowRepository],
  exports: [EnforcementEventPublisher],
})
export class ComplaintsModule {}
