import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  deadLetterIdSchema,
  deadLetterListQuerySchema,
  emptyQuerySchema,
  type DeadLetterJson,
  type DeadLetterListQuery,
  type DeadLetterPage,
  type DeadLetterSummary,
  type RedriveResult,
} from '@envface/streams';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DeadLetterQueryService } from './dead-letter-query.service';
import { DeadLetterRedriveService } from './dead-letter-redrive.service';

/** Rejected inputs (Kafka and HTTP ingest) for operators, newest first, and their re-drive. Schemas: http-dead-letters.schema.ts. */
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterQueryService,
    private readonly redrives: DeadLetterRedriveService,
  ) {}

  @Get()
  list(@Query(new ZodValidationPipe(deadLetterListQuerySchema)) q: DeadLetterListQuery): Promise<DeadLetterPage> {
    return this.deadLetters.list(q.reason, q.cursor, q.limit);
  }

  @Get('summary')
  summary(@Query(new ZodValidationPipe(emptyQuerySchema)) _q: Record<string, never>): Promise<DeadLetterSummary> {
    return this.deadLetters.summary();
  }

  @Get(':id')
  one(@Param('id', new ZodValidationPipe(deadLetterIdSchema)) id: string): Promise<DeadLetterJson> {
    return this.deadLetters.one(id);
  }

  /** Sends the message through the pipeline again; a second rejection is an answer (200), not an error. */
  @Post(':id/redrive')
  @HttpCode(200)
  redrive(@Param('id', new ZodValidationPipe(deadLetterIdSchema)) id: string, @CurrentUser() user: AuthUser): Promise<RedriveResult> {
    return this.redrives.redrive(id, user);
  }
}
