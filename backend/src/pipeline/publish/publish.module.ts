import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { createKafka } from '../../platform/kafka/kafka-client.factory';
import { PublicModule } from '../../read/public-view/public.module';
import { OUTBOX_SINKS, type OutboxSink } from '../outbox/outbox-sink';
import { KafkaOutboxSink } from './kafka-outbox.sink';
import { EnterpriseRegionRepository } from './live/enterprise-region.repository';
import { LiveAccessService } from './live/live-access.service';
import { LiveBroadcastService } from './live/live-broadcast.service';
import { LiveGateway } from './live/live.gateway';
import { LiveNamespace } from './live/live-namespace';
import { RegionLookupService } from './live/region-lookup.service';
import { PublicGateway } from './public.gateway';

/**
 * The end of the data path: the sinks committed outbox rows go to — Kafka (ratings and dlq topics,
 * only with KAFKA_BROKERS), socket.io `/live` (rating changes to the rooms each account may see) and
 * `/public` (the phone page). They reach the drainer as the OUTBOX_SINKS multi-provider; global so the
 * outbox step injects them without importing this module.
 */
@Global()
@Module({
  imports: [AuthModule, PublicModule],
  providers: [
    LiveGateway,
    LiveAccessService,
    LiveBroadcastService,
    LiveNamespace,
    RegionLookupService,
    EnterpriseRegionRepository,
    PublicGateway,
    {
      provide: KafkaOutboxSink,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.kafka.brokers === null ? null : new KafkaOutboxSink(createKafka(config.kafka, 'envface-scorer'), config.kafka.topicPrefix),
    },
    {
      provide: OUTBOX_SINKS,
      inject: [LiveGateway, PublicGateway, KafkaOutboxSink],
      useFactory: (...sinks: (OutboxSink | null)[]): OutboxSink[] => sinks.filter((s): s is OutboxSink => s !== null),
    },
  ],
  exports: [OUTBOX_SINKS, PublicGateway],
})
export class PublishModule {}
