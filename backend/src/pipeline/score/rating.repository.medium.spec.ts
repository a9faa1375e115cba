import { testUscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import { EnterpriseRepository } from './enterprise.repository';
import { RatingRepository, type NewRatingRow } from './rating.repository';

// Medium test: RatingRepository on a real, migrated PostgreSQL, no Nest.
const medium = useMediumDatabase();
const repo = new RatingRepository();
const enterprises = new EnterpriseRepository();

function rating(id: string, day: string, stars: 1 | 2 | 3 | 4 | 5, revision = 1, causes: string[] = []): NewRatingRow {
  const c = { points: 0, subscore: 100 };
  return {
    enterpriseId: id, day, revision, scoreTenths: stars * 180 + revision, stars, face: stars >= 4 ? 'smile' : 'neutral', colour: 'blue', grade: 'good',
    veto: false, criteria: { E: c, M: { points: 2, subscore: 98 }, P: c, S: c }, bonus: 1, effects: [], causeEventIds: causes,
  };
}

async function enterprise(id: string) {
  const [row] = await medium().db.query<{ rated_day: string | null; stars: number | null; streak: number | null }>(
    'test.enterprise', 'SELECT rated_day::text AS rated_day, stars, streak FROM enterprises WHERE uscc = $1', [id],
  );
  return row;
}

describe('RatingRepository (medium, real PostgreSQL)', () => {
  it('stores revisions append-only and reads the latest revision of each day in the given ranges', async () => {
    const a = testUscc();
    const b = testUscc();
    await repo.insert(medium().db, [
      rating(a, '2026-04-01', 5), rating(a, '2026-04-02', 4), rating(a, '2026-04-02', 2, 2, ['ev-1', 'ev-2']), rating(a, '2026-04-03', 3),
      rating(b, '2026-04-02', 1),
    ]);
    const rows = await repo.latestInRanges(medium().db, [{ enterpriseId: a, from: '2026-04-02', to: '2026-04-05' }, { enterpriseId: b, from: '2026-04-01', to: '2026-04-01' }]);
    expect(rows.map((r) => [r.enterprise_id, r.day, r.revision, r.stars])).toEqual([
      [a, '2026-04-02', 2, 2],
      [a, '2026-04-03', 1, 3],
    ]);
    expect(rows[0]).toMatchObject({
      score_tenths: 362, face: 'neutral', colour: 'blue', grade: 'good', veto: false, bonus: 1, effects: [], cause_event_ids: ['ev-1', 'ev-2'],
      criteria: { M: { points: 2, subscore: 98 } },
    });
    expect(rows[0]!.recorded_at).toBeInstanceOf(Date);

    // A stored revision is never replaced.
    await expect(repo.insert(medium().db, [rating(a, '2026-04-02', 5, 2)])).rejects.toThrow(/duplicate key/);
    expect(await repo.latestInRanges(medium().db, [])).toEqual([]);
    await repo.insert(medium().db, []);
  });

  it('appends trend count deltas summed per day and star level, zero sums left out', async () => {
    await repo.addDayCountDeltas(medium().db, [
      { day: '2026-06-01', stars: 4, delta: 1 }, { day: '2026-06-01', stars: 2, delta: -1 }, { day: '2026-06-01', stars: 4, delta: 1 },
      { day: '2026-06-02', stars: 3, delta: 1 }, { day: '2026-06-02', stars: 3, delta: -1 },
    ]);
    await repo.addDayCountDeltas(medium().db, []);
    const rows = await medium().db.query<{ day: string; stars: number; delta: number }>(
      'test.deltas', `SELECT day::text AS day, stars, delta FROM rating_day_count_deltas WHERE day >= '2026-06-01' ORDER BY day, stars`,
    );
    expect(rows).toEqual([{ day: '2026-06-01', stars: 2, delta: -1 }, { day: '2026-06-01', stars: 4, delta: 2 }]);
  });

  it('reads the latest revision of one day for many enterprises', async () => {
    const a = testUscc();
    const b = testUscc();
    const none = testUscc();
    await repo.insert(medium().db, [rating(a, '2026-04-10', 4), rating(a, '2026-04-10', 5, 2), rating(b, '2026-04-10', 3), rating(b, '2026-04-11', 1)]);
    const rows = await repo.latestOfDay(medium().db, [a, b, none], '2026-04-10');
    expect(rows.map((r) => [r.enterprise_id, r.revision, r.stars])).toEqual([[a, 2, 5], [b, 1, 3]]);
    expect(await repo.latestOfDay(medium().db, [], '2026-04-10')).toEqual([]);
  });

  describe('copyPreviousDay (the rollover fast path)', () => {
    it("copies the previous day's latest revision as the day's first, moves the current rating, carries the streak and writes one outbox row", async () => {
      const five = testUscc();
      const three = testUscc();
      const done = testUscc();
      const fresh = testUscc();
      await medium().db.transaction('test', async (tx) => {
        await enterprises.claim(tx, [five, three, done, fresh].map((uscc) => ({ uscc, firstDay: '2026-04-19', newEvents: 1 })));
        await repo.insert(tx, [
          rating(five, '2026-04-19', 4), rating(five, '2026-04-19', 5, 2), rating(three, '2026-04-19', 3),
          rating(done, '2026-04-19', 2), rating(done, '2026-04-20', 2, 1, ['ev-x']),
        ]);
        await enterprises.setCurrent(tx, [
          { uscc: five, ratedDay: '2026-04-19', scoreTenths: 902, stars: 5, face: 'smile', colour: 'green', grade: 'trustworthy', veto: false, streak: 6 },
          { uscc: three, ratedDay: '2026-04-19', scoreTenths: 541, stars: 3, face: 'neutral', colour: 'yellow', grade: 'warning', veto: false, streak: 0 },
        ]);
      });

      const result = await medium().db.transaction('test', (tx) => repo.copyPreviousDay(tx, [five, three, done, fresh], '2026-04-20', '2026-04-20T00:00:05+08:00'));
      expect([...result.copied].sort()).toEqual([five, three].sort());
      expect(result.outboxIds).toHaveLength(1);

      const copied = await repo.latestOfDay(medium().db, [five, three, done], '2026-04-20');
      expect(copied.map((r) => [r.enterprise_id, r.revision, r.stars, r.score_tenths, r.cause_event_ids])).toEqual([
        [five, 1, 5, 902, []],
        [three, 1, 3, 541, []],
        [done, 1, 2, 361, ['ev-x']], // already had the day: untouched
      ]);
      expect(await enterprise(five)).toEqual({ rated_day: '2026-04-20', stars: 5, streak: 7 });
      expect(await enterprise(three)).toEqual({ rated_day: '2026-04-20', stars: 3, streak: 0 });

      const [outbox] = await medium().db.query<{ kind: string; key: string | null; payload: Record<string, unknown> }>(
        'test.outbox', 'SELECT kind, key, payload FROM outbox WHERE id = $1::bigint', [result.outboxIds[0]],
      );
      expect(outbox).toEqual({
        kind: 'ratings_copy', key: null,
        payload: { day: '2026-04-20', at: '2026-04-20T00:00:05+08:00', enterpriseIds: [five, three].sort(), starCounts: { '3': 1, '5': 1 } },
      });

      // The copied rows count in the trend's star counts of the day, in the same statement.
      const deltas = await medium().db.query<{ stars: number; delta: number }>(
        'test.deltas', `SELECT stars, sum(delta)::int AS delta FROM rating_day_count_deltas WHERE day = '2026-04-20' GROUP BY stars ORDER BY stars`,
      );
      expect(deltas).toEqual([{ stars: 3, delta: 1 }, { stars: 5, delta: 1 }]);

      // Run again: nothing left to copy, no outbox row.
      expect(await medium().db.transaction('test', (tx) => repo.copyPreviousDay(tx, [five, three], '2026-04-20', 'x'))).toEqual({ copied: [], outboxIds: [] });
      expect(await repo.copyPreviousDay(medium().db, [], '2026-04-20', 'x')).toEqual({ copied: [], outboxIds: [] });
    });
  });
});
