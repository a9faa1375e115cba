import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { INPUT_TOPIC_KINDS, type TopicKind } from '@envface/streams';
import { AuthGuard } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { ScoringService } from '../score/scoring.service';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';

/**
 * HTTP ingest for deployments without Kafka: the same JSON as a Kafka message value, the same
 * validation, the same pipeline. With Kafka configured, events must go through the topics so that each
 * enterprise's events stay in one ordered partition.
 */
@ApiTags('ingest')
@ApiBearerAuth()
@Controller('api/ingest')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class IngestController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':kind')
  @HttpCode(202)
  async ingest(@Param('kind') kind: string, @Body() body: unknown) {
    if (!(INPUT_TOPIC_KINDS as readonly string[]).includes(kind)) {
      throw new ApiError(404, 'not_found', `unknown topic kind '${kind}' (one of ${INPUT_TOPIC_KINDS.join(', ')})`);
    }
    if (this.config.kafka.brokers !== null) {
      throw new ApiError(409, 'kafka_enabled', 'this deployment ingests through Kafka; produce to the input topics');
    }
    const enterpriseId = typeof body === 'object' && body !== null ? (body as { enterpriseId?: unknown }).enterpriseId : undefined;
    const result = await this.scoring.processBatch([
      { topicKind: kind as TopicKind, topic: null, partition: null, offset: null, key: typeof enterpriseId === 'string' ? enterpriseId : null, value: JSON.stringify(body) },
    ]);
    // Push the change to live clients now; a failed publish stays in the outbox for the next drain.
    await this.drainer.drain().catch(() => undefined);
    const rejected = result.rejected[0];
    if (rejected) {
      // A processing error is not the sender's mistake, but it is final for this message: kept in the
      // dead letters for a re-drive after the fix, never a 500.
      const status = rejected.reason === 'too_large' ? 413 : rejected.reason === 'processing_error' ? 422 : 400;
      throw new ApiError(status, rejected.reason, rejected.detail);
    }
    return { accepted: result.accepted === 1, duplicate: result.duplicates === 1, revisions: result.revisions };
  }
}
