import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import {
  dayFromIso,
  defaultRuleBook,
  INPUT_TOPIC_KINDS,
  parseStreamFile,
  RatingEngine,
  ratingDetailJson,
  topicName,
  valueBytes,
  type ContractEvent,
  type StreamLine,
} from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { DB_PING_TIMEOUT_MS } from '../../backend/src/platform/health/health.service';
import { fixedClock } from '../../backend/src/platform/clock';
import { startKafkaMock, type KafkaBroker } from '../support/kafka-broker.harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { historyFaults, latestRatingsByEnterprise } from '../support/stored-ratings';
import { groupCaughtUp } from '../support/test-kafka';

/**
 * Outages with real parts: the app (in-process, fixed clock) consumes from a Kafka-protocol broker
 * into a real PostgreSQL while one of them goes away and comes back, without restarting the app.
 *
 * - Database: the app reaches the harness PostgreSQL through a TCP proxy that the test cuts (open
 *   connections destroyed, new ones held silent like a network partition) and restores; the shared
 *   server itself keeps running for the other test files.
 * - Broker: this file starts a kafka-mock of its own and takes its only broker down and up through
 *   the control port, because downing the harness broker would break the test files running beside it.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, { day: string; score: number; stars: number; face: string; colour: string; grade: string; veto: boolean }[]>;
};
const PREFIX = 'envface.';
const GROUP = 'envface-outage';
const PASSWORD = 'outage-Admin-pw-1';
const INPUT_TOPICS = INPUT_TOPIC_KINDS.map((k) => topicName(PREFIX, k));
/** kafka-mock's cluster has a single broker, id 1. */
const BROKER_ID = 1;

interface Health {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One line on the kafka-mock control port (see tests/kafka-mock/kafka-mock.c). */
function control(address: string, command: string): Promise<string> {
  const at = address.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address.slice(0, at), port: Number(address.slice(at + 1)) });
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`kafka-mock control timed out: ${command}`)));
    socket.on('error', reject);
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
      if (answer.includes('\n')) {
        socket.end();
        resolve(answer.slice(0, answer.indexOf('\n')));
      }
    });
    socket.write(`${command}\n`);
  });
}

describe('outages: the database or the broker goes away and comes back', () => {
  let broker: KafkaBroker;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: RunningApp | undefined;
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let sql: Client;
  const lines = parseStreamFile(path.join(FIXTURES, 'stream-2026-03-15.jsonl'));

  async function health(): Promise<Health> {
    const res = await fetch(`${app!.url}/api/health`);
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
  }

  /** Produces in send order; consecutive lines of one topic go in one request, keeping their order per key. */
  async function produce(part: readonly StreamLine[]): Promise<void> {
    for (let i = 0; i < part.length; ) {
      let j = i;
      while (j < part.length && part[j]!.topic === part[i]!.topic) j++;
      await producer.send({
        topic: topicName(PREFIX, part[i]!.topic),
        acks: -1,
        messages: part.slice(i, j).map((l) => ({ key: l.key, value: valueBytes(l) })),
      });
      i = j;
    }
  }

  /** envface_kafka_consumer_crashes_total from /metrics, all labels summed. */
  async function consumerCrashes(): Promise<number> {
    const text = await (await fetch(`${app!.url}/metrics`)).text();
    return [...text.matchAll(/^envface_kafka_consumer_crashes_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  }

  async function count(table: string): Promise<number> {
    return (await sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  }

  /** The group committed every input message and the outbox is empty (everything published). */
  async function caughtUp(): Promise<boolean> {
    return (await groupCaughtUp(admin, GROUP, INPUT_TOPICS)) && (await count('outbox')) === 0;
  }

  beforeAll(async () => {
    broker = await startKafkaMock();
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(database.url);
    viaProxy.hostname = proxy.host;
    viaProxy.port = String(proxy.port);
    sql = new Client({ connectionString: database.url }); // the test itself goes straight to PostgreSQL
    await sql.connect();
    kafka = new Kafka({ clientId: 'envface-outage-test', brokers: broker.brokers, logLevel: logLevel.NOTHING, retry: { retries: 8 } });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    app = await startApp(
      {
        DATABASE_URL: viaProxy.toString(),
        PORT: '0',
        ENVFACE_ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'fatal',
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_TOPIC_PREFIX: PREFIX,
        KAFKA_GROUP_ID: GROUP,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
      { print: () => undefined, clock: fixedClock(expected.now) },
    );
  });

  afterAll(async () => {
    proxy?.restore();
    await app?.close();
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await sql?.end();
    await proxy?.close();
    await database?.drop();
    await broker?.stop();
  });

  it('database outage mid-stream: 503 naming the database, nothing skipped or stored twice, ratings as without the outage', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', db: 'up', kafka: 'up' } });
    const [before, during, after] = [lines.slice(0, 240), lines.slice(240, 400), lines.slice(400)];

    async function duringDatabaseOutage(): Promise<void> {
      // Health names the database in the contract's shape, and answers promptly although the network is silent.
      const down = await waitFor('health to report the database down', async () => {
        const h = await health();
        return h.status === 503 ? h : undefined;
      }, 20_000);
      const asked = Date.now();
      expect((await health()).status).toBe(503);
      expect(Date.now() - asked).toBeLessThan(DB_PING_TIMEOUT_MS + 1_500);
      expect(down.body).toEqual({ status: 'error', db: 'down', kafka: 'up', consumer: 'ok', error: { code: 'unavailable', message: 'database down' } });
      expect(down.text).not.toMatch(/\bat \S+ \(|stack|Error:/);
      // Counted seconds after the cut, so a COMMIT that was already on its way is in.
      const storedAtCut = await count('events');
      expect(storedAtCut).toBeLessThan(expected.accepted);

      // Keep producing while the database is away; none of it can be applied, so none of it may be committed.
      await produce(during);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(await count('events')).toBe(storedAtCut);
      expect(await groupCaughtUp(admin, GROUP, INPUT_TOPICS)).toBe(false);
      expect((await health()).status).toBe(503);
      expect(proxy.stats.held).toBeGreaterThan(0); // connections were held silent, not refused: the partition case
    }

    // Cut as soon as the consumer has stored anything, so the cut lands while it is working.
    await produce(before);
    await waitFor('the first events to be stored', async () => (await count('events')) > 0, 60_000, 5);
    proxy.cut('hold');
    try {
      await duringDatabaseOutage();
    } finally {
      proxy.restore(); // also when an assertion failed, so the next scenario starts with a database
    }

    await waitFor('health back to 200', async () => (await health()).status === 200, 20_000);
    await produce(after);
    await waitFor('the consumer to catch up after the outage', caughtUp, 60_000);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', db: 'up', kafka: 'up' } });

    // Every accepted event stored exactly once, every rejected message recorded once.
    const events = await sql.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM events');
    expect(events.rows[0]).toEqual({ n: expected.accepted, d: expected.accepted });
    expect(await count('event_ids')).toBe(expected.accepted);
    const dead = await sql.query('SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason');
    expect(Object.fromEntries(dead.rows.map((r) => [r.reason, r.n]))).toEqual(expected.dlq);

    // The latest revision of every enterprise-day equals the uninterrupted run's result (the fixture).
    expect(await latestRatingsByEnterprise(sql)).toEqual(expected.ratings);

    // A clean history: revisions 1..n per day, none repeating the one before (no retry wrote twice).
    const faults = await historyFaults(sql);
    expect(faults.gaps).toEqual([]);
    expect(faults.repeats).toEqual([]);
  });

  it('broker outage: 503 naming Kafka within a bounded time; the crashed consumer comes back by itself and rates what is produced next', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', db: 'up', kafka: 'up' } });
    const today = expected.now.slice(0, 10);
    // An enterprise rated on the clock's day without a veto, so a serious penalty that day must lower its score.
    const target = (
      await sql.query(
        `SELECT enterprise_id, score_tenths, revision FROM (
           SELECT DISTINCT ON (enterprise_id) enterprise_id, score_tenths, veto, revision FROM daily_ratings
           WHERE day = $1::date ORDER BY enterprise_id, revision DESC) latest
         WHERE NOT veto AND score_tenths >= 600 ORDER BY enterprise_id LIMIT 1`,
        [today],
      )
    ).rows[0] as { enterprise_id: string; score_tenths: number; revision: number };
    expect(target).toBeDefined();
    const crashesBefore = await consumerCrashes();

    async function duringBrokerOutage(downAt: number, crashesBefore: number): Promise<void> {
      // The broker probe runs every 10 s with a 3 s connect timeout.
      const down = await waitFor('health to report Kafka down', async () => {
        const h = await health();
        return h.status === 503 ? h : undefined;
      }, 15_000);
      expect(Date.now() - downAt).toBeLessThan(15_000);
      expect(down.body).toEqual({ status: 'error', db: 'up', kafka: 'down', consumer: 'ok', error: { code: 'unavailable', message: 'kafka down' } });
      expect(down.text).not.toMatch(/\bat \S+ \(|stack|Error:/);

      // Stay down until the consumer has crashed (its retries used up), so recovery has to restart it.
      await waitFor('the consumer to crash', async () => (await consumerCrashes()) > crashesBefore, 45_000, 500);
      expect((await health()).body).toMatchObject({ status: 'error', kafka: 'down' });
    }

    const downAt = Date.now();
    expect(await control(broker.control!, `down ${BROKER_ID}`)).toBe('ok');
    try {
      await duringBrokerOutage(downAt, crashesBefore);
    } finally {
      expect(await control(broker.control!, `up ${BROKER_ID}`)).toBe('ok'); // also when an assertion failed
    }
    await waitFor('health back to 200', async () => (await health()).status === 200, 15_000);

    // Produced after recovery: the same app (not restarted) must consume and rate it.
    const penaltyId = `outage-penalty-${Date.now()}`;
    const penalty = {
      eventId: penaltyId,
      type: 'enforcement.penalty',
      enterpriseId: target.enterprise_id,
      occurredAt: `${today}T09:30:00+08:00`,
      source: 'outage-test',
      data: { caseNo: 'CASE-OUTAGE-1', severity: 'serious', amountYuan: 500000, violation: '超标排放', publicText: '责令改正并处罚款' },
    };
    await producer.send({ topic: topicName(PREFIX, 'enforcement'), acks: -1, messages: [{ key: target.enterprise_id, value: JSON.stringify(penalty) }] });
    await waitFor('the consumer to resume and catch up', caughtUp, 60_000);

    expect((await sql.query('SELECT count(*)::int AS n FROM events WHERE event_id = $1', [penaltyId])).rows[0].n).toBe(1);
    const revised = await sql.query(
      'SELECT revision, score_tenths, cause_event_ids FROM daily_ratings WHERE enterprise_id = $1 AND day = $2::date ORDER BY revision DESC LIMIT 1',
      [target.enterprise_id, today],
    );
    expect(revised.rows[0]).toMatchObject({ revision: target.revision + 1, cause_event_ids: [penaltyId] });
    expect(revised.rows[0].score_tenths).toBeLessThan(target.score_tenths);
    // And the contract's API serves it.
    const login = await fetch(`${app!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${app!.url}/api/enterprises/${target.enterprise_id}/ratings/${today}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ revision: target.revision + 1, score: revised.rows[0].score_tenths / 10 });
  });

  it('after both outages every stored rating equals a rebuild from the stored events', async () => {
    const events = await sql.query<{ body: ContractEvent }>('SELECT body FROM events ORDER BY occurred_at, event_id');
    const engine = new RatingEngine(defaultRuleBook(), 'Asia/Shanghai');
    for (const e of events.rows) engine.apply(e.body);
    const stored = await sql.query(
      `SELECT DISTINCT ON (enterprise_id, day) enterprise_id, day::text AS day, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects
       FROM daily_ratings ORDER BY enterprise_id, day, revision DESC`,
    );
    expect(stored.rows.length).toBeGreaterThan(1000);
    const mismatches: string[] = [];
    for (const row of stored.rows) {
      const r = ratingDetailJson(engine.get(row.enterprise_id)!.rate(dayFromIso(row.day)));
      const a = { score: row.score_tenths / 10, stars: row.stars, face: row.face, colour: row.colour, grade: row.grade, veto: row.veto, criteria: row.criteria, bonus: row.bonus, effects: row.effects };
      const b = { score: r.score, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, criteria: r.criteria, bonus: r.bonus, effects: r.effects };
      if (!isDeepStrictEqual(a, b)) mismatches.push(`${row.enterprise_id} ${row.day}`);
    }
    expect(mismatches).toEqual([]);
  });
});
