import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import * as ExcelJS from 'exceljs';
import {
  batchEditIdSchema,
  batchEditRequestSchema,
  handRegistrationListQuerySchema,
  handRegistrationRequestSchema,
  importIdSchema,
  MAX_IMPORT_BYTES,
  templateQuerySchema,
  type BatchEditPreview,
  type BatchEditRequest,
  type BatchEditResult,
  type HandRegistration,
  type HandRegistrationList,
  type HandRegistrationListQuery,
  type HandRegistrationRequest,
  type ImportApplyResult,
  type ImportReport,
} from '@envface/streams';
import type { z } from 'zod';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { CSV_BOM, csvLine } from '../../read/exports/csv-writer';
import { contentDisposition } from '../../read/exports/export-response';
import { XLSX_CONTENT_TYPE } from '../../read/exports/export-table';
import { RegistryEditsService } from './registry-edits.service';
import { RegistryImportService, templateHeader, type UploadedImportFile } from './registry-import.service';

/** Columns people type codes into: kept as text in Excel so 18-digit USCCs and leading zeros survive. */
const TEXT_COLUMNS = [1, 3, 4];
const TEMPLATE_WIDTHS = [22, 30, 14, 12, 36, 10, 10];

/** Registry import, hand registration and batch edits (inspectors and admins). Schemas: http-registry.schema.ts. */
@Controller('api/registry')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class RegistryController {
  constructor(
    private readonly imports: RegistryImportService,
    private readonly edits: RegistryEditsService,
  ) {}

  @Get('import-template.csv')
  templateCsv(@Query(new ZodValidationPipe(templateQuerySchema)) q: z.infer<typeof templateQuerySchema>, @Res() res: Response): void {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', contentDisposition(q.lang === 'zh' ? '企业导入模板.csv' : 'registry-import-template.csv', 'registry-import-template.csv'));
    res.send(CSV_BOM + csvLine(templateHeader(q.lang)));
  }

  @Get('import-template.xlsx')
  async templateXlsx(@Query(new ZodValidationPipe(templateQuerySchema)) q: z.infer<typeof templateQuerySchema>, @Res() res: Response): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(q.lang === 'zh' ? '企业' : 'Enterprises', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = templateHeader(q.lang).map((header, i) => ({ header, width: TEMPLATE_WIDTHS[i], style: TEXT_COLUMNS.includes(i + 1) ? { numFmt: '@' } : {} }));
    sheet.getRow(1).font = { bold: true };
    res.setHeader('content-type', XLSX_CONTENT_TYPE);
    res.setHeader('content-disposition', contentDisposition(q.lang === 'zh' ? '企业导入模板.xlsx' : 'registry-import-template.xlsx', 'registry-import-template.xlsx'));
    res.send(Buffer.from(await workbook.xlsx.writeBuffer()));
  }

  @Post('imports')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 }, defParamCharset: 'utf8' }))
  upload(@UploadedFile() file: UploadedImportFile | undefined, @CurrentUser() user: AuthUser): Promise<ImportReport> {
    return this.imports.dryRun(file, user);
  }

  @Get('imports/:id')
  getImport(@Param('id', new ZodValidationPipe(importIdSchema)) id: string): Promise<ImportReport> {
    return this.imports.get(id);
  }

  @Post('imports/:id/apply')
  @HttpCode(200)
  apply(@Param('id', new ZodValidationPipe(importIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<ImportApplyResult> {
    return this.imports.apply(id, user);
  }

  @Post('hand-registrations')
  @HttpCode(201)
  register(@Body(new ZodValidationPipe(handRegistrationRequestSchema)) body: HandRegistrationRequest, @CurrentUser() user: AuthUser): Promise<HandRegistration> {
    return this.edits.register(body, user);
  }

  @Get('hand-registrations')
  handRegistrations(@Query(new ZodValidationPipe(handRegistrationListQuerySchema)) q: HandRegistrationListQuery): Promise<HandRegistrationList> {
    return this.edits.list(q);
  }

  @Post('hand-registrations/:uscc/verify')
  @HttpCode(200)
  verify(@Param('uscc') uscc: string, @CurrentUser() user: AuthUser): Promise<HandRegistration> {
    return this.edits.verify(uscc, user);
  }

  @Post('batch-edits/preview')
  @HttpCode(200)
  preview(@Body(new ZodValidationPipe(batchEditRequestSchema)) body: BatchEditRequest, @CurrentUser() user: AuthUser): Promise<BatchEditPreview> {
    return this.edits.preview(body, user);
  }

  @Post('batch-edits')
  @HttpCode(201)
  batchEdit(@Body(new ZodValidationPipe(batchEditRequestSchema)) body: BatchEditRequest, @CurrentUser() user: AuthUser): Promise<BatchEditResult> {
    return this.edits.batchEdit(body, user);
  }

  @Get('batch-edits/:id')
  getBatchEdit(@Param('id', new ZodValidationPipe(batchEditIdSchema)) id: string): Promise<BatchEditResult> {
    return this.edits.getBatchEdit(id);
  }
}
