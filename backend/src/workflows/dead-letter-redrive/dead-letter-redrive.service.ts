import { Inject, Injectable, Logger } from '@nestjs/common';
import { topicKindOf, topicKindOfType, INPUT_TOPIC_KINDS, type RedriveResult, type TopicKind } from '@envface/streams';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { scopeOf } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { OutboxDrainer } from '../../pipeline/outbox/outbox-drainer.service';
import { ScoringService } from '../../pipeline/score/scoring.service';
import { DeadLetterQueryRepository, type DeadLetterListRow } from '../../read/dead-letters/dead-letter-query.repository';

/**
 * Re-drive: after a fix, an inspector sends a dead-lettered message through the pipeline again —
 * the same validation, storage and scoring as a Kafka message, with its original coordinates. A
 * second failure writes no second letter (Kafka and HTTP letters alike): the outcome is kept in the
 * re-drive's own record. The scorer rates
 * events in any order, so re-driving past the partition's later messages changes nothing but time.
 * Every re-drive is recorded with who asked and what became of it.
 */
@Injectable()
export class DeadLetterRedriveService {
  private readonly logger = new Logger('Redrive');

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLogRepository,
    private readonly deadLetters: DeadLetterQueryRepository,
    private readonly scoring: ScoringService,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async redrive(id: string, by: AuthUser): Promise<RedriveResult> {
    const letter = await this.deadLetters.find(this.db, id, scopeOf(by));
    if (!letter) throw new ApiError(404, 'dead_letter_not_found', `No dead letter ${id}`);
    const kind = this.kindOf(letter);
    const value = letter.encoding === 'base64' ? Buffer.from(letter.value, 'base64') : letter.value;
    const result = await this.scoring.processBatch([
      { topicKind: kind, topic: letter.topic, partition: letter.partition, offset: letter.offset, key: letter.key, value, redrive: true },
    ]);
    await this.drainer.drain().catch(() => undefined); // a failed publish stays in the outbox for the next drain
    const rejected = result.rejected[0];
    const outcome: RedriveResult = rejected
      ? { outcome: 'rejected', reason: rejected.reason, detail: rejected.detail, revisions: 0 }
      : { outcome: result.accepted === 1 ? 'accepted' : 'duplicate', reason: null, detail: '', revisions: result.revisions };
    await this.deadLetters.recordRedrive(this.db, { deadLetterId: id, byUsername: by.username, outcome: outcome.outcome, reason: outcome.reason, detail: outcome.detail });
    await this.audit.record({ action: 'dead_letter.redriven', actor: { id: by.id, username: by.username }, target: id, detail: { outcome: outcome.outcome, reason: outcome.reason } });
    this.logger.log(`dead letter ${id} re-driven by ${by.username}: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}`);
    return outcome;
  }

  /** The input topic the message came from; for HTTP ingest (no topic), the topic of its event type. */
  private kindOf(letter: DeadLetterListRow): TopicKind {
    if (letter.topic !== null) {
      const kind = topicKindOf(this.config.kafka.topicPrefix, letter.topic);
      if (kind !== null) return kind;
    }
    try {
      const type = (JSON.parse(letter.encoding === 'base64' ? Buffer.from(letter.value, 'base64').toString('utf8') : letter.value) as { type?: unknown }).type;
      if (typeof type === 'string') {
        const kind = topicKindOfType(type);
        if ((INPUT_TOPIC_KINDS as readonly string[]).includes(kind)) return kind;
      }
    } catch {
      // fall through: nothing tells which input it was
    }
    throw new ApiError(409, 'not_redrivable', 'This message names no input topic or event type, so it cannot be sent through the pipeline again; fix it at its source');
  }
}
