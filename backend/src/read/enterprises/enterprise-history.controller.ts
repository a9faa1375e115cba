import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { enterpriseEventsQuery, type EnterpriseEventsQuery } from './enterprise-history.query';
import { EnterpriseHistoryService } from './enterprise-history.service';

@Controller('api/enterprises/:uscc')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterpriseHistoryController {
  constructor(private readonly history: EnterpriseHistoryService) {}

  @Get('ratings/:day/revisions')
  revisions(@Param('uscc') uscc: string, @Param('day') day: string) {
    return this.history.revisions(uscc, day);
  }

  @Get('events')
  events(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(enterpriseEventsQuery)) q: EnterpriseEventsQuery) {
    return this.history.events(uscc, q.limit, q.before, { category: q.category, readings: q.readings });
  }
}
