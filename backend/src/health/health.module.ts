import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { BrokerProbeKafkaStatus, DisabledKafkaStatus, KAFKA_STATUS, type KafkaStatus } from './kafka-status';

@Module({
  controllers: [HealthController],
  providers: [
    HealthService,
    {
      // Issue 4 replaces this factory with the consumer's own status.
      provide: KAFKA_STATUS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): KafkaStatus =>
        config.kafka.brokers === null ? new DisabledKafkaStatus() : new BrokerProbeKafkaStatus(config.kafka.brokers),
    },
  ],
  exports: [KAFKA_STATUS],
})
export class HealthModule {}
