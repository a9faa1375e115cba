import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { INPUT_TOPIC_KINDS, topicName } from '@envface/streams';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { BrokerProbeKafkaStatus, DisabledKafkaStatus, KAFKA_STATUS, type KafkaStatus } from './kafka-status';

@Module({
  controllers: [HealthController],
  providers: [
    HealthService,
    {
      provide: KAFKA_STATUS,
      inject: [APP_CONFIG, METRICS_REGISTRY],
      useFactory: (config: AppConfig, registry: Registry): KafkaStatus =>
        config.kafka.brokers === null
          ? new DisabledKafkaStatus()
          : new BrokerProbeKafkaStatus(config.kafka.brokers, {
              groupId: config.kafka.groupId,
              topics: INPUT_TOPIC_KINDS.map((k) => topicName(config.kafka.topicPrefix, k)),
              stallMs: config.kafka.stallMs,
              registry,
            }),
    },
  ],
  exports: [KAFKA_STATUS],
})
export class HealthModule {}
