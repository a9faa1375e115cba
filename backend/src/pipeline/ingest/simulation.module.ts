import { Module } from '@nestjs/common';
import { ScoringModule } from '../score/scoring.module';
import { SimulatorFeed } from './simulator-feed.service';
import { SimulatorStateRepository } from './simulator-state.repository';

/** Without Kafka: the built-in simulator feeding the rating pipeline in process. */
@Module({
  imports: [ScoringModule],
  providers: [SimulatorFeed, SimulatorStateRepository],
  exports: [SimulatorFeed],
})
export class SimulationModule {}
