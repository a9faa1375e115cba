import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';
import { DeadLetterQueryService } from './dead-letter-query.service';
import { DeadLetterExportsController, DeadLettersController } from './dead-letters.controller';

/** Operator views of the dead letters (their re-drive is workflows/dead-letter-redrive). */
@Module({
  imports: [AuthModule],
  controllers: [DeadLetterExportsController, DeadLettersController],
  providers: [DeadLetterQueryService, DeadLetterQueryRepository],
  exports: [DeadLetterQueryRepository],
})
export class DeadLettersModule {}
