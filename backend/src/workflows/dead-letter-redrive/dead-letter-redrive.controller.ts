import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { deadLetterIdSchema, type RedriveResult } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { DeadLetterRedriveService } from './dead-letter-redrive.service';

/** Re-drive of a dead letter through the pipeline (inspectors); the letters themselves are read in read/dead-letters. */
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLetterRedriveController {
  constructor(private readonly redrives: DeadLetterRedriveService) {}

  /** Sends the message through the pipeline again; a second rejection is an answer (200), not an error. */
  @Post(':id/redrive')
  @HttpCode(200)
  redrive(@Param('id', new ZodValidationPipe(deadLetterIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<RedriveResult> {
    return this.redrives.redrive(id, user);
  }
}
