import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnauthorizedResponse, ApiBadRequestResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { earlyWarningsQuery, overviewQuery, recentChangesQuery, trendQuery } from './stats.query';
import { StatsService } from './stats.service';

const starCounts = { type: 'object', description: 'enterprises per star level', properties: Object.fromEntries(['1', '2', '3', '4', '5'].map((s) => [s, { type: 'integer' }])) };
const breakdown = { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' }, counts: starCounts } } };

/** Numbers for the inspectors' dashboard. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or bad token' })
@ApiForbiddenResponse({ description: 'not an inspector' })
@ApiBadRequestResponse({ description: 'unknown or invalid parameter' })
@Controller('api/stats')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  @ApiOkResponse({
    description: "Current ratings of all enterprises; today's star changes; events accepted per minute over the last 10 minutes",
    schema: {
      type: 'object',
      properties: {
        asOf: { type: 'string', format: 'date-time' },
        day: { type: 'string', format: 'date' },
        total: { type: 'integer' },
        rated: { type: 'integer' },
        byStars: starCounts,
        byFace: { type: 'object', properties: { smile: { type: 'integer' }, neutral: { type: 'integer' }, cry: { type: 'integer' } } },
        vetoesInForce: { type: 'integer' },
        upgradesToday: { type: 'integer' },
        downgradesToday: { type: 'integer' },
        eventsPerMinute: { type: 'number' },
        byRegion: breakdown,
        byIndustry: breakdown,
      },
    },
  })
  overview(@Query(new ZodValidationPipe(overviewQuery)) _q: z.infer<typeof overviewQuery>) {
    return this.stats.overview();
  }

  @Get('trend')
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (default: 29 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (default and at most: today); at most 400 days' })
  @ApiOkResponse({
    description: 'Enterprises per star level per day (latest revision of each enterprise-day)',
    schema: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, days: { type: 'array', items: { type: 'object', properties: { day: { type: 'string' }, counts: starCounts } } } } },
  })
  trend(@Query(new ZodValidationPipe(trendQuery)) q: z.infer<typeof trendQuery>) {
    return this.stats.trend(q.from, q.to);
  }

  @Get('recent-changes')
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiOkResponse({ description: 'The latest rating revisions, newest first, with the revision each replaced (previous: null for a day\'s first rating) and the causing event ids' })
  recentChanges(@Query(new ZodValidationPipe(recentChangesQuery)) q: z.infer<typeof recentChangesQuery>) {
    return this.stats.recentChanges(q.limit);
  }

  @Get('early-warnings')
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiOkResponse({ description: 'Enterprises with an early warning today (near_threshold, star_drop in the last 7 days, overdue_order), most severe first; total counts all of them' })
  earlyWarnings(@Query(new ZodValidationPipe(earlyWarningsQuery)) q: z.infer<typeof earlyWarningsQuery>) {
    return this.stats.earlyWarnings(q.limit);
  }
}
