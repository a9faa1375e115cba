import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  cancelPlanSchema,
  newPlanSchema,
  planIdSchema,
  planListQuerySchema,
  recordResultSchema,
  type CancelPlanRequest,
  type NewPlanRequest,
  type PlanJson,
  type PlanList,
  type PlanListQuery,
  type PublicPlanJson,
  type RecordResultRequest,
} from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { InspectionPlanService } from './inspection-plan.service';

/** Inspection plans for inspectors: create (draw), read, list, cancel, record results. Schemas: http-supervision.schema.ts. */
@Controller('api/inspection-plans')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class InspectionPlansController {
  constructor(private readonly plans: InspectionPlanService) {}

  @Post()
  create(@Body(new ZodValidationPipe(newPlanSchema)) body: NewPlanRequest, @CurrentUser() user: AuthUser): Promise<PlanJson> {
    return this.plans.create(body, user);
  }

  @Get()
  list(@Query(new ZodValidationPipe(planListQuerySchema)) q: PlanListQuery, @CurrentUser() user: AuthUser): Promise<PlanList> {
    return this.plans.list(q, user);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(planIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<PlanJson> {
    return this.plans.get(id, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', new ZodValidationPipe(planIdSchema)) id: string, @Body(new ZodValidationPipe(cancelPlanSchema)) body: CancelPlanRequest, @CurrentUser() user: AuthUser): Promise<PlanJson> {
    return this.plans.cancel(id, body, user);
  }

  @Post(':id/results')
  @HttpCode(200)
  record(@Param('id', new ZodValidationPipe(planIdSchema)) id: string, @Body(new ZodValidationPipe(recordResultSchema)) body: RecordResultRequest, @CurrentUser() user: AuthUser): Promise<PlanJson> {
    return this.plans.recordResult(id, body, user);
  }
}

/** 一公开: the published plan and its population file, no login and no inspectors' names. */
@Controller('api/public/inspection-plans')
@UseGuards(ThrottlerGuard)
@Throttle({ default: { limit: 120, ttl: 60_000 } })
export class PublicInspectionPlansController {
  constructor(private readonly plans: InspectionPlanService) {}

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(planIdSchema)) id: string): Promise<PublicPlanJson> {
    return this.plans.getPublic(id);
  }

  // The exact text whose SHA-256 is published: no BOM, no header, no rewriting.
  @Get(':id/population.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'inline; filename="population.csv"')
  population(@Param('id', new ZodValidationPipe(planIdSchema)) id: string): Promise<string> {
    return this.plans.populationFile(id);
  }
}
