import { Module } from '@nestjs/common';
import { HealthModule } from '../../platform/health/health.module';
import { ScoringModule } from '../score/scoring.module';
import { KafkaIngestService } from './kafka-ingest.service';

/** Kafka in (consumer group) and out (ratings and dead-letter topics via the outbox); idle without KAFKA_BROKERS. */
@Module({
  imports: [ScoringModule, HealthModule],
  providers: [KafkaIngestService],
})
export class KafkaModule {}
