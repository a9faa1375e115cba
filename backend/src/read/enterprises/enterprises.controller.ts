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
import { enterpriseListQuery, MAX_PAGE_SIZE, SORT_KEYS, type EnterpriseListQuery } from './enterprise-list.query';
import { EnterpriseSearchService } from './enterprise-search.service';

const listItem = {
  type: 'object',
  properties: {
    uscc: { type: 'string' },
    name: { type: 'string', nullable: true },
    registered: { type: 'boolean' },
    regionCode: { type: 'string', nullable: true },
    industryCode: { type: 'string', nullable: true },
    ratedDay: { type: 'string', format: 'date', nullable: true },
    score: { type: 'number', nullable: true },
    stars: { type: 'integer', nullable: true },
    face: { type: 'string', enum: ['smile', 'neutral', 'cry'], nullable: true },
    colour: { type: 'string', nullable: true },
    grade: { type: 'string', nullable: true },
    veto: { type: 'boolean', nullable: true },
    streak: { type: 'integer', nullable: true },
  },
};

@ApiTags('enterprises')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or bad token' })
@ApiForbiddenResponse({ description: 'not an inspector' })
@Controller('api/enterprises')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterprisesController {
  constructor(private readonly search: EnterpriseSearchService) {}

  @Get()
  @ApiQuery({ name: 'q', required: false, description: 'part of the name (case-insensitive) or a USCC prefix' })
  @ApiQuery({ name: 'region', required: false, description: '6-digit region codes, comma-separated' })
  @ApiQuery({ name: 'industry', required: false, description: 'industry codes, comma-separated' })
  @ApiQuery({ name: 'stars', required: false, description: 'star levels, e.g. 1,2' })
  @ApiQuery({ name: 'face', required: false, description: 'smile, neutral, cry (comma-separated)' })
  @ApiQuery({ name: 'sort', required: false, enum: SORT_KEYS, description: 'default uscc; ties are broken by uscc' })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_PAGE_SIZE}, default 50` })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page (same sort and order)' })
  @ApiOkResponse({
    description: 'One page. Unrated enterprises sort below every score/stars/streak, unnamed ones below every name. total is exact when totalExact, else the planner estimate (unfiltered lists of 100,000+ enterprises).',
    schema: { type: 'object', properties: { items: { type: 'array', items: listItem }, nextCursor: { type: 'string', nullable: true }, total: { type: 'integer' }, totalExact: { type: 'boolean' } } },
  })
  @ApiBadRequestResponse({ description: 'unknown or invalid parameter, or a cursor of another sort/order' })
  list(@Query(new ZodValidationPipe(enterpriseListQuery)) q: EnterpriseListQuery) {
    return this.search.list(q);
  }

  @Get(':uscc')
  @ApiOkResponse({ description: "Master data, current rating, streak, first day, event counts, today's active effects and early warnings" })
  @ApiBadRequestResponse({ description: 'not a valid USCC' })
  @ApiNotFoundResponse({ description: 'unknown enterprise' })
  detail(@Param('uscc') uscc: string) {
    return this.search.detail(uscc);
  }
}
