import { testUscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import { RatingReadRepository } from './rating-read.repository';

// Medium test: RatingReadRepository on a real, migrated PostgreSQL, no Nest. read/ never imports
// pipeline/, so the pipeline's tables are seeded with plain SQL.
const medium = useMediumDatabase();
const repo = new RatingReadRepository();

async function rating(id: string, day: string, revision: number, stars: number, causes: string[] = []): Promise<void> {
  await medium().db.query(
    'test.rating',
    `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects, cause_event_ids)
     VALUES ($1, $2, $3, $4, $5, 'neutral', 'blue', 'good', false, '{"E":{"points":0,"subscore":100},"M":{"points":0,"subscore":100},"P":{"points":0,"subscore":100},"S":{"points":0,"subscore":100}}', 0, '[]', $6)`,
    [id, day, revision, stars * 180 + revision, stars, causes],
  );
}

async function event(id: string, eventId: string, occurredAt: string, type = 'permit.issued', data: Record<string, unknown> = {}): Promise<void> {
  await medium().db.query(
    'test.event',
    `INSERT INTO events (event_id, enterprise_id, type, occurred_at, event_day, body, source_topic, source_partition, source_offset)
     VALUES ($1, $2, $4, $3, $3::timestamptz::date, jsonb_build_object('eventId', $1::text, 'data', $5::jsonb), 'envface.permit.v1', 2, 77)`,
    [eventId, id, occurredAt, type, JSON.stringify(data)],
  );
}

describe('RatingReadRepository (medium, real PostgreSQL)', () => {
  const a = testUscc();
  const b = testUscc();
  beforeAll(async () => {
    await rating(a, '2026-05-01', 1, 4);
    await rating(a, '2026-05-02', 1, 5);
    await rating(a, '2026-05-02', 2, 3, ['ev-2']);
    await rating(a, '2026-05-02', 3, 2, ['ev-3']);
    await rating(a, '2026-05-04', 1, 1);
    await rating(b, '2026-05-02', 1, 5);
  });

  it('reads the latest revision of each stored day in a range (days without a rating are absent)', async () => {
    const rows = await repo.range(medium().db, a, '2026-05-02', '2026-05-10');
    expect(rows.map((r) => [r.day, r.revision, r.stars, r.cause_event_ids])).toEqual([['2026-05-02', 3, 2, ['ev-3']], ['2026-05-04', 1, 1, []]]);
    expect(rows[0]).toMatchObject({ enterprise_id: a, score_tenths: 363, face: 'neutral', colour: 'blue', grade: 'good', veto: false, effects: [] });
    const both = await repo.latestInRanges(medium().db, [{ enterpriseId: a, from: '2026-05-01', to: '2026-05-01' }, { enterpriseId: b, from: '2026-05-01', to: '2026-05-03' }]);
    expect(both.map((r) => [r.enterprise_id, r.day, r.stars])).toEqual([[a, '2026-05-01', 4], [b, '2026-05-02', 5]].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
    expect(await repo.latestInRanges(medium().db, [])).toEqual([]);
  });

  it('reads every revision of one day in order', async () => {
    const revisions = await repo.revisionsOfDay(medium().db, a, '2026-05-02');
    expect(revisions.map((r) => [r.revision, r.stars])).toEqual([[1, 5], [2, 3], [3, 2]]);
    expect(revisions[0]!.recorded_at).toBeInstanceOf(Date);
    expect(await repo.revisionsOfDay(medium().db, a, '2026-05-03')).toEqual([]);
  });

  it("finds an enterprise's row, or null", async () => {
    await medium().db.query(
      'test.enterprise',
      `INSERT INTO enterprises (uscc, name, registered, region_code, first_day, public_token, rated_day, score_tenths, stars, face, colour, grade, veto, streak)
       VALUES ($1, 'Acme', true, '110101', '2026-05-01', 'abcdefghijklmnopqrstuvwxyz', '2026-05-04', 181, 1, 'cry', 'black', 'bad', true, 0)`,
      [a],
    );
    expect(await repo.find(medium().db, a)).toEqual({
      uscc: a, name: 'Acme', registered: true, region_code: '110101', industry_code: null, address: null, lat: null, lon: null, first_day: '2026-05-01',
      public_token: 'abcdefghijklmnopqrstuvwxyz', rated_day: '2026-05-04', score_tenths: 181, stars: 1, face: 'cry', colour: 'black', grade: 'bad', veto: true, streak: 0,
    });
    expect(await repo.find(medium().db, b)).toBeNull();
  });

  it("lists an enterprise's events newest first, paged by occurredAt", async () => {
    await event(a, 'ev-1', '2026-05-01T08:00:00Z');
    await event(a, 'ev-3', '2026-05-03T08:00:00Z');
    await event(a, 'ev-2', '2026-05-02T08:00:00Z');
    await event(b, 'ev-b', '2026-05-02T09:00:00Z');
    const first = await repo.listForEnterprise(medium().db, a, 2, null);
    expect(first.map((e) => e.event_id)).toEqual(['ev-3', 'ev-2']);
    expect(first[0]).toMatchObject({ enterprise_id: a, type: 'permit.issued', event_day: '2026-05-03', body: { eventId: 'ev-3', data: {} }, source_topic: 'envface.permit.v1', source_partition: 2, source_offset: '77' });
    expect(first[0]!.occurred_at).toEqual(new Date('2026-05-03T08:00:00Z'));
    const next = await repo.listForEnterprise(medium().db, a, 2, first[1]!.occurred_at.toISOString());
    expect(next.map((e) => e.event_id)).toEqual(['ev-1']);
  });

  it('filters the events by type and counts hourly readings (above the limit too)', async () => {
    const c = testUscc();
    await event(c, 'c-pen', '2026-05-02T10:00:00Z', 'enforcement.penalty', { caseNo: 'X' });
    await event(c, 'c-r1', '2026-05-02T09:00:00Z', 'monitoring.reading', { value: 40, limit: 50 });
    await event(c, 'c-r2', '2026-05-02T08:00:00Z', 'monitoring.reading', { value: 75, limit: 50 });
    await event(c, 'c-r3', '2026-05-02T07:00:00Z', 'monitoring.reading', { value: 50, limit: 50 });
    await event(c, 'c-gap', '2026-05-02T06:00:00Z', 'monitoring.gap', { pointId: 'W1', hours: 3 });
    const ids = (rows: { event_id: string }[]) => rows.map((r) => r.event_id);
    expect(ids(await repo.listForEnterprise(medium().db, c, 10, null, { types: ['monitoring.reading', 'monitoring.gap'] }))).toEqual(['c-r1', 'c-r2', 'c-r3', 'c-gap']);
    expect(ids(await repo.listForEnterprise(medium().db, c, 10, null, { skipTypes: ['monitoring.reading'] }))).toEqual(['c-pen', 'c-gap']);
    expect(ids(await repo.listForEnterprise(medium().db, c, 10, null, { types: ['monitoring.reading', 'monitoring.gap'], skipTypes: ['monitoring.reading'] }))).toEqual(['c-gap']);
    expect(await repo.readingSummary(medium().db, c)).toEqual({ count: 3, exceeded: 1 });
    expect(await repo.readingSummary(medium().db, testUscc())).toEqual({ count: 0, exceeded: 0 });
  });
});
