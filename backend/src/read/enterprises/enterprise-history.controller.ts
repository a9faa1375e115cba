import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { enterpriseEventsQuery, MAX_EVENT_PAGE, type EnterpriseEventsQuery } from './enterprise-history.query';
import { EnterpriseHistoryService } from './enterprise-history.service';

@ApiTags('enterprises')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or bad token' })
@ApiForbiddenResponse({ description: 'not an inspector' })
@ApiBadRequestResponse({ description: 'invalid USCC, day or parameter' })
@ApiNotFoundResponse({ description: 'unknown enterprise (or no rating that day)' })
@Controller('api/enterprises/:uscc')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterpriseHistoryController {
  constructor(private readonly history: EnterpriseHistoryService) {}

  @Get('ratings/:day/revisions')
  @ApiOkResponse({ description: 'Every stored revision of that day, oldest first, with criteria, bonus, causing events and when it was recorded' })
  revisions(@Param('uscc') uscc: string, @Param('day') day: string) {
    return this.history.revisions(uscc, day);
  }

  @Get('events')
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_EVENT_PAGE}, default 50` })
  @ApiQuery({ name: 'before', required: false, description: 'ISO instant: only events that occurred before it (nextBefore of the previous page)' })
  @ApiOkResponse({ description: 'Accepted events of the enterprise, newest first: {enterpriseId, items:[{eventId,type,occurredAt,day,data,source}], nextBefore}' })
  events(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(enterpriseEventsQuery)) q: EnterpriseEventsQuery) {
    return this.history.events(uscc, q.limit, q.before);
  }
}
