import { Inject, Injectable } from '@nestjs/common';
import { Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../platform/metrics/metrics-registry';
import { MAX_GROUP_MESSAGES, summarise } from './batch-outcome';
import { BatchSplitter } from './batch-splitter';
import type { BatchResult, IncomingMessage } from './incoming-message';

interface Waiter {
  messages: readonly IncomingMessage[];
  resolve: (r: BatchResult) => void;
  reject: (e: unknown) => void;
}

/** The scorer's queue: group commit of concurrent batches, and one transaction at a time. */
@Injectable()
export class GroupCommitQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiting: Waiter[] = [];
  private pumping = false;
  private readonly groupSize: Histogram;

  constructor(
    private readonly splitter: BatchSplitter,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.groupSize =
      (registry.getSingleMetric('envface_scoring_group_messages') as Histogram | undefined) ??
      new Histogram({ name: 'envface_scoring_group_messages', help: 'Messages per group-commit transaction', buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000], registers: [registry] });
  }

  /**
   * Group commit: batches that arrive while a transaction runs (e.g. from several partitions at
   * once) are processed together in the next one, so the per-transaction cost is paid once per
   * group, not once per partition. Transactions run one at a time per instance: ledgers are shared.
   */
  processBatch(messages: readonly IncomingMessage[]): Promise<BatchResult> {
    return new Promise<BatchResult>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // The partitions of one fetch call in within the same tick: let them all queue, so the first
      // transaction takes them together instead of the first partition alone (and the rest a
      // second transaction, each paying the round trips).
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const group: Waiter[] = [];
        let size = 0;
        while (this.waiting.length > 0 && (group.length === 0 || size + this.waiting[0]!.messages.length <= MAX_GROUP_MESSAGES)) {
          const w = this.waiting.shift()!;
          group.push(w);
          size += w.messages.length;
        }
        const all = group.flatMap((g) => g.messages);
        this.groupSize.observe(all.length);
        try {
          const result = await this.exclusive(() => this.splitter.processSafely(all));
          let at = 0;
          for (const g of group) {
            g.resolve(summarise(result.outcomes.slice(at, at + g.messages.length), result.revisions));
            at += g.messages.length;
          }
        } catch (error) {
          for (const g of group) g.reject(error);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Runs `fn` after every transaction queued before it: one at a time per instance (ledgers are shared). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
