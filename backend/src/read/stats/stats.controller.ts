import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import type { EarlyWarningsResponse, OverviewStats, RecentChangesResponse, TrendStats } from '@envface/streams';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { earlyWarningsQuery, overviewQuery, recentChangesQuery, trendQuery } from './stats.query';
import { StatsService } from './stats.service';

/** Numbers for the inspectors' dashboard. Requests and answers: streams/src/contract/http-stats.schema.ts. */
@Controller('api/stats')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  overview(@Query(new ZodValidationPipe(overviewQuery)) _q: z.infer<typeof overviewQuery>): Promise<OverviewStats> {
    return this.stats.overview();
  }

  @Get('trend')
  trend(@Query(new ZodValidationPipe(trendQuery)) q: z.infer<typeof trendQuery>): Promise<TrendStats> {
    return this.stats.trend(q.from, q.to);
  }

  @Get('recent-changes')
  recentChanges(@Query(new ZodValidationPipe(recentChangesQuery)) q: z.infer<typeof recentChangesQuery>): Promise<RecentChangesResponse> {
    return this.stats.recentChanges(q.limit);
  }

  @Get('early-warnings')
  earlyWarnings(@Query(new ZodValidationPipe(earlyWarningsQuery)) q: z.infer<typeof earlyWarningsQuery>): Promise<EarlyWarningsResponse> {
    return this.stats.earlyWarnings(q.limit);
  }
}
