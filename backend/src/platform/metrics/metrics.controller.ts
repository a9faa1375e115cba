import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { ApiError } from '../web/api-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { METRICS_REGISTRY } from './metrics-registry';

/** The TCP peer is on this machine (X-Forwarded-For is never consulted: a proxy on loopback would pass everyone). */
export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || /^127\./.test(address ?? '') || /^::ffff:127\./.test(address ?? '');
}

/**
 * Prometheus text. With ENVFACE_METRICS_TOKEN: only `Authorization: Bearer <that token>` (401
 * otherwise). Without it: loopback clients only (403 for others) — metrics name tables, queues and
 * traffic, which outsiders need not know.
 */
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken === null ? null : Buffer.from(config.metricsToken);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.authorise(req);
    res.type(this.registry.contentType).send(await this.registry.metrics());
  }

  private authorise(req: Request): void {
    if (this.token === null) {
      if (!isLoopback(req.socket.remoteAddress)) throw new ApiError(403, 'forbidden', 'Metrics are served to local clients only (or set ENVFACE_METRICS_TOKEN)');
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new ApiError(401, 'unauthorized', 'Metrics need Authorization: Bearer <ENVFACE_METRICS_TOKEN>');
    }
  }
}
