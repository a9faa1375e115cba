import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { PasswordChangeGuard } from '../../accounts/password-change.guard';
import { PortalService } from './portal.service';

const rangeQuery = z.strictObject({ from: z.string().optional(), to: z.string().optional() });
const limitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The enterprise portal: the caller's own enterprise only (no USCC in any path). */
@ApiTags('portal')
@ApiBearerAuth()
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
  ratings(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(rangeQuery)) q: z.infer<typeof rangeQuery>) {
    return this.portal.ratingsRange(user, q.from, q.to);
  }

  @Get('ratings/:day')
  rating(@CurrentUser() user: AuthUser, @Param('day') day: string) {
    return this.portal.ratingDetail(user, day);
  }

  @Get('events')
  events(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(limitQuery)) q: z.infer<typeof limitQuery>) {
    return this.portal.events(user, q.limit);
  }

  @Get('revisions')
  revisions(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(limitQuery)) q: z.infer<typeof limitQuery>) {
    return this.portal.revisions(user, q.limit);
  }
}
