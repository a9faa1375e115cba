import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  noticeIdSchema,
  noticeListQuerySchema,
  portalNoticeListQuerySchema,
  type NoticeJson,
  type NoticeListQuery,
  type NoticePage,
  type PortalNoticeListQuery,
} from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import { CreditNoticeService } from './credit-notice.service';

/** Inspectors: every notice, or those not yet acknowledged by the enterprise. Schemas: http-supervision.schema.ts. */
@Controller('api/notices')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class CreditNoticesController {
  constructor(private readonly notices: CreditNoticeService) {}

  @Get()
  list(@Query(new ZodValidationPipe(noticeListQuerySchema)) q: NoticeListQuery, @CurrentUser() user: AuthUser): Promise<NoticePage> {
    return this.notices.list({ enterpriseId: q.enterpriseId ?? null, unacknowledged: q.unacknowledged === 'true', scope: scopeOf(user) }, q.limit);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(noticeIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<NoticeJson> {
    return this.notices.get(id, user);
  }
}

/** The enterprise's own notices in its portal, and the receipt (回执). */
@Controller('api/portal/notices')
@UseGuards(AuthGuard, PasswordChangeGuard)
@Roles('enterprise')
export class PortalNoticesController {
  constructor(private readonly notices: CreditNoticeService) {}

  @Get()
  list(@Query(new ZodValidationPipe(portalNoticeListQuerySchema)) q: PortalNoticeListQuery, @CurrentUser() user: AuthUser): Promise<NoticePage> {
    return this.notices.list({ enterpriseId: user.enterpriseId, unacknowledged: false }, q.limit);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(noticeIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<NoticeJson> {
    return this.notices.get(id, user);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', new ZodValidationPipe(noticeIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<NoticeJson> {
    return this.notices.acknowledge(id, user);
  }
}
