import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  planDrawsExportQuerySchema,
  planExportQuerySchema,
  planIdSchema,
  type DrawnJson,
  type PlanDrawsExportQuery,
  type PlanExportQuery,
  type PlanListItemJson,
} from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { AuthGuard } from '../../auth/auth.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { sendExport } from '../../read/exports/export-response';
import { cellsOf, onePage, type ExportFormat, type FieldColumn } from '../../read/exports/export-table';
import { InspectionPlanService } from './inspection-plan.service';

export const PLAN_EXPORT_COLUMNS: readonly FieldColumn<PlanListItemJson>[] = [
  { field: 'id', zh: '编号', en: 'ID', width: 8 },
  { field: 'name', zh: '计划名称', en: 'Name', width: 30 },
  { field: 'day', zh: '抽取日期', en: 'Day', width: 12 },
  { field: 'populationSize', zh: '抽取范围企业数', en: 'Population', width: 12 },
  { field: 'drawnCount', zh: '抽中企业数', en: 'Drawn', width: 10 },
  { field: 'recordedCount', zh: '已录入结果数', en: 'Results recorded', width: 12 },
  { field: 'status', zh: '状态', en: 'Status', width: 10 },
  { field: 'createdBy', zh: '创建人', en: 'Created by', width: 12 },
  { field: 'createdAt', zh: '创建时间', en: 'Created', width: 26 },
];

export const DRAW_EXPORT_COLUMNS: readonly FieldColumn<DrawnJson>[] = [
  { field: 'rank', zh: '抽取顺序', en: 'Rank', width: 8 },
  { field: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 22 },
  { field: 'name', zh: '企业名称', en: 'Enterprise', width: 30 },
  { field: 'stars', zh: '当日星级', en: 'Stars', width: 8 },
  { field: 'weight', zh: '权重', en: 'Weight', width: 8 },
  { field: 'key', zh: '抽取键值', en: 'Key', width: 14 },
  { field: 'inspectors', zh: '检查人员', en: 'Inspectors', width: 24 },
  { field: 'result', zh: '检查结果', en: 'Result', width: 16 },
];

/** Plans are few (one per campaign): the whole list the caller sees fits one page. */
const ALL_PLANS = 100_000;

/** GET /api/inspection-plans.csv|.xlsx and /api/inspection-plans/{id}/draws.csv|.xlsx, inside the caller's jurisdiction. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class InspectionPlanExportsController {
  constructor(private readonly plans: InspectionPlanService) {}

  private async exportList(format: ExportFormat, q: PlanExportQuery, res: Response, user: AuthUser): Promise<void> {
    const stamp = new Date().toISOString().slice(0, 10);
    const list = await this.plans.list({ mine: q.mine, limit: ALL_PLANS }, user);
    await sendExport(res, format, q.lang, {
      fileName: `双随机抽查计划-${stamp}`,
      asciiName: `inspection-plans-${stamp}`,
      sheetName: q.lang === 'zh' ? '抽查计划' : 'Inspection plans',
      columns: PLAN_EXPORT_COLUMNS,
      pages: onePage(list.plans.map((p) => cellsOf(PLAN_EXPORT_COLUMNS, p))),
    });
  }

  private async exportDraws(format: ExportFormat, id: string, q: PlanDrawsExportQuery, res: Response, user: AuthUser): Promise<void> {
    // 404 for a plan outside the caller's jurisdiction, as the JSON route.
    const plan = await this.plans.get(id, user);
    await sendExport(res, format, q.lang, {
      fileName: `抽查计划${plan.id}-抽中企业-${plan.day}`,
      asciiName: `inspection-plan-${plan.id}-draws-${plan.day}`,
      sheetName: q.lang === 'zh' ? '抽中企业' : 'Drawn enterprises',
      columns: DRAW_EXPORT_COLUMNS,
      pages: onePage(plan.drawn.map((d) => cellsOf(DRAW_EXPORT_COLUMNS, d))),
    });
  }

  @Get('inspection-plans.csv')
  csv(@Query(new ZodValidationPipe(planExportQuerySchema)) q: PlanExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.exportList('csv', q, res, user);
  }

  @Get('inspection-plans.xlsx')
  xlsx(@Query(new ZodValidationPipe(planExportQuerySchema)) q: PlanExportQuery, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.exportList('xlsx', q, res, user);
  }

  @Get('inspection-plans/:id/draws.csv')
  drawsCsv(
    @Param('id', new ZodValidationPipe(planIdSchema)) id: string,
    @Query(new ZodValidationPipe(planDrawsExportQuerySchema)) q: PlanDrawsExportQuery,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.exportDraws('csv', id, q, res, user);
  }

  @Get('inspection-plans/:id/draws.xlsx')
  drawsXlsx(
    @Param('id', new ZodValidationPipe(planIdSchema)) id: string,
    @Query(new ZodValidationPipe(planDrawsExportQuerySchema)) q: PlanDrawsExportQuery,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.exportDraws('xlsx', id, q, res, user);
  }
}
