import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Kafka, logLevel, type Admin } from 'kafkajs';

export type KafkaState = 'up' | 'down' | 'disabled';

/** What health asks about Kafka. Issue 4's consumer provides the real implementation. */
export interface KafkaStatus {
  state(): KafkaState;
}

export const KAFKA_STATUS = Symbol('KAFKA_STATUS');

/** No KAFKA_BROKERS: Kafka is not part of this deployment. */
export class DisabledKafkaStatus implements KafkaStatus {
  state(): KafkaState {
    return 'disabled';
  }
}

/**
 * Interim status while no consumer exists yet: periodically asks the cluster for its metadata.
 * Health must not block on Kafka, so state() returns the last probe result.
 */
export class BrokerProbeKafkaStatus implements KafkaStatus, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('KafkaStatus');
  private readonly admin: Admin;
  private current: KafkaState = 'down';
  private timer: NodeJS.Timeout | undefined;
  private connected = false;

  constructor(brokers: readonly string[], private readonly intervalMs = 10_000) {
    this.admin = new Kafka({
      clientId: 'envface-health',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      retry: { retries: 0 },
    }).admin();
  }

  state(): KafkaState {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.admin.disconnect().catch(() => undefined);
  }

  private async probe(): Promise<void> {
    const before = this.current;
    try {
      if (!this.connected) {
        await this.admin.connect();
        this.connected = true;
      }
      await this.admin.describeCluster();
      this.current = 'up';
      if (before !== 'up') this.logger.log('Kafka reachable');
    } catch (error) {
      this.current = 'down';
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
      // Log transitions only (plus the very first failure), not every probe while Kafka stays down.
      if (before === 'up' || !this.reportedDown) {
        this.logger.warn(`Kafka unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.reportedDown = true;
    }
  }

  private reportedDown = false;
}
