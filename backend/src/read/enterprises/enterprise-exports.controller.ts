import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  enterpriseExportQuerySchema,
  isoFromDay,
  dayOfInstant,
  ratingsExportQuerySchema,
  type EnterpriseExportQuery,
  type RatingsExportQuery,
} from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { keysetPages, mapPages, onePage, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { RatingQueryService } from '../ratings/rating-query.service';
import { EnterpriseQueryRepository, type EnterpriseListRow } from './enterprise-query.repository';
import { enterpriseFilterOf, item } from './enterprise-search.service';

/** Rows per keyset page of an export: big enough to be fast, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 5_000;

export const ENTERPRISE_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { zh: '企业名称', en: 'Name', width: 36 },
  { zh: '已登记', en: 'Registered', width: 8 },
  { zh: '行政区划代码', en: 'Region code', width: 12 },
  { zh: '行业代码', en: 'Industry code', width: 12 },
  { zh: '评价日期', en: 'Rated day', width: 12 },
  { zh: '信用分', en: 'Score', width: 8 },
  { zh: '星级', en: 'Stars', width: 6 },
  { zh: '脸谱', en: 'Face', width: 8 },
  { zh: '颜色', en: 'Colour', width: 8 },
  { zh: '等级', en: 'Grade', width: 6 },
  { zh: '一票否决', en: 'Veto', width: 8 },
  { zh: '连续天数', en: 'Streak', width: 8 },
  { zh: '手工登记', en: 'Registered by hand', width: 10 },
];

/** In the JSON item's key order: a parsed-back CSV row equals the explorer's item. */
export const ENTERPRISE_EXPORT_KEYS = ['uscc', 'name', 'registered', 'regionCode', 'industryCode', 'ratedDay', 'score', 'stars', 'face', 'colour', 'grade', 'veto', 'streak', 'handRegistration'] as const;

const RATING_COLUMNS: readonly ExportColumn[] = [
  { zh: '日期', en: 'Day', width: 12 },
  { zh: '信用分', en: 'Score', width: 8 },
  { zh: '星级', en: 'Stars', width: 6 },
  { zh: '修订版本', en: 'Revision', width: 8 },
];

/** GET /api/enterprises.csv|.xlsx (the explorer's filters) and /api/enterprises/{uscc}/ratings.csv|.xlsx. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class EnterpriseExportsController {
  constructor(
    private readonly db: Database,
    private readonly enterprises: EnterpriseQueryRepository,
    private readonly ratings: RatingQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return isoFromDay(dayOfInstant(this.clock.now(), this.config.timeZone));
  }

  private async explorer(format: ExportFormat, q: EnterpriseExportQuery, res: Response, scope: RegionScope): Promise<void> {
    const filter = enterpriseFilterOf(q, scope);
    const pages = keysetPages<EnterpriseListRow, { key: number | string; uscc: string }>(
      EXPORT_PAGE_SIZE,
      (after, size) => this.enterprises.page(this.db, filter, q.sort, q.order, after, size),
      (r) => ({ key: r.sort_key, uscc: r.uscc }),
    );
    const today = this.today();
    await sendExport(res, format, q.lang, {
      fileName: `企业列表-${today}`,
      asciiName: `enterprises-${today}`,
      sheetName: q.lang === 'zh' ? '企业列表' : 'Enterprises',
      columns: ENTERPRISE_EXPORT_COLUMNS,
      pages: mapPages(pages, (r) => {
        const i = item(r);
        return ENTERPRISE_EXPORT_KEYS.map((k) => i[k]);
      }),
    });
  }

  private async history(format: ExportFormat, uscc: string, q: RatingsExportQuery, res: Response): Promise<void> {
    const range = await this.ratings.range(uscc, q.from, q.to);
    const first = range.ratings[0]?.day ?? this.today();
    const last = range.ratings[range.ratings.length - 1]?.day ?? first;
    await sendExport(res, format, q.lang, {
      fileName: `评价记录-${uscc}-${first}至${last}`,
      asciiName: `ratings-${uscc}-${first}-${last}`,
      sheetName: q.lang === 'zh' ? '评价记录' : 'Ratings',
      columns: RATING_COLUMNS,
      pages: onePage(range.ratings.map((r) => [r.day, r.score, r.stars, r.revision])),
    });
  }

  @Get('enterprises.csv')
  csv(@Query(new ZodValidationPipe(enterpriseExportQuerySchema)) q: EnterpriseExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.explorer('csv', q, res, scopeOf(user));
  }

  @Get('enterprises.xlsx')
  xlsx(@Query(new ZodValidationPipe(enterpriseExportQuerySchema)) q: EnterpriseExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.explorer('xlsx', q, res, scopeOf(user));
  }

  @Get('enterprises/:uscc/ratings.csv')
  ratingsCsv(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(ratingsExportQuerySchema)) q: RatingsExportQuery, @Res() res: Response): Promise<void> {
    return this.history('csv', uscc, q, res);
  }

  @Get('enterprises/:uscc/ratings.xlsx')
  ratingsXlsx(@Param('uscc') uscc: string, @Query(new ZodValidationPipe(ratingsExportQuerySchema)) q: RatingsExportQuery, @Res() res: Response): Promise<void> {
    return this.history('xlsx', uscc, q, res);
  }
}
