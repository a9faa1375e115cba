import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { isValidUscc } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import { CreditNoticeService } from './credit-notice.service';

const noticeId = z.string().regex(/^[1-9]\d{0,17}$/, 'notice id must be a number');
const staffQuery = z.strictObject({
  unacknowledged: z.enum(['true', 'false']).optional(),
  enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a USCC').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const portalQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Inspectors: every notice, or those not yet acknowledged by the enterprise. */
@Controller('api/notices')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class CreditNoticesController {
  constructor(private readonly notices: CreditNoticeService) {}

  @Get()
  list(@Query(new ZodValidationPipe(staffQuery)) q: z.infer<typeof staffQuery>) {
    return this.notices.list({ enterpriseId: q.enterpriseId ?? null, unacknowledged: q.unacknowledged === 'true' }, q.limit);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(noticeId)) id: string, @CurrentUser() user: AuthUser) {
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
  list(@Query(new ZodValidationPipe(portalQuery)) q: z.infer<typeof portalQuery>, @CurrentUser() user: AuthUser) {
    return this.notices.list({ enterpriseId: user.enterpriseId, unacknowledged: false }, q.limit);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(noticeId)) id: string, @CurrentUser() user: AuthUser) {
    return this.notices.get(id, user);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', new ZodValidationPipe(noticeId)) id: string, @CurrentUser() user: AuthUser) {
    return this.notices.acknowledge(id, user);
  }
}
