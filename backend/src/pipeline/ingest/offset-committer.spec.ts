import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';
import { OffsetCommitter } from './offset-committer';

function fakeConsumer(fail: (call: number) => boolean = () => false) {
  const calls: TopicPartitionOffsetAndMetadata[][] = [];
  return {
    calls,
    commitOffsets: jest.fn(async (offsets: TopicPartitionOffsetAndMetadata[]) => {
      calls.push(offsets);
      if (fail(calls.length)) throw new Error('coordinator not available');
    }),
  };
}

const sorted = (offsets: TopicPartitionOffsetAndMetadata[]) => [...offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);

describe('OffsetCommitter', () => {
  it('commits every partition that finishes in the same tick in ONE request, as the next offset to consume', async () => {
    const consumer = fakeConsumer();
    const committer = new OffsetCommitter(consumer);
    await Promise.all(Array.from({ length: 48 }, (_, p) => committer.commit('monitoring', p, String(100 + p))));
    expect(consumer.commitOffsets).toHaveBeenCalledTimes(1);
    expect(sorted(consumer.calls[0]!)).toEqual(Array.from({ length: 48 }, (_, p) => ({ topic: 'monitoring', partition: p, offset: String(101 + p) })));
  });

  it('keeps the highest offset of a partition and separates topics', async () => {
    const consumer = fakeConsumer();
    const committer = new OffsetCommitter(consumer);
    await Promise.all([committer.commit('a', 0, '9'), committer.commit('a', 0, '4'), committer.commit('b', 0, '1')]);
    expect(sorted(consumer.calls[0]!)).toEqual([
      { topic: 'a', partition: 0, offset: '10' },
      { topic: 'b', partition: 0, offset: '2' },
    ]);
  });

  it('sends a later tick as a new request, not before its chunk asked', async () => {
    const consumer = fakeConsumer();
    const committer = new OffsetCommitter(consumer);
    await committer.commit('a', 0, '1');
    expect(consumer.commitOffsets).toHaveBeenCalledTimes(1);
    await committer.commit('a', 0, '2');
    expect(consumer.calls.map((c) => c[0]!.offset)).toEqual(['2', '3']);
  });

  it('rejects every waiter of a failed request and carries its offsets into the next one', async () => {
    const consumer = fakeConsumer((n) => n === 1);
    const committer = new OffsetCommitter(consumer);
    const first = [committer.commit('a', 0, '5'), committer.commit('a', 1, '7')];
    for (const p of first) await expect(p).rejects.toThrow('coordinator not available');
    await committer.commit('a', 1, '8');
    expect(sorted(consumer.calls[1]!)).toEqual([
      { topic: 'a', partition: 0, offset: '6' },
      { topic: 'a', partition: 1, offset: '9' },
    ]);
  });
});
