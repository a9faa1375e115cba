import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { errorBody } from '../web/api-error';
import { HealthService, type HealthReport } from './health.service';

@ApiTags('operations')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when everything is up; 503 naming the failing part (also in the contract error shape). */
  @Get()
  @ApiOkResponse({ description: '{"status":"ok","db":"up","kafka":"up"|"disabled","consumer":"ok"|"disabled"}' })
  @ApiServiceUnavailableResponse({ description: 'database or Kafka down, or the consumer stalled' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReport | (HealthReport & ReturnType<typeof errorBody>)> {
    const report = await this.health.check();
    res.setHeader('Cache-Control', 'no-store');
    if (report.status === 'ok') return report;
    res.status(503);
    const failing = [report.db === 'down' ? 'database down' : null, report.kafka === 'down' ? 'kafka down' : null, report.consumer === 'stalled' ? 'consumer stalled' : null].filter(Boolean);
    return { ...report, ...errorBody('unavailable', failing.join(', ')) };
  }
}
