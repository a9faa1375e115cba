import { useMediumDatabase } from '../../../../tests/support/medium-database';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';

// Medium test: DeadLetterQueryRepository on a real, migrated PostgreSQL, no Nest. read/ never imports
// pipeline/, so letters are seeded with plain SQL.
const medium = useMediumDatabase();
const repo = new DeadLetterQueryRepository();

async function letter(reason: string, value: string, offset: string | null = null): Promise<string> {
  const [row] = await medium().db.query<{ id: string }>(
    'test.letter',
    `INSERT INTO dead_letters (reason, detail, topic, partition, kafka_offset, key, value) VALUES ($1, 'why', $2, $3, $4, 'K', $5) RETURNING id::text AS id`,
    [reason, offset === null ? null : 'envface.monitoring.v1', offset === null ? null : 0, offset, value],
  );
  return row!.id;
}

describe('DeadLetterQueryRepository (medium, real PostgreSQL)', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = [
      await letter('invalid_json', '{', '1'),
      await letter('processing_error', 'x'.repeat(500), '2'),
      await letter('invalid_json', '{{', '3'),
      await letter('schema', '{"a":1}'),
    ];
  });

  it('pages newest first by id, filtered by reason, with values cut and their full length', async () => {
    const first = await repo.page(medium().db, null, null, 2, 10);
    expect(first.map((l) => l.id)).toEqual([ids[3], ids[2]]);
    const next = await repo.page(medium().db, null, first[1]!.id, 2, 10);
    expect(next.map((l) => l.id)).toEqual([ids[1], ids[0]]);
    expect(next[0]).toMatchObject({ reason: 'processing_error', value: 'xxxxxxxxxx', value_length: 500, topic: 'envface.monitoring.v1', partition: 0, offset: '2', redrives: 0, last_redrive_at: null });
    expect((await repo.page(medium().db, 'invalid_json', null, 10, 100)).map((l) => l.id)).toEqual([ids[2], ids[0]]);
    expect(await repo.page(medium().db, null, ids[0]!, 10, 100)).toEqual([]);
  });

  it('finds one letter with its whole value, or null', async () => {
    const found = await repo.find(medium().db, ids[1]!);
    expect(found).toMatchObject({ id: ids[1], value: 'x'.repeat(500), value_length: 500, encoding: 'utf8', redrives: 0, last_redrive_by: null });
    expect(found!.at).toBeInstanceOf(Date);
    expect(await repo.find(medium().db, '999999999')).toBeNull();
  });

  it('counts letters per reason with the latest time', async () => {
    const counts = await repo.countsByReason(medium().db);
    expect(counts.map((c) => [c.reason, c.n])).toEqual([['invalid_json', 2], ['processing_error', 1], ['schema', 1]]);
    expect(counts[0]!.last).toBeInstanceOf(Date);
  });

  it('records re-drives: each letter shows their count and the latest one, in pages and alone', async () => {
    await repo.recordRedrive(medium().db, { deadLetterId: ids[1]!, byUsername: 'alice', outcome: 'rejected', reason: 'processing_error', detail: 'still broken' });
    await repo.recordRedrive(medium().db, { deadLetterId: ids[1]!, byUsername: 'bob', outcome: 'accepted', reason: null, detail: '' });
    const found = await repo.find(medium().db, ids[1]!);
    expect(found).toMatchObject({ redrives: 2, last_redrive_by: 'bob', last_redrive_outcome: 'accepted', last_redrive_reason: null });
    expect(found!.last_redrive_at).toBeInstanceOf(Date);
    const page = await repo.page(medium().db, 'processing_error', null, 10, 5);
    expect(page[0]).toMatchObject({ id: ids[1], redrives: 2, last_redrive_by: 'bob' });
    expect((await repo.find(medium().db, ids[0]!))!.redrives).toBe(0);
  });

  it('keeps re-drive records append-only: UPDATE and DELETE are refused, a re-drive of an unknown letter too', async () => {
    await expect(medium().db.query('test.update', `UPDATE dead_letter_redrives SET outcome = 'duplicate'`)).rejects.toThrow(/append-only/);
    await expect(medium().db.query('test.delete', 'DELETE FROM dead_letter_redrives')).rejects.toThrow(/append-only/);
    await expect(
      repo.recordRedrive(medium().db, { deadLetterId: '999999999', byUsername: 'eve', outcome: 'accepted', reason: null, detail: '' }),
    ).rejects.toThrow(/foreign key/);
    expect((await repo.find(medium().db, ids[1]!))!.redrives).toBe(2);
  });
});
