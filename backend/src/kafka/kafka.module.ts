import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { KafkaIngestService } from './kafka-ingest.service';

/** Kafka in (consumer group) and out (ratings and dead-letter topics via the outbox); idle without KAFKA_BROKERS. */
@Module({
  imports: [ScoringModule],
  providers: [KafkaIngestService],
})
export class KafkaModule {}
