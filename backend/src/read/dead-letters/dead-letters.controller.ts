import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  deadLetterExportQuerySchema,
  deadLetterIdSchema,
  type DeadLetterExportQuery,
  deadLetterListQuerySchema,
  emptyQuerySchema,
  type DeadLetterJson,
  type DeadLetterListQuery,
  type DeadLetterPage,
  type DeadLetterSummary,
} from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../exports/export-response';
import { mapPages, type ExportColumn, type ExportFormat } from '../exports/export-table';
import { DeadLetterQueryService } from './dead-letter-query.service';

const DEAD_LETTER_COLUMNS: readonly ExportColumn[] = [
  { zh: '编号', en: 'ID', width: 10 },
  { zh: '时间', en: 'At', width: 26 },
  { zh: '原因', en: 'Reason', width: 18 },
  { zh: '详情', en: 'Detail', width: 48 },
  { zh: '主题', en: 'Topic', width: 24 },
  { zh: '分区', en: 'Partition', width: 8 },
  { zh: '偏移量', en: 'Offset', width: 10 },
  { zh: '键', en: 'Key', width: 22 },
  { zh: '原始内容', en: 'Value', width: 60 },
  { zh: '内容已截断', en: 'Value truncated', width: 10 },
  { zh: '编码', en: 'Encoding', width: 8 },
  { zh: '重新投递次数', en: 'Re-drives', width: 10 },
  { zh: '最近重新投递结果', en: 'Last re-drive outcome', width: 16 },
];

/** Rejected inputs (Kafka and HTTP ingest) for operators, newest first (re-drive: workflows/dead-letter-redrive). Schemas: http-dead-letters.schema.ts. */
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterQueryService) {}

  @Get()
  list(@Query(new ZodValidationPipe(deadLetterListQuerySchema)) q: DeadLetterListQuery, @CurrentUser() user: AuthUser): Promise<DeadLetterPage> {
    return this.deadLetters.list(q.reason, q.cursor, q.limit, scopeOf(user));
  }

  @Get('summary')
  summary(@Query(new ZodValidationPipe(emptyQuerySchema)) _q: Record<string, never>, @CurrentUser() user: AuthUser): Promise<DeadLetterSummary> {
    return this.deadLetters.summary(scopeOf(user));
  }

  @Get(':id')
  one(@Param('id', new ZodValidationPipe(deadLetterIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<DeadLetterJson> {
    return this.deadLetters.one(id, scopeOf(user));
  }
}

/** GET /api/dead-letters.csv|.xlsx (beside /api/dead-letters, hence its own controller). */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLetterExportsController {
  constructor(private readonly deadLetters: DeadLetterQueryService) {}

  /** GET /api/dead-letters.csv|.xlsx: every dead letter (of a reason), newest first. */
  private async export(format: ExportFormat, q: DeadLetterExportQuery, res: Response, scope: RegionScope): Promise<void> {
    const stamp = new Date().toISOString().slice(0, 10);
    await sendExport(res, format, q.lang, {
      fileName: `死信-${stamp}`,
      asciiName: `dead-letters-${stamp}`,
      sheetName: q.lang === 'zh' ? '死信' : 'Dead letters',
      columns: DEAD_LETTER_COLUMNS,
      pages: mapPages(this.deadLetters.pages(q.reason, 1_000, scope), (d) => [
        d.id, d.at, d.reason, d.detail, d.topic, d.partition, d.offset, d.key, d.value, d.valueTruncated, d.encoding, d.redrives, d.lastRedrive?.outcome ?? null,
      ]),
    });
  }

  @Get('dead-letters.csv')
  csv(@Query(new ZodValidationPipe(deadLetterExportQuerySchema)) q: DeadLetterExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('csv', q, res, scopeOf(user));
  }

  @Get('dead-letters.xlsx')
  xlsx(@Query(new ZodValidationPipe(deadLetterExportQuerySchema)) q: DeadLetterExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.export('xlsx', q, res, scopeOf(user));
  }
}
