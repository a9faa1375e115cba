import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { METRICS_REGISTRY } from '../../platform/metrics/metrics-registry';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { deadLetterOf, dlqPayload, type GroupResult } from './batch-outcome';
import { BatchProcessor } from './batch-processor';
import { DeadLetterRepository } from './dead-letter.repository';
import { isDataError, isTransientError } from './failure-kinds';
import type { IncomingMessage } from './incoming-message';

/** Splits a batch that fails for a reason retrying does not fix until the culprit stands alone, and dead-letters it. */
@Injectable()
export class BatchSplitter implements OnModuleDestroy {
  private readonly logger = new Logger('Scoring');
  private readonly processingErrors: Counter<'topic'>;
  private readonly batchSplits: Counter;
  /** Set when the app shuts down: failures then are the shutdown's, never the input's. */
  private closing = false;

  constructor(
    private readonly processor: BatchProcessor,
    private readonly db: Database,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.processingErrors =
      (registry.getSingleMetric('envface_processing_errors_total') as Counter<'topic'> | undefined) ??
      new Counter({ name: 'envface_processing_errors_total', help: 'Valid messages dead-lettered because their processing failed for a reason retrying does not fix', labelNames: ['topic'], registers: [registry] });
    this.batchSplits =
      (registry.getSingleMetric('envface_scoring_batch_splits_total') as Counter | undefined) ??
      new Counter({ name: 'envface_scoring_batch_splits_total', help: 'Batches that failed for a reason retrying does not fix and were split in halves', registers: [registry] });
  }

  onModuleDestroy(): void {
    this.closing = true;
  }

  /**
   * One bad message never stops a partition. A failure that retrying does not fix (a value the
   * database refuses to store, a rule that throws on one event's shape, a bug) fails the whole
   * transaction the same way every time, so the group is split in halves until the culprit stands
   * alone; it then goes to the dead letters — `schema` when the database refused its data,
   * `processing_error` otherwise (re-drivable after a fix) — and the rest is scored. A transient
   * failure (database down, serialization conflict) is thrown for the caller to retry, and so is
   * anything during shutdown: a closing pool is no reason to dead-letter good input.
   */
  async processSafely(messages: readonly IncomingMessage[]): Promise<GroupResult> {
    try {
      return await this.processor.process(messages);
    } catch (error) {
      if (this.closing || isTransientError(error)) throw error;
      if (messages.length === 1) return this.rejectUnprocessable(messages[0]!, error);
      // A batch that fails as a whole while its messages pass alone is a bug of the batch's shape
      // (say two rows with one conflict key in one statement): counted so that it is seen, not hidden.
      this.batchSplits.inc();
      this.logger.warn(`a batch of ${messages.length} failed (${error instanceof Error ? error.message : String(error)}); splitting it to find the message`);
      const mid = messages.length >> 1;
      const a = await this.processSafely(messages.slice(0, mid));
      const b = await this.processSafely(messages.slice(mid));
      return { outcomes: [...a.outcomes, ...b.outcomes], revisions: a.revisions + b.revisions };
    }
  }

  private async rejectUnprocessable(msg: IncomingMessage, error: unknown): Promise<GroupResult> {
    const text = error instanceof Error ? error.message : String(error);
    const letter = isDataError(error)
      ? deadLetterOf(msg, 'schema', `the event cannot be stored: ${text}`)
      : deadLetterOf(msg, 'processing_error', text.slice(0, 2000));
    if (letter.reason === 'processing_error') {
      const at = `${msg.topic ?? 'http'}[${msg.partition ?? '-'}]@${msg.offset ?? '-'}`;
      this.logger.error(`processing ${at} failed for a reason retrying does not fix; dead-lettered as processing_error: ${text}`);
      this.processingErrors.inc({ topic: msg.topicKind });
    }
    // A re-drive that fails again writes no second letter: its own record holds the outcome.
    if (msg.redrive) return { outcomes: [{ kind: 'rejected', reason: letter.reason, detail: letter.detail }], revisions: 0 };
    const nowMs = this.clock.now();
    const ids = await this.db.transaction('scoring.reject_unstorable', async (tx) => {
      const fresh = await this.deadLetters.add(tx, [letter]);
      return this.outbox.add(tx, fresh.map((l) => ({ kind: 'dlq' as const, key: l.key, payload: dlqPayload(l, nowMs, this.config.timeZone) })));
    });
    this.drainer.enqueue(ids);
    return { outcomes: [{ kind: 'rejected', reason: letter.reason, detail: letter.detail }], revisions: 0 };
  }
}
