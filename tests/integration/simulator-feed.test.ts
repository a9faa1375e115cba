import { Client } from 'pg';
import { createSimulator, dayOfInstant, isoFromDay } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import type { Clock } from '../../backend/src/platform/clock';
import { SIMULATOR_SEED } from '../../backend/src/pipeline/ingest/simulator-feed.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Without Kafka the built-in simulator feeds the rating pipeline in process: within a bounded time
 * the configured enterprises are registered and rated, and restarts (even in the middle of the
 * feed) resume from the committed progress without storing any event twice or losing one.
 */
const ENTERPRISES = 30;
const WAIT_MS = 90_000;

class TestClock implements Clock {
  private ms = 0;
  set(ms: number): void {
    this.ms = ms;
  }
  now(): number {
    return this.ms;
  }
}

describe('simulator feed without Kafka', () => {
  let database: TestDatabase;
  let sql: Client;
  let app: RunningApp | null = null;
  const clock = new TestClock();

  async function start(): Promise<RunningApp> {
    app = await startApp(
      {
        DATABASE_URL: database.url,
        PORT: '0',
        ENVFACE_ADMIN_PASSWORD: 'simulator-Admin-pw-1',
        LOG_LEVEL: 'error',
        ENVFACE_SIMULATOR: 'on',
        ENVFACE_SIMULATOR_ENTERPRISES: String(ENTERPRISES),
      },
      { print: () => undefined, clock },
    );
    return app;
  }

  async function stop(): Promise<void> {
    await app?.close();
    app = null;
  }

  async function count(query: string, params: unknown[] = []): Promise<number> {
    return (await sql.query(query, params)).rows[0].n as number;
  }

  async function setting(key: string): Promise<string | null> {
    return (await sql.query('SELECT value FROM app_settings WHERE key = $1', [key])).rows[0]?.value ?? null;
  }

  /** Waits until everything up to the clock is fed and committed. */
  async function fedUpToClock(): Promise<void> {
    const target = new Date(clock.now()).toISOString();
    const deadline = Date.now() + WAIT_MS;
    while ((await setting('simulator.fed_until')) !== target) {
      if (Date.now() > deadline) throw new Error(`simulator did not reach ${target} within ${WAIT_MS} ms (at ${await setting('simulator.fed_until')})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** What the simulator's world holds up to `toMs`: the events that must be stored, each once. */
  async function expectedEventCount(toMs: number): Promise<number> {
    const startMs = Date.parse((await setting('simulator.start'))!);
    const sim = createSimulator({ enterprises: ENTERPRISES, seed: SIMULATOR_SEED, startMs, historyDays: 60 });
    return sim.registryEvents().length + sim.eventsBetween(startMs, toMs).length;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await stop().catch(() => undefined);
    await sql?.end();
    await database?.drop();
  });

  it('survives a stop in the middle of the first feed', async () => {
    clock.set(Date.parse('2026-04-10T12:00:00+08:00'));
    await start();
    const deadline = Date.now() + WAIT_MS;
    while ((await count('SELECT count(*)::int AS n FROM events')) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Closing waits for the batch in progress; what was queued behind it is fed again on the next start.
    await stop();
    expect(await count('SELECT count(*)::int AS n FROM events')).toBeGreaterThan(0);
  });

  it('registers and rates every simulated enterprise, some below five stars', async () => {
    await start();
    await fedUpToClock();
    const today = isoFromDay(dayOfInstant(clock.now(), 'Asia/Shanghai'));
    const enterprises = await sql.query('SELECT uscc, registered, name, rated_day::text AS rated_day, stars FROM enterprises');
    expect(enterprises.rows).toHaveLength(ENTERPRISES);
    for (const e of enterprises.rows) {
      expect(e).toMatchObject({ registered: true, name: expect.stringMatching(/公司$/), rated_day: today, stars: expect.any(Number) });
    }
    expect(enterprises.rows.filter((e) => e.stars < 5).length).toBeGreaterThan(0);
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'monitoring.reading'")).toBeGreaterThan(ENTERPRISES * 24);
    expect(await count('SELECT count(*)::int AS n FROM dead_letters')).toBe(0);
    // Every event of the world up to the clock is stored exactly once, despite the interrupted first start.
    expect(await count('SELECT count(*)::int AS n FROM events')).toBe(await expectedEventCount(clock.now()));
    expect(await count('SELECT count(DISTINCT event_id)::int AS n FROM events')).toBe(await count('SELECT count(*)::int AS n FROM events'));
    expect(await count('SELECT count(*)::int AS n FROM event_ids')).toBe(await count('SELECT count(*)::int AS n FROM events'));
  });

  it('resumes after a restart without storing anything twice: only the new hours are added', async () => {
    const before = await count('SELECT count(*)::int AS n FROM events');
    const ratingsBefore = await count('SELECT count(*)::int AS n FROM daily_ratings');
    await stop();

    // Same instant: nothing new happened in the world, so nothing is stored and nothing re-rated.
    await start();
    await fedUpToClock();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await count('SELECT count(*)::int AS n FROM events')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM daily_ratings')).toBe(ratingsBefore);
    await stop();

    // Ninety minutes later: exactly the events of those minutes are added.
    clock.set(clock.now() + 90 * 60_000);
    await start();
    await fedUpToClock();
    const after = await count('SELECT count(*)::int AS n FROM events');
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(await expectedEventCount(clock.now()));
    expect(await count('SELECT count(*)::int AS n FROM event_ids')).toBe(after);
  });
});
