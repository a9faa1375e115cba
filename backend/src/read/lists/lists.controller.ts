import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { listExportQuerySchema, listNameSchema, listQuerySchema, type ListExportQuery, publicListNameSchema, type CreditList, type ListJson, type ListQuery } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { onePage, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { ListQueryService } from './list-query.service';

const LIST_NAMES: Record<CreditList, string> = { red: '红名单', black: '黑名单', incentive: '激励名单', exempt: '免检名单', priority: '重点监管名单', warning: '预警名单' };

const LIST_COLUMNS: readonly ExportColumn[] = [
  { zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { zh: '企业名称', en: 'Name', width: 36 },
  { zh: '行政区划代码', en: 'Region code', width: 12 },
  { zh: '列入日期', en: 'Since', width: 12 },
];

/** Credit lists for inspectors (schemas: http-supervision.schema.ts). The .csv route is declared first: `/api/lists/red.csv` also fits `:list`. */
@Controller('api/lists')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class ListsController {
  constructor(private readonly lists: ListQueryService) {}

  /** A list is at most every enterprise once: one query, then streamed through the shared writer. */
  private async export(format: ExportFormat, list: CreditList, q: ListExportQuery, res: Response, scope: RegionScope): Promise<void> {
    const json = await this.lists.list(list, q.day, scope);
    await sendExport(res, format, q.lang, {
      fileName: `${LIST_NAMES[list]}-${json.day}`,
      asciiName: `${list}-list-${json.day}`,
      sheetName: q.lang === 'zh' ? LIST_NAMES[list] : `${list} list`,
      columns: LIST_COLUMNS,
      // The CSV header is fixed by the contract (api.md).
      csvHeader: ['uscc', 'name', 'regionCode', 'since'],
      pages: onePage(json.enterprises.map((e) => [e.uscc, e.name, e.regionCode, e.since])),
    });
  }

  @Get(':list.csv')
  csv(@Param('list', new ZodValidationPipe(listNameSchema)) list: CreditList, @Query(new ZodValidationPipe(listExportQuerySchema)) q: ListExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('csv', list, q, res, scopeOf(user));
  }

  @Get(':list.xlsx')
  xlsx(@Param('list', new ZodValidationPipe(listNameSchema)) list: CreditList, @Query(new ZodValidationPipe(listExportQuerySchema)) q: ListExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('xlsx', list, q, res, scopeOf(user));
  }

  @Get(':list')
  get(@Param('list', new ZodValidationPipe(listNameSchema)) list: CreditList, @Query(new ZodValidationPipe(listQuerySchema)) q: ListQuery, @CurrentUser() user: AuthUser): Promise<ListJson> {
    return this.lists.list(list, q.day, scopeOf(user));
  }
}

/** 公示: today's red and black lists, no login. */
@Controller('api/public/lists')
@UseGuards(ThrottlerGuard)
@Throttle({ default: { limit: 60, ttl: 60_000 } })
export class PublicListsController {
  constructor(private readonly lists: ListQueryService) {}

  @Get(':list')
  get(@Param('list', new ZodValidationPipe(publicListNameSchema)) list: 'red' | 'black'): Promise<ListJson> {
    return this.lists.list(list);
  }
}
