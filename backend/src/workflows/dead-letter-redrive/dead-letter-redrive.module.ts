import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ScoringModule } from '../../pipeline/score/scoring.module';
import { DeadLettersModule } from '../../read/dead-letters/dead-letters.module';
import { DeadLetterRedriveController } from './dead-letter-redrive.controller';
import { DeadLetterRedriveService } from './dead-letter-redrive.service';

/** Re-drive of a dead letter through the same validation, storage and scoring, recorded with who asked. */
@Module({
  imports: [AuthModule, ScoringModule, DeadLettersModule],
  controllers: [DeadLetterRedriveController],
  providers: [DeadLetterRedriveService],
})
export class DeadLetterRedriveModule {}
