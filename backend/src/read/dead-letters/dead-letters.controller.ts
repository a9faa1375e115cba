import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { limitParam } from '../../platform/web/query-params';
import { DeadLetterQueryService, DLQ_REASONS } from './dead-letter-query.service';

const listQuery = z
  .object({
    reason: z.enum(DLQ_REASONS).optional(),
    limit: limitParam(500, 50),
    cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'a nextCursor returned by this API').optional(),
  })
  .strict();
const noQuery = z.object({}).strict();
const idParam = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a dead letter id');

const item = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    reason: { type: 'string', enum: [...DLQ_REASONS] },
    detail: { type: 'string' },
    topic: { type: 'string', nullable: true },
    partition: { type: 'integer', nullable: true },
    offset: { type: 'string', nullable: true },
    key: { type: 'string', nullable: true },
    value: { type: 'string', description: 'the original value (base64 when encoding is base64); cut to 4096 characters in lists' },
    valueTruncated: { type: 'boolean' },
    encoding: { type: 'string', enum: ['utf8', 'base64'] },
    at: { type: 'string', format: 'date-time' },
    redrives: { type: 'integer', description: 'how often it was sent through the pipeline again' },
    lastRedrive: {
      type: 'object',
      nullable: true,
      properties: { at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, outcome: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] }, reason: { type: 'string', nullable: true } },
    },
  },
};

/** Rejected inputs (Kafka and HTTP ingest) for operators, newest first. */
@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or bad token' })
@ApiForbiddenResponse({ description: 'not an inspector' })
@ApiBadRequestResponse({ description: 'unknown or invalid parameter' })
@Controller('api/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterQueryService) {}

  @Get()
  @ApiQuery({ name: 'reason', required: false, enum: DLQ_REASONS })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: item }, nextCursor: { type: 'string', nullable: true } } } })
  list(@Query(new ZodValidationPipe(listQuery)) q: z.infer<typeof listQuery>) {
    return this.deadLetters.list(q.reason, q.cursor, q.limit);
  }

  @Get('summary')
  @ApiOkResponse({
    description: 'Dead letters by reason (every reason listed, 0 when none)',
    schema: { type: 'object', properties: { total: { type: 'integer' }, byReason: { type: 'object', additionalProperties: { type: 'integer' } }, lastAt: { type: 'string', nullable: true } } },
  })
  summary(@Query(new ZodValidationPipe(noQuery)) _q: z.infer<typeof noQuery>) {
    return this.deadLetters.summary();
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One dead letter with its full value', schema: item })
  @ApiNotFoundResponse({ description: 'unknown id' })
  one(@Param('id', new ZodValidationPipe(idParam)) id: string) {
    return this.deadLetters.one(id);
  }
}
