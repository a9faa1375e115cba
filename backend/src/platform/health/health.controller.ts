import { Controller, Get, Res } from '@nestjs/common';
import type { HealthDown } from '@envface/streams';
import type { Response } from 'express';
import { errorBody } from '../web/api-error';
import { HealthService, type HealthReport } from './health.service';

@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when everything is up; 503 naming the failing part (also in the contract error shape). */
  @Get()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReport | HealthDown> {
    const report = await this.health.check();
    res.setHeader('Cache-Control', 'no-store');
    if (report.status === 'ok') return report;
    res.status(503);
    const failing = [report.db === 'down' ? 'database down' : null, report.kafka === 'down' ? 'kafka down' : null, report.consumer === 'stalled' ? 'consumer stalled' : null].filter(Boolean);
    return { ...report, ...errorBody('unavailable', failing.join(', ')) };
  }
}
