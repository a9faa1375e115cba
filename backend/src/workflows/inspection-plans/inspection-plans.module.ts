import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { InspectionPlanRepository } from './inspection-plan.repository';
import { InspectionPlanService } from './inspection-plan.service';
import { InspectionPlansController, PublicInspectionPlansController } from './inspection-plans.controller';

/** Weighted random inspection plans (双随机、一公开). */
@Module({
  imports: [AuthModule, ComplaintsModule],
  controllers: [InspectionPlansController, PublicInspectionPlansController],
  providers: [InspectionPlanService, InspectionPlanRepository],
})
export class InspectionPlansModule {}
