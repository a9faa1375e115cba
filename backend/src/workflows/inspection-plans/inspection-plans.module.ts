import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { InspectionPlanRepository } from './inspection-plan.repository';
import { InspectionPlanExportsController } from './inspection-plan-exports.controller';
import { InspectionPlanService } from './inspection-plan.service';
import { InspectionPlansController, PublicInspectionPlansController } from './inspection-plans.controller';

/** Weighted random inspection plans (双随机、一公开). */
@Module({
  imports: [AuthModule, ComplaintsModule],
  controllers: [InspectionPlanExportsController, InspectionPlansController, PublicInspectionPlansController],
  providers: [InspectionPlanService, InspectionPlanRepository],
})
export class InspectionPlansModule {}
