import { Client } from 'pg';
import {
  dayFromIso,
  defaultRuleBook,
  EnterpriseLedger,
  isoFromDay,
  rateFromScratch,
  ratingDetailJson,
  toScoringEvent,
  topicKindOfType,
  withUsccCheck,
  type ContractEvent,
  type RatingDetailJson,
} from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import type { Clock } from '../../backend/src/platform/clock';
import { OutboxDrainer } from '../../backend/src/pipeline/outbox/outbox-drainer.service';
import { OUTBOX_SINKS, type OutboxSink } from '../../backend/src/pipeline/outbox/outbox-sink';
import type { OutboxRow } from '../../backend/src/pipeline/outbox/outbox.repository';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { RolloverService } from '../../backend/src/pipeline/rollover/rollover.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The midnight rollover on a real PostgreSQL with real app instances: the new day's rating for
 * every enterprise with no event at all (a permit lapses, a rectification deadline passes, a 30-day
 * reading window ends), exactly as the engine rates it; once across instances; catch-up after
 * downtime; and the timer that fires at local midnight.
 */
const TZ = 'Asia/Shanghai';
const D = dayFromIso('2026-04-10');
const book = defaultRuleBook();

/** A clock the test sets; `running` makes it advance with real time from the set instant. */
class TestClock implements Clock {
  private base = 0;
  private realAtBase = 0;
  constructor(private readonly running = false) {}
  set(iso: string): void {
    this.base = Date.parse(iso);
    this.realAtBase = Date.now();
  }
  now(): number {
    return this.running ? this.base + (Date.now() - this.realAtBase) : this.base;
  }
}

const at = (day: number, time: string) => `${isoFromDay(day)}T${time}+08:00`;
const uscc = (k: number) => withUsccCheck(`91320115MA1RL000${k}`);
const PERMIT = uscc(1); // permit valid through D: lapses on D+1 (P2)
const ORDER = uscc(2); // rectification order due on D, never completed: E4 from D+1
const WINDOW = uscc(3); // exceedance on D-29: its 30-day M1 window ends on D+1
const PENALTY = uscc(4); // a penalty that stays active: the day changes nothing
const NEWCOMER = uscc(5); // unregistered, first event on D
const IDS = [PERMIT, ORDER, WINDOW, PENALTY, NEWCOMER];

function registration(id: string, day: number, n: number): ContractEvent {
  return { eventId: `reg-${n}`, type: 'enterprise.upserted', enterpriseId: id, occurredAt: at(day, '09:00:00'), data: { name: `测试企业${n}有限公司`, regionCode: '320115', industryCode: 'C2614' } } as ContractEvent;
}

const EVENTS: ContractEvent[] = [
  registration(PERMIT, D - 40, 1),
  { eventId: 'permit-1', type: 'permit.issued', enterpriseId: PERMIT, occurredAt: at(D - 40, '10:00:00'), data: { permitNo: 'P-1', validFrom: isoFromDay(D - 40), validUntil: isoFromDay(D) } },
  registration(ORDER, D - 5, 2),
  { eventId: 'order-2', type: 'enforcement.rectification_order', enterpriseId: ORDER, occurredAt: at(D - 3, '10:00:00'), data: { orderNo: 'R-2', deadline: isoFromDay(D) } },
  registration(WINDOW, D - 40, 3),
  { eventId: 'reading-3', type: 'monitoring.reading', enterpriseId: WINDOW, occurredAt: at(D - 29, '09:00:00'), data: { pointId: 'DW001', pollutant: 'COD', value: 75, limit: 50, unit: 'mg/L' } },
  registration(PENALTY, D - 2, 4),
  { eventId: 'penalty-4', type: 'enforcement.penalty', enterpriseId: PENALTY, occurredAt: at(D - 1, '15:00:00'), data: { caseNo: 'C-4', severity: 'minor', amountYuan: 5000, violation: '未按规定设置排污口标志' } },
  { eventId: 'reading-5', type: 'monitoring.reading', enterpriseId: NEWCOMER, occurredAt: at(D, '09:00:00'), data: { pointId: 'DW001', pollutant: 'COD', value: 20, limit: 50 } },
] as ContractEvent[];

/** The engine's rating of one enterprise-day over the same events, incremental and from scratch (they must agree). */
function engineRating(id: string, day: number): RatingDetailJson {
  const mine = EVENTS.filter((e) => e.enterpriseId === id).map((e) => toScoringEvent(e, TZ));
  const ledger = new EnterpriseLedger(id, book);
  for (const se of mine) ledger.apply(se);
  const incremental = ratingDetailJson(ledger.rate(day));
  expect(ratingDetailJson(rateFromScratch(mine, day, book))).toEqual(incremental);
  return incremental;
}

describe('midnight rollover', () => {
  let database: TestDatabase;
  let sql: Client;
  const clock = new TestClock();
  const apps: RunningApp[] = [];
  const published: OutboxRow[] = [];

  async function start(c: Clock): Promise<RunningApp> {
    const app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: 'rollover-Admin-pw-1', LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: c },
    );
    apps.push(app);
    return app;
  }

  /** The latest revision of each enterprise-day of `day`, as the contract's detail JSON. */
  async function stored(day: number): Promise<Map<string, RatingDetailJson & { revision: number }>> {
    const { rows } = await sql.query(
      `SELECT DISTINCT ON (enterprise_id) enterprise_id, day::text AS day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects
       FROM daily_ratings WHERE day = $1::date ORDER BY enterprise_id, revision DESC`,
      [isoFromDay(day)],
    );
    return new Map(
      rows.map((r) => [
        r.enterprise_id as string,
        { day: r.day, score: r.score_tenths / 10, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, criteria: r.criteria, bonus: r.bonus, effects: r.effects, revision: r.revision },
      ]),
    );
  }

  async function count(query: string, params: unknown[] = []): Promise<number> {
    return (await sql.query(query, params)).rows[0].n as number;
  }

  /** The dashboard trend's kept counts (totals + deltas, fed by the outbox trigger) equal a count of the stored ratings. */
  async function expectTrendCountsMatch(day: number): Promise<void> {
    const kept = await sql.query(
      `SELECT stars, sum(n)::int AS n FROM (SELECT stars, n FROM rating_day_counts WHERE day = $1::date
         UNION ALL SELECT stars, delta FROM rating_day_count_deltas WHERE day = $1::date) k GROUP BY stars HAVING sum(n) <> 0 ORDER BY stars`,
      [isoFromDay(day)],
    );
    const counted = await sql.query(
      `SELECT stars, count(*)::int AS n FROM (SELECT DISTINCT ON (enterprise_id) stars FROM daily_ratings WHERE day = $1::date
         ORDER BY enterprise_id, revision DESC) l GROUP BY stars ORDER BY stars`,
      [isoFromDay(day)],
    );
    expect(kept.rows).toEqual(counted.rows);
    expect(counted.rows.length).toBeGreaterThan(0);
  }

  const indicators = (r: RatingDetailJson | undefined) => (r?.effects ?? []).map((e) => e.indicator).sort();

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  it('feeds the events on day D', async () => {
    clock.set(at(D, '12:00:00'));
    const app = await start(clock);
    await app.app.get(RolloverService).idle();
    // Sinks are injected (OUTBOX_SINKS); the drainer keeps that array, so a test sink joins it.
    app.app.get<OutboxSink[]>(OUTBOX_SINKS).push({ name: 'test-capture', publish: async (rows) => void published.push(...rows) });
    const result = await app.app.get(ScoringService).processBatch(
      EVENTS.map((e, i) => ({ topicKind: topicKindOfType(e.type), topic: null, partition: null, offset: String(i), key: e.enterpriseId, value: JSON.stringify(e) })),
    );
    expect(result).toMatchObject({ accepted: EVENTS.length, rejected: [] });
    expect(await count('SELECT count(*)::int AS n FROM daily_ratings WHERE day > $1::date', [isoFromDay(D)])).toBe(0);
    const today = await stored(D);
    expect([...today.keys()].sort()).toEqual([...IDS].sort());
    // On D the permit is still valid, the order not yet overdue, the exceedance still counts.
    expect(indicators(today.get(PERMIT))).toEqual([]);
    expect(indicators(today.get(ORDER))).toEqual(['E3']);
    expect(indicators(today.get(WINDOW))).toEqual(['M1']);
    // Where each rating can next change without an event: the rollover's fast path reads this.
    const next = await sql.query('SELECT uscc, next_change_day::text AS d FROM enterprise_ledgers');
    expect(Object.fromEntries(next.rows.map((r) => [r.uscc, r.d]))).toEqual({
      [PERMIT]: isoFromDay(D + 1), // the permit's last valid day is D
      [ORDER]: isoFromDay(D + 1), // overdue from the day after the deadline
      [WINDOW]: isoFromDay(D + 1), // the reading's 30-day window
      [PENALTY]: isoFromDay(D - 1 + book.defaultProfile.windows.penalty),
      [NEWCOMER]: 'infinity',
    });
  });

  it('rates day D+1 for every enterprise exactly as the engine does, and publishes the changes', async () => {
    const app = apps[0];
    clock.set(at(D + 1, '00:00:01'));
    await app.app.get(OutboxDrainer).drain(); // D's own changes go out first
    published.length = 0;
    const result = await app.app.get(RolloverService).runDay(D + 1);
    // PENALTY and NEWCOMER have nothing ending tonight: copied in SQL; the other three evaluated.
    expect(result).toMatchObject({ day: isoFromDay(D + 1), outcome: 'done', enterprises: IDS.length, revisions: IDS.length, copied: 2 });

    const next = await stored(D + 1);
    expect([...next.keys()].sort()).toEqual([...IDS].sort());
    for (const id of IDS) {
      const { revision, ...rating } = next.get(id)!;
      expect(revision).toBe(1);
      expect(rating).toEqual(engineRating(id, D + 1));
    }
    expect(indicators(next.get(PERMIT))).toEqual(['P2']);
    expect(next.get(PERMIT)!.criteria.P).toEqual({ points: 70, subscore: 30 });
    expect(indicators(next.get(ORDER))).toEqual(['E3', 'E4']);
    expect(next.get(ORDER)!.effects.find((e) => e.indicator === 'E4')).toMatchObject({ from: isoFromDay(D + 1), until: null });
    expect(indicators(next.get(WINDOW))).toEqual([]);
    expect(next.get(WINDOW)!.score).toBe(100);
    expect(next.get(PENALTY)!.score).toBe((await stored(D)).get(PENALTY)!.score);

    // The current rating moved to D+1 for everyone.
    const current = await sql.query('SELECT uscc, rated_day::text AS rated_day, stars FROM enterprises ORDER BY uscc');
    for (const row of current.rows) {
      expect(row.rated_day).toBe(isoFromDay(D + 1));
      expect(row.stars).toBe(next.get(row.uscc)!.stars);
    }
    // One rating message per enterprise for the new day, published and gone from the outbox.
    const messages = published.filter((r) => r.kind === 'ratings').map((r) => r.payload as Record<string, unknown>);
    expect(messages.map((m) => m.enterpriseId).sort()).toEqual([...IDS].sort());
    for (const m of messages) expect(m).toMatchObject({ day: isoFromDay(D + 1), revision: 1, previous: null, causeEventIds: [] });
    expect(await count('SELECT count(*)::int AS n FROM outbox')).toBe(0);
    await expectTrendCountsMatch(D + 1);
    const run = await sql.query('SELECT instance, finished_at FROM rollover_runs WHERE day = $1::date', [isoFromDay(D + 1)]);
    expect(run.rows).toEqual([{ instance: app.app.get(RolloverService).instance, finished_at: expect.any(Date) }]);
  });

  it('writes nothing when the day is rolled over again', async () => {
    const rollover = apps[0].app.get(RolloverService);
    const before = await count('SELECT count(*)::int AS n FROM daily_ratings');
    published.length = 0;
    expect(await rollover.runDay(D + 1)).toMatchObject({ outcome: 'finished_elsewhere', revisions: 0 });
    // Even forced past the claim, re-rating finds every stored rating unchanged.
    expect(await rollover.runDay(D + 1, { force: true })).toMatchObject({ outcome: 'done', enterprises: IDS.length, revisions: 0 });
    expect(await count('SELECT count(*)::int AS n FROM daily_ratings')).toBe(before);
    expect(published).toEqual([]);
  });

  it('refuses to roll over a day that has not begun', async () => {
    await expect(apps[0].app.get(RolloverService).runDay(D + 2)).rejects.toThrow(RangeError);
  });

  it('rates each enterprise-day once when two instances run the same day at once', async () => {
    const second = await start(clock);
    await second.app.get(RolloverService).idle();
    const [a, b] = [apps[0].app.get(RolloverService), second.app.get(RolloverService)];
    clock.set(at(D + 2, '00:00:02'));

    // The race without the claim: the enterprise row locks serialise the two, the second finds the day stored.
    const forced = await Promise.all([a.runDay(D + 2, { force: true }), b.runDay(D + 2, { force: true })]);
    expect(forced.map((r) => r.revisions).reduce((x, y) => x + y)).toBe(IDS.length);
    // With the claim only one of them works.
    const claimed = await Promise.all([a.runDay(D + 2), b.runDay(D + 2)]);
    expect(claimed.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(['done']));
    expect(claimed.filter((r) => r.outcome === 'done')).toHaveLength(1);
    expect(claimed.map((r) => r.revisions)).toEqual([0, 0]);

    const rows = await sql.query('SELECT enterprise_id, count(*)::int AS n FROM daily_ratings WHERE day = $1::date GROUP BY 1', [isoFromDay(D + 2)]);
    expect(rows.rows).toHaveLength(IDS.length);
    for (const r of rows.rows) expect(r.n).toBe(1);
    for (const [id, { revision: _r, ...rating }] of await stored(D + 2)) expect(rating).toEqual(engineRating(id, D + 2));
    expect(await count('SELECT count(*)::int AS n FROM rollover_runs WHERE day = $1::date AND finished_at IS NOT NULL', [isoFromDay(D + 2)])).toBe(1);
  });

  it('takes over a claim left unfinished for 15 minutes, and leaves a live one alone', async () => {
    const rollover = apps[0].app.get(RolloverService);
    clock.set(at(D + 4, '00:00:03'));
    await sql.query(
      `INSERT INTO rollover_runs (day, instance, started_at) VALUES ($1::date, 'dead-instance', now() - interval '16 minutes'),
                                                               ($2::date, 'live-instance', now() - interval '1 minute')`,
      [isoFromDay(D + 3), isoFromDay(D + 4)],
    );
    expect(await rollover.runDay(D + 3)).toMatchObject({ outcome: 'done', enterprises: IDS.length, revisions: IDS.length });
    expect(await rollover.runDay(D + 4)).toMatchObject({ outcome: 'busy', revisions: 0 });
    const runs = await sql.query('SELECT day::text AS day, instance, finished_at IS NOT NULL AS finished FROM rollover_runs WHERE day >= $1::date ORDER BY day', [isoFromDay(D + 3)]);
    expect(runs.rows).toEqual([
      { day: isoFromDay(D + 3), instance: rollover.instance, finished: true },
      { day: isoFromDay(D + 4), instance: 'live-instance', finished: false },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM daily_ratings WHERE day = $1::date', [isoFromDay(D + 4)])).toBe(0);
    // The live instance "dies" without a trace before the downtime below.
    await sql.query('DELETE FROM rollover_runs WHERE day = $1::date', [isoFromDay(D + 4)]);
  });

  it('catches up a 3-day gap at start-up, then rolls over at the next local midnight by itself', async () => {
    for (const app of apps.splice(0)) await app.close();
    // Down from D+3 until a second and a half before the midnight that ends D+6.
    const running = new TestClock(true);
    running.set(at(D + 6, '23:59:58.500'));
    const app = await start(running);
    const rollover = app.app.get(RolloverService);
    await rollover.idle();

    const runs = await sql.query('SELECT day::text AS day, instance FROM rollover_runs WHERE day > $1::date AND finished_at IS NOT NULL ORDER BY day', [isoFromDay(D + 3)]);
    expect(runs.rows.slice(0, 3)).toEqual([D + 4, D + 5, D + 6].map((d) => ({ day: isoFromDay(d), instance: rollover.instance })));
    for (const day of [D + 4, D + 5, D + 6]) {
      const ratings = await stored(day);
      expect([...ratings.keys()].sort()).toEqual([...IDS].sort());
      for (const [id, { revision, ...rating }] of ratings) {
        expect(revision).toBe(1);
        expect(rating).toEqual(engineRating(id, day));
      }
    }

    // The timer: D+7 begins about a second from now on this clock, and nobody calls runDay.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if ((await count('SELECT count(*)::int AS n FROM rollover_runs WHERE day = $1::date AND finished_at IS NOT NULL', [isoFromDay(D + 7)])) === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await rollover.idle();
    const day7 = await stored(D + 7);
    expect([...day7.keys()].sort()).toEqual([...IDS].sort());
    const current = await sql.query('SELECT DISTINCT rated_day::text AS d FROM enterprises');
    expect(current.rows).toEqual([{ d: isoFromDay(D + 7) }]);
    // The 5-star streak, carried night by night (mostly by copies), equals the one counted from the history.
    const streaks = await sql.query('SELECT uscc, streak FROM enterprises ORDER BY uscc');
    let fiveStar = 0;
    for (const r of streaks.rows) {
      const days = await sql.query('SELECT DISTINCT ON (day) day, stars FROM daily_ratings WHERE enterprise_id = $1 ORDER BY day, revision DESC', [r.uscc]);
      let n = 0;
      for (let i = days.rows.length - 1; i >= 0 && days.rows[i].stars === 5; i--) n++;
      if (n > 0) fiveStar++;
      expect([r.uscc, r.streak]).toEqual([r.uscc, n]);
    }
    expect(fiveStar).toBeGreaterThan(0);
    for (const day of [D + 4, D + 5, D + 6, D + 7]) await expectTrendCountsMatch(day);
    // The latest star drop of the last week, kept with every change (copies never drop), equals the history's.
    const drops = await sql.query(
      `WITH latest AS (SELECT DISTINCT ON (enterprise_id, day) enterprise_id, day, stars FROM daily_ratings ORDER BY enterprise_id, day, revision DESC)
       SELECT e.uscc, e.last_drop_day::text AS kept,
         (SELECT max(c.day)::text FROM latest c JOIN latest p ON p.enterprise_id = c.enterprise_id AND p.day = c.day - 1
          WHERE c.enterprise_id = e.uscc AND c.stars < p.stars AND c.day >= $1::date - 7) AS counted
       FROM enterprises e ORDER BY e.uscc`,
      [isoFromDay(D + 7)],
    );
    for (const r of drops.rows) expect([r.uscc, r.kept]).toEqual([r.uscc, r.counted]);
    expect(drops.rows.filter((r) => r.counted !== null).length).toBeGreaterThan(0);
  });
});
