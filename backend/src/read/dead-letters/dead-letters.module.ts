import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';
import { DeadLetterQueryService } from './dead-letter-query.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLetterRedriveService } from '../../workflows/dead-letter-redrive/dead-letter-redrive.service';
import { ScoringModule } from '../../pipeline/score/scoring.module';

/** Operator views: dead letters, and their re-drive through the pipeline. */
@Module({
  imports: [AuthModule, ScoringModule],
  controllers: [DeadLettersController],
  providers: [DeadLetterQueryService, DeadLetterQueryRepository, DeadLetterRedriveService],
})
export class OperationsModule {}
