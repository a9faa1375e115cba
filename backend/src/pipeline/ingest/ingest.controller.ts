import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { INPUT_TOPIC_KINDS, type IngestResult, type TopicKind } from '@envface/streams';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { EnterpriseJurisdictionService } from '../../auth/enterprise-jurisdiction.service';
import { inScope, scopeOf } from '../../auth/jurisdiction';
import { IngestAuthGuard, type IngestRequest } from '../../auth/ingest-auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { keyAllows } from '../../auth/service-key.service';
import { ApiError } from '../../platform/web/api-error';
import { ZodValidationPipe } from '../../platform/web/zod-validation.pipe';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { ScoringService } from '../score/scoring.service';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';

/**
 * Decision events: they void penalties, verify complaints, grant awards and vetoes. They come from
 * the complaint, appeal and award workflows (which record who decided), or from an admin; an
 * inspector token must not bypass those workflows through the raw ingest.
 */
export const DECISION_EVENT_TYPES: ReadonlySet<string> = new Set([
  'enforcement.voided',
  'enforcement.complaint_verified',
  'enforcement.award',
  'enforcement.veto',
]);

/** Any JSON object (the event contract itself is checked by the pipeline, which dead-letters what fails). */
const eventBodySchema = z.looseObject({}).refine((v) => !Array.isArray(v), 'the body must be one JSON event object');

/** event_ids.sent_by of an HTTP-ingested event. */
export const sentByAccount = (user: AuthUser): string => `account:${user.id}:${user.username}`;

/**
 * Who may send what: a service key the event types it was created for (decision events included, if
 * listed); admin anything; an inspector anything but decision events.
 */
function sender(request: IngestRequest, type: unknown): string {
  if (request.serviceKey) {
    const key = request.serviceKey;
    if (!keyAllows(key.eventTypes, type)) throw new ApiError(403, 'forbidden', `This service key may not send ${String(type)} events`);
    return `service-key:${key.id}:${key.name}`;
  }
  const user = request.user!;
  if (typeof type === 'string' && DECISION_EVENT_TYPES.has(type) && user.role !== 'admin') {
    throw new ApiError(403, 'forbidden', `${type} events come from the complaint, appeal and award workflows, not from raw ingest`);
  }
  return sentByAccount(user);
}

/**
 * HTTP ingest for deployments without Kafka: the same JSON as a Kafka message value, the same
 * validation, the same pipeline. With Kafka configured, events must go through the topics so that each
 * enterprise's events stay in one ordered partition.
 */
@Controller('api/ingest')
@UseGuards(IngestAuthGuard)
@Roles('admin', 'inspector')
export class IngestController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jurisdiction: EnterpriseJurisdictionService,
    private readonly audit: AuditLogRepository,
  ) {}

  /**
   * A scoped inspector sends events only for enterprises of their regions (others: 404, as if
   * unknown), and a registration may neither create an enterprise elsewhere nor move one out.
   */
  private async assertInScope(request: IngestRequest, body: Record<string, unknown>): Promise<void> {
    const scope = request.serviceKey ? null : scopeOf(request.user);
    if (scope === null) return;
    const uscc = typeof body.enterpriseId === 'string' ? body.enterpriseId : '';
    const known = await this.jurisdiction.lookup(uscc);
    if (known.exists && !inScope(scope, known.region)) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    const data = body.data as Record<string, unknown> | undefined;
    const newRegion = body.type === 'enterprise.upserted' && data && typeof data.regionCode === 'string' ? data.regionCode : null;
    if (newRegion !== null ? !inScope(scope, newRegion) : !known.exists) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc} in your jurisdiction`);
  }

  @Post(':kind')
  @HttpCode(202)
  async ingest(@Param('kind') kind: string, @Body(new ZodValidationPipe(eventBodySchema)) body: Record<string, unknown>, @Req() request: IngestRequest): Promise<IngestResult> {
    if (!(INPUT_TOPIC_KINDS as readonly string[]).includes(kind)) {
      throw new ApiError(404, 'not_found', `unknown topic kind '${kind}' (one of ${INPUT_TOPIC_KINDS.join(', ')})`);
    }
    const sentBy = sender(request, body.type);
    if (this.config.kafka.brokers !== null) {
      throw new ApiError(409, 'kafka_enabled', 'this deployment ingests through Kafka; produce to the input topics');
    }
    await this.assertInScope(request, body);
    const enterpriseId = body.enterpriseId;
    const result = await this.scoring.processBatch([
      {
        topicKind: kind as TopicKind,
        topic: null,
        partition: null,
        offset: null,
        key: typeof enterpriseId === 'string' ? enterpriseId : null,
        value: JSON.stringify(body),
        sentBy,
      },
    ]);
    // Push the change to live clients now; a failed publish stays in the outbox for the next drain.
    await this.drainer.drain().catch(() => undefined);
    const rejected = result.rejected[0];
    // Who sent which event (the account or the service key), and what became of it.
    void this.audit.record({
      action: 'event.ingested',
      actor: request.user ? { id: request.user.id, username: request.user.username } : null,
      target: typeof body.eventId === 'string' ? body.eventId : null,
      detail: {
        sentBy,
        kind,
        type: typeof body.type === 'string' ? body.type : null,
        enterpriseId: typeof enterpriseId === 'string' ? enterpriseId : null,
        outcome: rejected ? rejected.reason : result.duplicates === 1 ? 'duplicate' : 'accepted',
      },
    });
    if (rejected) {
      // A processing error is not the sender's mistake, but it is final for this message: kept in the
      // dead letters for a re-drive after the fix, never a 500.
      const status = rejected.reason === 'too_large' ? 413 : rejected.reason === 'processing_error' ? 422 : 400;
      throw new ApiError(status, rejected.reason, rejected.detail);
    }
    return { accepted: result.accepted === 1, duplicate: result.duplicates === 1, revisions: result.revisions };
  }
}
