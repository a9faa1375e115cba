import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { HealthModule } from '../../platform/health/health.module';
import { ScoringModule } from '../score/scoring.module';
import { IngestController } from './ingest.controller';
import { KafkaIngestService } from './kafka-ingest.service';
import { SimulatorFeed } from './simulator-feed.service';
import { SimulatorStateRepository } from './simulator-state.repository';

/**
 * The edges where input enters the pipeline: the Kafka consumer group (idle without KAFKA_BROKERS),
 * POST /api/ingest/{kind} and, without Kafka, the built-in simulator feeding the scorer in process.
 */
@Module({
  imports: [AuthModule, HealthModule, ScoringModule],
  controllers: [IngestController],
  providers: [KafkaIngestService, SimulatorFeed, SimulatorStateRepository],
})
export class IngestModule {}
