import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Admin } from 'kafkajs';
import { INPUT_TOPIC_KINDS, parseStreamFile, valueBytes } from '@envface/streams';
import { ensureBackendBuilt, spawnApp } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { historyFaults, latestRatingsByEnterprise } from '../support/stored-ratings';
import { createTestKafka, groupCaughtUp, type EnvfaceTopicSet, type TestKafka } from '../support/test-kafka';

/**
 * Crash safety: the server is SIGKILLed at random moments while it consumes the sample stream and
 * restarted each time. Nothing may be lost or counted twice: every accepted event is stored once,
 * every rejected one recorded once, and the final ratings equal the hand-checked expectation (which
 * an uninterrupted run also produces — see kafka-pipeline.test.ts). Revisions stay a clean history.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, { day: string; score: number; stars: number; face: string; colour: string; grade: string; veto: boolean }[]>;
};

// Reproducible "random" kill moments; the seed is printed on failure via the test name.
const SEED = Number(process.env.ENVFACE_TEST_SEED ?? Date.now() % 100000);
let state = SEED;
const rnd = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);

describe(`crash safety (seed ${SEED})`, () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let set: EnvfaceTopicSet;
  let admin: Admin;
  let sql: Client;
  const groupId = `envface-crash-${Date.now()}`;
  let env: Record<string, string>;

  /** The group committed every input message and the outbox is empty. */
  async function caughtUp(): Promise<boolean> {
    if (!(await groupCaughtUp(admin, groupId, INPUT_TOPIC_KINDS.map((k) => set.topics[k])))) return false;
    return (await sql.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n === 0;
  }

  beforeAll(async () => {
    ensureBackendBuilt();
    database = await createTestDatabase();
    kafka = createTestKafka();
    set = await kafka.createEnvfaceTopics(4);
    admin = kafka.client('envface-crash-admin').admin();
    await admin.connect();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const lines = parseStreamFile(path.join(FIXTURES, 'stream-2026-03-15.jsonl'));
    for (const kind of INPUT_TOPIC_KINDS) {
      await kafka.produceRaw(set.topics[kind], lines.filter((l) => l.topic === kind).map((l) => ({ key: l.key, value: valueBytes(l) })));
    }
    env = {
      DATABASE_URL: database.url,
      PORT: '0',
      ENVFACE_ADMIN_PASSWORD: 'crash-Admin-pw-1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: set.topicPrefix,
      KAFKA_GROUP_ID: groupId,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
  }, 300_000);

  afterAll(async () => {
    await admin?.disconnect();
    await kafka?.close();
    await sql?.end();
    await database?.drop();
  });

  it('loses nothing and counts nothing twice across SIGKILLs', async () => {
    let killsWhileWorking = 0;
    for (let i = 0; i < 5; i++) {
      const app = spawnApp(env, expected.now);
      await app.url;
      if (i === 0) {
        // Make sure at least one kill lands in the middle of the work: as soon as anything is stored.
        const until = Date.now() + 60_000;
        while ((await sql.query('SELECT count(*)::int AS n FROM events')).rows[0].n === 0 && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 2));
        }
      } else {
        await new Promise((r) => setTimeout(r, 100 + Math.floor(rnd() * 1500)));
      }
      app.child.kill('SIGKILL');
      await app.exited;
      // What the killed instance left: events stored but not all, or stored with their offsets not yet
      // committed or their outbox not yet published (the whole stream can be one transaction, so
      // "stored" alone says little) — the next instance must then redo work without doubling it.
      const stored = (await sql.query('SELECT count(*)::int AS n FROM events')).rows[0].n as number;
      if (stored > 0 && (stored < expected.accepted || !(await caughtUp()))) killsWhileWorking++;
    }
    const final = spawnApp(env, expected.now);
    await final.url;
    const deadline = Date.now() + 120_000;
    while (!(await caughtUp())) {
      if (Date.now() > deadline) throw new Error(`did not catch up:\n${final.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    // SIGTERM drains and stops cleanly (Nest closes everything, then re-raises the signal).
    final.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await final.exited);
    expect(final.output()).not.toMatch(/"level":"error"|ERROR/);

    const events = await sql.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM events');
    expect(events.rows[0]).toEqual({ n: expected.accepted, d: expected.accepted });
    const dead = await sql.query('SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason');
    expect(Object.fromEntries(dead.rows.map((r) => [r.reason, r.n]))).toEqual(expected.dlq);

    expect(await latestRatingsByEnterprise(sql)).toEqual(expected.ratings);

    // A clean history: revisions 1..n per day, each different from the one before.
    const faults = await historyFaults(sql);
    expect(faults.gaps).toEqual([]);
    expect(faults.repeats).toEqual([]);
    // The kills must have hit the work at least once for the test to mean anything.
    expect(killsWhileWorking).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
