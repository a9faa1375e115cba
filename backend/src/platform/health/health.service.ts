import { Inject, Injectable } from '@nestjs/common';
import type { HealthReport } from '@envface/streams';
import { Database } from '../db/database.service';
import { KAFKA_STATUS, type KafkaStatus } from './kafka-status';

export type { HealthReport };

/**
 * A database that does not answer SELECT 1 within this time counts as down. Without a bound, a
 * silent network (packets dropped, not refused) held the health answer for the pool's whole connect
 * timeout (5 s), longer than probes of load balancers and orchestrators usually wait.
 */
export const DB_PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    @Inject(KAFKA_STATUS) private readonly kafka: KafkaStatus,
  ) {}

  async check(): Promise<HealthReport> {
    const db = (await this.pingWithin(DB_PING_TIMEOUT_MS)) ? 'up' : 'down';
    const kafka = this.kafka.state();
    const consumer = this.kafka.consumer();
    return { status: db === 'up' && kafka !== 'down' && consumer !== 'stalled' ? 'ok' : 'error', db, kafka, consumer };
  }

  private async pingWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      // A ping still running after the timeout finishes (or fails) on its own; its result is ignored.
      return await Promise.race([this.db.ping(), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
