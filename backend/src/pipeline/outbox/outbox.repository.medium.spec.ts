import { useMediumDatabase } from '../../../../tests/support/medium-database';
import { OutboxRepository, type OutboxMessage } from './outbox.repository';

// Medium test: OutboxRepository on a real, migrated PostgreSQL, no Nest.
const medium = useMediumDatabase();
const repo = new OutboxRepository();

const dlq = (n: number): OutboxMessage => ({ kind: 'dlq', key: `k${n}`, payload: { n } });
const lists = (n: number): OutboxMessage => ({ kind: 'lists', key: `l${n}`, payload: { n } });

describe('OutboxRepository (medium, real PostgreSQL)', () => {
  afterEach(async () => {
    await medium().db.query('test.clear', 'DELETE FROM outbox');
  });

  it('adds messages in order and takes them once: deleted and returned in id order, already-taken ids absent', async () => {
    const ids = await repo.add(medium().db, [dlq(1), lists(2), dlq(3)]);
    expect(ids).toHaveLength(3);
    expect(ids.map(BigInt)).toEqual([...ids.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));

    const taken = await repo.take(medium().db, [ids[2]!, ids[0]!]);
    expect(taken).toEqual([
      { id: ids[0], kind: 'dlq', key: 'k1', payload: { n: 1 } },
      { id: ids[2], kind: 'dlq', key: 'k3', payload: { n: 3 } },
    ]);
    expect(await repo.take(medium().db, [ids[0]!, ids[1]!])).toEqual([{ id: ids[1], kind: 'lists', key: 'l2', payload: { n: 2 } }]);
    expect(await repo.take(medium().db, ids)).toEqual([]);
    expect(await repo.add(medium().db, [])).toEqual([]);
    expect(await repo.take(medium().db, [])).toEqual([]);
  });

  it('keeps taken rows when the taking transaction rolls back (a failed publish)', async () => {
    const ids = await repo.add(medium().db, [dlq(1)]);
    await expect(
      medium().db.transaction('test', async (tx) => {
        expect(await repo.take(tx, ids)).toHaveLength(1);
        throw new Error('publish failed');
      }),
    ).rejects.toThrow('publish failed');
    expect(await repo.take(medium().db, ids)).toHaveLength(1);
  });

  it('claims leftovers older than the given age, oldest first, skipping rows another drainer holds; remove deletes them', async () => {
    const ids = await repo.add(medium().db, [dlq(1), dlq(2), dlq(3)]);
    await medium().db.query('test.age', `UPDATE outbox SET created_at = now() - interval '1 hour' WHERE id = ANY($1::bigint[])`, [ids.slice(0, 2)]);

    expect(await repo.claimLeftovers(medium().db, 10, 600)).toEqual([
      { id: ids[0], kind: 'dlq', key: 'k1', payload: { n: 1 } },
      { id: ids[1], kind: 'dlq', key: 'k2', payload: { n: 2 } },
    ]);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimed!: (ids: string[]) => void;
    const firstClaim = new Promise<string[]>((resolve) => (claimed = resolve));
    const first = medium().db.transaction('test', async (tx) => {
      claimed((await repo.claimLeftovers(tx, 1, 600)).map((r) => r.id));
      await held;
    });
    expect(await firstClaim).toEqual([ids[0]]);
    const second = await medium().db.transaction('test', (tx) => repo.claimLeftovers(tx, 10, 600));
    expect(second.map((r) => r.id)).toEqual([ids[1]]);
    release();
    await first;

    await repo.remove(medium().db, ids.slice(0, 2));
    expect(await repo.claimLeftovers(medium().db, 10, 0)).toEqual([{ id: ids[2], kind: 'dlq', key: 'k3', payload: { n: 3 } }]);
    await repo.remove(medium().db, []);
  });
});
