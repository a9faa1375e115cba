import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { earlyWarningsExportQuerySchema, type EarlyWarningsExportQuery, type EarlyWarningsResponse, OverviewStats, RecentChangesResponse, TrendStats } from '@envface/streams';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { earlyWarningsQuery, overviewQuery, recentChangesQuery, trendQuery } from './stats.query';
import { sendExport } from '../exports/export-response';
import { onePage, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { StatsService } from './stats.service';

/**
 * Early warnings are the enterprises near a threshold today: a small part of all, ranked by severity
 * in one query, so the export asks for at most this many (the JSON route's limit is 500).
 */
export const EARLY_WARNING_EXPORT_MAX = 100_000;

const EARLY_WARNING_COLUMNS: readonly ExportColumn[] = [
  { zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { zh: '企业名称', en: 'Name', width: 36 },
  { zh: '行政区划代码', en: 'Region code', width: 12 },
  { zh: '行业代码', en: 'Industry code', width: 12 },
  { zh: '信用分', en: 'Score', width: 8 },
  { zh: '星级', en: 'Stars', width: 6 },
  { zh: '脸谱', en: 'Face', width: 8 },
  { zh: '一票否决', en: 'Veto', width: 8 },
  { zh: '预警', en: 'Warnings', width: 40 },
];

/** Numbers for the inspectors' dashboard. Requests and answers: streams/src/contract/http-stats.schema.ts. */
@Controller('api/stats')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  overview(@Query(new ZodValidationPipe(overviewQuery)) _q: z.infer<typeof overviewQuery>, @CurrentUser() user: AuthUser): Promise<OverviewStats> {
    return this.stats.overview(scopeOf(user));
  }

  @Get('trend')
  trend(@Query(new ZodValidationPipe(trendQuery)) q: z.infer<typeof trendQuery>, @CurrentUser() user: AuthUser): Promise<TrendStats> {
    return this.stats.trend(q.from, q.to, scopeOf(user));
  }

  @Get('recent-changes')
  recentChanges(@Query(new ZodValidationPipe(recentChangesQuery)) q: z.infer<typeof recentChangesQuery>, @CurrentUser() user: AuthUser): Promise<RecentChangesResponse> {
    return this.stats.recentChanges(q.limit, scopeOf(user));
  }

  private async earlyWarningsExport(format: ExportFormat, q: EarlyWarningsExportQuery, res: Response, scope: RegionScope): Promise<void> {
    const warnings = await this.stats.earlyWarnings(EARLY_WARNING_EXPORT_MAX, scope);
    await sendExport(res, format, q.lang, {
      fileName: `预警企业-${warnings.day}`,
      asciiName: `early-warnings-${warnings.day}`,
      sheetName: q.lang === 'zh' ? '预警企业' : 'Early warnings',
      columns: EARLY_WARNING_COLUMNS,
      pages: onePage(
        warnings.items.map((w) => [
          w.uscc, w.name, w.regionCode, w.industryCode, w.score, w.stars, w.face, w.veto,
          w.warnings.map((x) => (x.threshold === undefined ? x.kind : `${x.kind}(${x.threshold})`)).join('; '),
        ]),
      ),
    });
  }

  @Get('early-warnings.csv')
  earlyWarningsCsv(@Query(new ZodValidationPipe(earlyWarningsExportQuerySchema)) q: EarlyWarningsExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.earlyWarningsExport('csv', q, res, scopeOf(user));
  }

  @Get('early-warnings.xlsx')
  earlyWarningsXlsx(@Query(new ZodValidationPipe(earlyWarningsExportQuerySchema)) q: EarlyWarningsExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.earlyWarningsExport('xlsx', q, res, scopeOf(user));
  }

  @Get('early-warnings')
  earlyWarnings(@Query(new ZodValidationPipe(earlyWarningsQuery)) q: z.infer<typeof earlyWarningsQuery>, @CurrentUser() user: AuthUser): Promise<EarlyWarningsResponse> {
    return this.stats.earlyWarnings(q.limit, scopeOf(user));
  }
}
