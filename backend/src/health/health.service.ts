import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../db/database.service';
import { KAFKA_STATUS, type KafkaState, type KafkaStatus } from './kafka-status';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  kafka: KafkaState;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    @Inject(KAFKA_STATUS) private readonly kafka: KafkaStatus,
  ) {}

  async check(): Promise<HealthReport> {
    const db = (await this.db.ping()) ? 'up' : 'down';
    const kafka = this.kafka.state();
    return { status: db === 'up' && kafka !== 'down' ? 'ok' : 'error', db, kafka };
  }
}
