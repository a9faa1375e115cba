import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';
import { DeadLetterQueryService } from './dead-letter-query.service';
import { DeadLettersController } from './dead-letters.controller';

/** Operator views: dead letters. */
@Module({
  imports: [AuthModule],
  controllers: [DeadLettersController],
  providers: [DeadLetterQueryService, DeadLetterQueryRepository],
})
export class OperationsModule {}
