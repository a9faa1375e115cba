import { createHash } from 'node:crypto';
import { testUscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import { EventRepository, type NewEventRow } from './event.repository';

// Medium test: EventRepository on a real, migrated PostgreSQL, no Nest.
const medium = useMediumDatabase();
const repo = new EventRepository();
const sha = (text: string) => createHash('sha256').update(text).digest();

function event(eventId: string, enterpriseId: string, occurredAt: string, offset: string | null = null): NewEventRow {
  return {
    eventId, enterpriseId, type: 'monitoring.exceedance', occurredAt, eventDay: occurredAt.slice(0, 10), body: { eventId, occurredAt, n: 1 },
    topic: offset === null ? null : 'envface.monitoring.v1', partition: offset === null ? null : 3, offset,
  };
}

describe('EventRepository (medium, real PostgreSQL)', () => {
  it('claims each event id once: returns the new ids and keeps the first body hash and sender', async () => {
    const e = testUscc();
    const first = await repo.claimIds(medium().db, [
      { eventId: 'ev-a', enterpriseId: e, bodySha256: sha('a'), occurredAt: '2026-03-01T08:00:00+08:00', sentBy: 'account:1:admin' },
      { eventId: 'ev-b', enterpriseId: e, bodySha256: sha('b'), occurredAt: '2026-03-01T09:00:00+08:00' },
    ]);
    expect(first).toEqual(new Set(['ev-a', 'ev-b']));
    const second = await repo.claimIds(medium().db, [
      { eventId: 'ev-a', enterpriseId: e, bodySha256: sha('other'), occurredAt: '2026-03-02T08:00:00+08:00', sentBy: 'someone-else' },
      { eventId: 'ev-c', enterpriseId: e, bodySha256: sha('c'), occurredAt: '2026-03-01T10:00:00+08:00' },
    ]);
    expect(second).toEqual(new Set(['ev-c']));

    const hashes = await repo.hashesOf(medium().db, ['ev-a', 'ev-c', 'ev-unknown']);
    expect([...hashes.keys()].sort()).toEqual(['ev-a', 'ev-c']);
    expect(hashes.get('ev-a')!.equals(sha('a'))).toBe(true);
    const [sender] = await medium().db.query<{ sent_by: string | null }>('test.sender', `SELECT sent_by FROM event_ids WHERE event_id = 'ev-a'`);
    expect(sender?.sent_by).toBe('account:1:admin');
    expect(await repo.claimIds(medium().db, [])).toEqual(new Set());
    expect(await repo.hashesOf(medium().db, [])).toEqual(new Map());
  });

  it('stores events with their source coordinates and returns bodies per enterprise in occurredAt order', async () => {
    const e = testUscc();
    const other = testUscc();
    await repo.insert(medium().db, [
      event('ev-late', e, '2026-03-03T00:00:00Z', '42'),
      event('ev-early', e, '2026-03-01T00:00:00Z'),
      event('ev-other', other, '2026-03-02T00:00:00Z'),
    ]);
    const bodies = await repo.bodiesOf(medium().db, [e]);
    expect(bodies).toEqual([
      { enterprise_id: e, body: { eventId: 'ev-early', occurredAt: '2026-03-01T00:00:00Z', n: 1 } },
      { enterprise_id: e, body: { eventId: 'ev-late', occurredAt: '2026-03-03T00:00:00Z', n: 1 } },
    ]);
    const [stored] = await medium().db.query<{ source_topic: string; source_partition: number; source_offset: string; event_day: string }>(
      'test.event',
      `SELECT source_topic, source_partition, source_offset::text AS source_offset, event_day::text AS event_day FROM events WHERE event_id = 'ev-late'`,
    );
    expect(stored).toEqual({ source_topic: 'envface.monitoring.v1', source_partition: 3, source_offset: '42', event_day: '2026-03-03' });
    expect((await repo.bodiesOf(medium().db, [e, other])).length).toBe(3);
    expect(await repo.bodiesOf(medium().db, [])).toEqual([]);
  });

  it('queues the enforcement events of a batch for the workflows (credit notices), and nothing else', async () => {
    const e = testUscc();
    await repo.insert(medium().db, [
      event('q-monitoring', e, '2026-03-05T08:00:00.000Z'),
      { ...event('q-penalty', e, '2026-03-05T09:00:00.000Z'), type: 'enforcement.penalty' },
      { ...event('q-void', e, '2026-03-05T10:00:00.000Z'), type: 'enforcement.voided' },
      { ...event('q-permit', e, '2026-03-05T11:00:00.000Z'), type: 'permit.issued' },
    ]);
    const queued = await medium().db.query<{ event_id: string; occurred_at: Date }>(
      'test.queue',
      'SELECT event_id, occurred_at FROM enforcement_event_queue WHERE enterprise_id = $1 ORDER BY event_id',
      [e],
    );
    expect(queued.map((q) => [q.event_id, q.occurred_at.toISOString()])).toEqual([
      ['q-penalty', '2026-03-05T09:00:00.000Z'],
      ['q-void', '2026-03-05T10:00:00.000Z'],
    ]);
  });
});
