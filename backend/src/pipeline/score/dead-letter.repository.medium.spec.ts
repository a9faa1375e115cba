import { useMediumDatabase } from '../../../../tests/support/medium-database';
import { DeadLetterRepository, type DeadLetter } from './dead-letter.repository';

// Medium test: DeadLetterRepository on a real, migrated PostgreSQL, no Nest.
const medium = useMediumDatabase();
const repo = new DeadLetterRepository();

function letter(reason: DeadLetter['reason'], offset: string | null, value = '{'): DeadLetter {
  return {
    reason, detail: `${reason} at ${offset}`, topic: offset === null ? null : 'envface.permit.v1', partition: offset === null ? null : 1, offset,
    key: 'K', value, encoding: 'utf8',
  };
}

describe('DeadLetterRepository (medium, real PostgreSQL)', () => {
  it('records a redelivered message (same topic, partition, offset) once and returns only the new ones', async () => {
    const fresh = await repo.add(medium().db, [letter('invalid_json', '10'), letter('schema', '11')]);
    expect(fresh.map((l) => l.offset)).toEqual(['10', '11']);
    const again = await repo.add(medium().db, [letter('invalid_json', '10'), letter('invalid_uscc', '12')]);
    expect(again.map((l) => l.offset)).toEqual(['12']);
    // Letters without coordinates (HTTP input) are never deduplicated.
    const http = await repo.add(medium().db, [letter('schema', null), letter('schema', null)]);
    expect(http).toHaveLength(2);
    expect(await repo.add(medium().db, [])).toEqual([]);

    expect(await repo.countsByReason(medium().db)).toEqual({ invalid_json: 1, schema: 3, invalid_uscc: 1 });
  });

  it('lists newest first, filtered by reason, limited', async () => {
    const all = await repo.list(medium().db, 100, null);
    expect(all.map((l) => l.reason)).toEqual(['schema', 'schema', 'invalid_uscc', 'schema', 'invalid_json']);
    expect(all[2]).toMatchObject({ topic: 'envface.permit.v1', partition: 1, offset: '12', key: 'K', value: '{', encoding: 'utf8' });
    expect(all[2]!.at).toBeInstanceOf(Date);
    expect(Number(all[0]!.id)).toBeGreaterThan(Number(all[1]!.id));
    const schema = await repo.list(medium().db, 2, 'schema');
    expect(schema).toHaveLength(2);
    expect(schema.every((l) => l.reason === 'schema' && l.topic === null)).toBe(true);
  });
});
