import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  deadLetterIdSchema,
  deadLetterListQuerySchema,
  emptyQuerySchema,
  type DeadLetterJson,
  type DeadLetterListQuery,
  type DeadLetterPage,
  type DeadLetterSummary,
} from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { DeadLetterQueryService } from './dead-letter-query.service';

/** Rejected inputs (Kafka and HTTP ingest) for operators, newest first (re-drive: workflows/dead-letter-redrive). Schemas: http-dead-letters.schema.ts. */
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterQueryService) {}

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
}
