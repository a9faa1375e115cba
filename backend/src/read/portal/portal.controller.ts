import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { portalLimitQuerySchema, ratingsRangeQuerySchema, type PortalLimitQuery, type RatingsRangeQuery } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import { PortalService } from './portal.service';

/** The enterprise portal: the caller's own enterprise only (no USCC in any path). */
@Controller('api/portal')
@UseGuards(AuthGuard, PasswordChangeGuard)
@Roles('enterprise')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Get('enterprise')
  overview(@CurrentUser() user: AuthUser) {
    return this.portal.overview(user);
  }

  @Get('ratings')
  ratings(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(ratingsRangeQuerySchema)) q: RatingsRangeQuery) {
    return this.portal.ratingsRange(user, q.from, q.to);
  }

  @Get('ratings/:day')
  rating(@CurrentUser() user: AuthUser, @Param('day') day: string) {
    return this.portal.ratingDetail(user, day);
  }

  @Get('events')
  events(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(portalLimitQuerySchema)) q: PortalLimitQuery) {
    return this.portal.events(user, q.limit);
  }

  @Get('revisions')
  revisions(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(portalLimitQuerySchema)) q: PortalLimitQuery) {
    return this.portal.revisions(user, q.limit);
  }
}
