import { testUscc as uscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import { EnterpriseRepository, type CurrentRatingRow, type RegistrationRow } from './enterprise.repository';
import { RatingRepository, type NewRatingRow } from './rating.repository';

// Medium test: EnterpriseRepository on a real, migrated PostgreSQL, no Nest.
const medium = useMediumDatabase();
const repo = new EnterpriseRepository();
const ratings = new RatingRepository();

function registration(id: string, name: string, occurredAt: string, eventId: string): RegistrationRow {
  return { uscc: id, name, regionCode: '110101', industryCode: 'C26', address: null, lat: null, lon: null, occurredAt, eventId };
}

function current(id: string, ratedDay: string, stars: 1 | 2 | 3 | 4 | 5, streak = 0): CurrentRatingRow {
  return { uscc: id, ratedDay, scoreTenths: stars * 180, stars, face: stars >= 4 ? 'smile' : 'neutral', colour: 'blue', grade: 'good', veto: false, streak };
}

function rating(id: string, day: string, stars: 1 | 2 | 3 | 4 | 5, revision = 1): NewRatingRow {
  const c = { points: 0, subscore: 100 };
  return {
    enterpriseId: id, day, revision, scoreTenths: stars * 180, stars, face: 'neutral', colour: 'blue', grade: 'good', veto: false,
    criteria: { E: c, M: c, P: c, S: c }, bonus: 0, effects: [], causeEventIds: [],
  };
}

async function row(id: string) {
  const [r] = await medium().db.query<{
    name: string | null; registered: boolean; registered_at: Date | null; registered_by: string | null; first_day: string;
    rated_day: string | null; stars: number | null; streak: number | null; last_drop_day: string | null; public_token: string;
  }>(
    'test.enterprise',
    `SELECT name, registered, registered_at, registered_by, first_day::text AS first_day, rated_day::text AS rated_day, stars, streak,
       last_drop_day::text AS last_drop_day, public_token FROM enterprises WHERE uscc = $1`,
    [id],
  );
  return r;
}

async function eventCount(id: string): Promise<number | undefined> {
  const [r] = await medium().db.query<{ event_count: number }>('test.ledger', 'SELECT event_count FROM enterprise_ledgers WHERE uscc = $1', [id]);
  return r?.event_count;
}

describe('EnterpriseRepository (medium, real PostgreSQL)', () => {
  describe('claim', () => {
    it('creates unknown enterprises unregistered with a public token, counts events and reports the state before the batch', async () => {
      const a = uscc();
      const b = uscc();
      const locked = await medium().db.transaction('test', (tx) =>
        repo.claim(tx, [{ uscc: b, firstDay: '2026-03-02', newEvents: 2 }, { uscc: a, firstDay: '2026-03-01', newEvents: 3 }]),
      );
      expect(locked.get(a)).toEqual({ uscc: a, eventCountBefore: 0, ratedDay: null, stars: null, streak: null, firstDay: '2026-03-01', nextChangeDay: null });
      expect(locked.get(b)?.eventCountBefore).toBe(0);
      expect(await eventCount(a)).toBe(3);
      const stored = await row(a);
      expect(stored).toMatchObject({ registered: false, name: null, first_day: '2026-03-01', rated_day: null });
      expect(stored.public_token).toMatch(/^[A-Za-z0-9_-]{22,}$/);

      const again = await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-05', newEvents: 4 }], new Set([a])));
      expect(again.get(a)).toMatchObject({ eventCountBefore: 3, firstDay: '2026-03-01' });
      expect(await eventCount(a)).toBe(7);
      expect((await row(a)).public_token).toBe(stored.public_token);
    });

    it('moves first_day back for an earlier event, never forward', async () => {
      const a = uscc();
      await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-10', newEvents: 1 }]));
      const moved = await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-04', newEvents: 1 }]));
      expect(moved.get(a)?.firstDay).toBe('2026-03-04');
      expect((await row(a)).first_day).toBe('2026-03-04');
      await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-20', newEvents: 1 }]));
      expect((await row(a)).first_day).toBe('2026-03-04');
    });

    it('creates an enterprise the caller wrongly believed known', async () => {
      const a = uscc();
      const locked = await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }], new Set([a])));
      expect(locked.get(a)?.firstDay).toBe('2026-03-01');
      expect(await row(a)).toBeDefined();
    });

    it('holds the ledger row lock until commit: a second claim waits for the first transaction', async () => {
      const a = uscc();
      await medium().db.transaction('test', (tx) => repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }]));
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let claimed!: () => void;
      const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const first = medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }]);
        claimed();
        await held;
        order.push('first commits');
      });
      await firstClaimed;
      const second = medium().db.transaction('test', async (tx) => {
        const locked = await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }]);
        order.push('second claimed');
        return locked.get(a)?.eventCountBefore;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(order).toEqual([]);
      release();
      await first;
      expect(await second).toBe(2);
      expect(order).toEqual(['first commits', 'second claimed']);
    });
  });

  describe('lock', () => {
    it('returns existing enterprises with their current rating and ledger state, and omits unknown ids', async () => {
      const a = uscc();
      const unknown = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 5 }]);
        await repo.setCurrent(tx, [current(a, '2026-03-03', 4, 0)]);
        await repo.setNextChange(tx, [{ uscc: a, nextChangeDay: '2026-04-01' }]);
      });
      const locked = await medium().db.transaction('test', (tx) => repo.lock(tx, [unknown, a]));
      expect([...locked.keys()]).toEqual([a]);
      expect(locked.get(a)).toEqual({
        uscc: a, eventCountBefore: 5, ratedDay: '2026-03-03', stars: 4, streak: 0, firstDay: '2026-03-01', nextChangeDay: '2026-04-01',
      });
      expect(await medium().db.transaction('test', (tx) => repo.lock(tx, []))).toEqual(new Map());
    });
  });

  describe('register', () => {
    it('applies the registration with the latest occurredAt among several for one enterprise in one call', async () => {
      const a = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 3 }]);
        await repo.register(tx, [
          registration(a, 'middle', '2026-03-01T10:00:00+08:00', 'reg-mid'),
          registration(a, 'latest', '2026-03-01T12:00:00+08:00', 'reg-latest'),
          registration(a, 'earliest', '2026-03-01T08:00:00+08:00', 'reg-early'),
        ]);
      });
      expect(await row(a)).toMatchObject({ name: 'latest', registered: true, registered_by: 'reg-latest' });
      expect((await row(a)).registered_at?.toISOString()).toBe('2026-03-01T04:00:00.000Z');
    });

    it('on a tie of occurredAt (same instant, other offsets) the one that arrived later wins, within a call and across calls', async () => {
      const a = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 2 }]);
        await repo.register(tx, [
          registration(a, 'first', '2026-03-01T12:00:00+08:00', 'tie-1'),
          registration(a, 'second', '2026-03-01T04:00:00Z', 'tie-2'),
        ]);
      });
      expect(await row(a)).toMatchObject({ name: 'second', registered_by: 'tie-2' });
      await medium().db.transaction('test', (tx) => repo.register(tx, [registration(a, 'third', '2026-03-01T12:00:00+08:00', 'tie-3')]));
      expect(await row(a)).toMatchObject({ name: 'third', registered_by: 'tie-3' });
    });

    it('ignores a later call with an older registration', async () => {
      const a = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }]);
        await repo.register(tx, [registration(a, 'new name', '2026-03-05T00:00:00Z', 'reg-new')]);
      });
      await medium().db.transaction('test', (tx) => repo.register(tx, [registration(a, 'old name', '2026-03-01T00:00:00Z', 'reg-old')]));
      expect(await row(a)).toMatchObject({ name: 'new name', registered_by: 'reg-new' });
    });

    it('registers several enterprises in one statement', async () => {
      const a = uscc();
      const b = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }, { uscc: b, firstDay: '2026-03-01', newEvents: 2 }]);
        await repo.register(tx, [
          registration(b, 'B1', '2026-03-01T00:00:00Z', 'b-1'),
          registration(a, 'A', '2026-03-01T00:00:00Z', 'a-1'),
          registration(b, 'B2', '2026-03-02T00:00:00Z', 'b-2'),
        ]);
      });
      expect((await row(a)).name).toBe('A');
      expect((await row(b)).name).toBe('B2');
    });
  });

  describe('setCurrent', () => {
    it('writes the current rating, moves it forward and never back to an earlier day', async () => {
      const a = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }]);
        await repo.setCurrent(tx, [current(a, '2026-03-02', 3)]);
      });
      expect(await row(a)).toMatchObject({ rated_day: '2026-03-02', stars: 3, streak: 0 });
      await medium().db.transaction('test', (tx) => repo.setCurrent(tx, [current(a, '2026-03-03', 5, 1)]));
      expect(await row(a)).toMatchObject({ rated_day: '2026-03-03', stars: 5, streak: 1 });
      await medium().db.transaction('test', (tx) => repo.setCurrent(tx, [current(a, '2026-03-02', 2)]));
      expect(await row(a)).toMatchObject({ rated_day: '2026-03-03', stars: 5, streak: 1 });
      await medium().db.transaction('test', (tx) => repo.setCurrent(tx, [current(a, '2026-03-03', 4)]));
      expect(await row(a)).toMatchObject({ rated_day: '2026-03-03', stars: 4, streak: 0 });
    });
  });

  describe('setStreaks and streaks', () => {
    it('counts the 5-star streak from the rating history and sets it only where the rated day matches', async () => {
      const a = uscc();
      const b = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }, { uscc: b, firstDay: '2026-03-01', newEvents: 1 }]);
        await ratings.insert(tx, [
          rating(a, '2026-03-01', 5), rating(a, '2026-03-02', 3), rating(a, '2026-03-03', 5), rating(a, '2026-03-04', 5),
          // a later revision of 03-02 raises it to 5 stars: the streak now spans four days
          rating(a, '2026-03-02', 5, 2),
        ]);
        await repo.setCurrent(tx, [current(a, '2026-03-04', 5, 2), current(b, '2026-03-03', 5, 2)]);
      });
      const counted = await medium().db.transaction('test', (tx) => repo.streaks(tx, [a], '2026-03-04'));
      expect(counted.get(a)).toBe(4);
      expect((await medium().db.transaction('test', (tx) => repo.streaks(tx, [a], '2026-03-01'))).get(a)).toBe(1);

      await medium().db.transaction('test', (tx) =>
        repo.setStreaks(tx, [{ uscc: a, streak: 4, ratedDay: '2026-03-04' }, { uscc: b, streak: 9, ratedDay: '2026-03-04' }]),
      );
      expect((await row(a)).streak).toBe(4);
      expect((await row(b)).streak).toBe(2); // rated on another day: untouched
    });
  });

  describe('markDrops', () => {
    it('records the latest day of the last week whose stars fell below the day before, and clears it when none', async () => {
      const a = uscc();
      const flat = uscc();
      await medium().db.transaction('test', async (tx) => {
        await repo.claim(tx, [{ uscc: a, firstDay: '2026-03-01', newEvents: 1 }, { uscc: flat, firstDay: '2026-03-01', newEvents: 1 }]);
        await ratings.insert(tx, [
          rating(a, '2026-03-05', 5), rating(a, '2026-03-06', 3), rating(a, '2026-03-07', 4), rating(a, '2026-03-08', 2), rating(a, '2026-03-09', 4),
          rating(flat, '2026-03-08', 4), rating(flat, '2026-03-09', 4),
        ]);
        await repo.markDrops(tx, [a, flat], '2026-03-09');
      });
      expect((await row(a)).last_drop_day).toBe('2026-03-08');
      expect((await row(flat)).last_drop_day).toBeNull();

      // A revision lifting 03-08 back to 4 stars leaves the 03-06 drop as the latest.
      await medium().db.transaction('test', async (tx) => {
        await ratings.insert(tx, [rating(a, '2026-03-08', 4, 2)]);
        await repo.markDrops(tx, [a], '2026-03-09');
      });
      expect((await row(a)).last_drop_day).toBe('2026-03-06');

      // Ten days later, with only steady days in the week, the drop is cleared.
      await medium().db.transaction('test', async (tx) => {
        await ratings.insert(tx, [rating(a, '2026-03-18', 4), rating(a, '2026-03-19', 4)]);
        await repo.markDrops(tx, [a], '2026-03-19');
      });
      expect((await row(a)).last_drop_day).toBeNull();
    });
  });
});
