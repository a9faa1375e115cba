import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import {
  acceptAppealSchema,
  appealIdSchema,
  appealListQuerySchema,
  newAppealSchema,
  rejectAppealSchema,
  type AcceptAppealRequest,
  type AppealListQuery,
  type NewAppealRequest,
  type RejectAppealRequest,
} from './appeal-requests';
import { AppealService } from './appeal.service';

/** Appeals: enterprises file and follow their own; inspectors decide. */
@Controller('api/appeals')
@UseGuards(AuthGuard, PasswordChangeGuard)
export class AppealsController {
  constructor(private readonly appeals: AppealService) {}

  @Post()
  @Roles('enterprise')
  submit(@Body(new ZodValidationPipe(newAppealSchema)) body: NewAppealRequest, @CurrentUser() user: AuthUser) {
    return this.appeals.submit(user, body);
  }

  @Get()
  @Roles('admin', 'inspector', 'enterprise')
  list(@Query(new ZodValidationPipe(appealListQuerySchema)) q: AppealListQuery, @CurrentUser() user: AuthUser) {
    return this.appeals.list(user, q);
  }

  @Get(':id')
  @Roles('admin', 'inspector', 'enterprise')
  get(@Param('id', new ZodValidationPipe(appealIdSchema)) id: string, @CurrentUser() user: AuthUser) {
    return this.appeals.get(user, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('admin', 'inspector')
  accept(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @Body(new ZodValidationPipe(acceptAppealSchema)) body: AcceptAppealRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.appeals.accept(user, id, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'inspector')
  reject(
    @Param('id', new ZodValidationPipe(appealIdSchema)) id: string,
    @Body(new ZodValidationPipe(rejectAppealSchema)) body: RejectAppealRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.appeals.reject(user, id, body.reason);
  }
}
