import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';

/** The one call the committer needs from a kafkajs consumer. */
export interface OffsetCommitTarget {
  commitOffsets(offsets: TopicPartitionOffsetAndMetadata[]): Promise<void>;
}

/**
 * One OffsetCommit request per scorer transaction instead of one per partition.
 *
 * kafkajs's auto-commit commits after every partition's batch. A fetch hands over up to 48 partitions
 * whose chunks the scorer commits in ONE database transaction, so they all finish in the same tick,
 * and each of them sent its own OffsetCommit carrying every partition (the committed offsets are only
 * updated when the first request returns): 48 requests queued on the coordinator connection, about
 * 40 ms of every fetch-score-commit cycle. Here every partition that finishes in the same tick joins
 * one request; callers wait for it, so an offset is still committed only after its chunk's database
 * commit and before its partition is fetched again.
 */
export class OffsetCommitter {
  /** "topic|partition" → the next offset to consume (the last processed + 1). */
  private waiting = new Map<string, TopicPartitionOffsetAndMetadata>();
  private flush: Promise<void> | null = null;

  constructor(private readonly target: OffsetCommitTarget) {}

  /** Commits `lastOffset` of the partition as processed; resolves once the broker acknowledged it. */
  commit(topic: string, partition: number, lastOffset: string): Promise<void> {
    this.keep({ topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
    this.flush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const offsets = [...this.waiting.values()];
      this.waiting = new Map();
      this.flush = null;
      return this.target.commitOffsets(offsets).catch((error: unknown) => {
        // Not committed: the next commit carries these offsets too (unless a later one supersedes them).
        for (const o of offsets) this.keep(o);
        throw error;
      });
    });
    return this.flush;
  }

  /** Offsets only move forward: a partition's chunks are processed in order. */
  private keep(o: TopicPartitionOffsetAndMetadata): void {
    const key = `${o.topic}|${o.partition}`;
    const held = this.waiting.get(key);
    if (!held || BigInt(held.offset) < BigInt(o.offset)) this.waiting.set(key, o);
  }
}
