import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Admin } from 'kafkajs';
import {
  dayFromIso,
  deadLetterMessageSchema,
  defaultRuleBook,
  INPUT_TOPIC_KINDS,
  parseStreamFile,
  RatingEngine,
  ratingChangeMessageSchema,
  ratingDetailJson,
  valueBytes,
  type ContractEvent,
} from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestKafka, groupCaughtUp, type EnvfaceTopicSet, type TestKafka } from '../support/test-kafka';

/**
 * The whole pipeline with real parts: the sample stream produced to a Kafka-protocol broker with its
 * keys, consumed by the app's consumer group into a real PostgreSQL, read back through the HTTP
 * contract, the dead-letter and ratings topics read back from the broker.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, Record<string, unknown>[]>;
};
const PASSWORD = 'kafka-Admin-pw-1';
const DLQ_TOTAL = Object.values(expected.dlq).reduce((a, b) => a + b, 0);

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Kafka → scorer → PostgreSQL → API, ratings and dead-letter topics', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let set: EnvfaceTopicSet;
  let admin: Admin;
  let sql: Client;
  let app: RunningApp | undefined;
  let token: string;
  let groupId = `envface-test-${Date.now()}`;

  async function start(): Promise<RunningApp> {
    const a = await startApp(
      {
        DATABASE_URL: database.url,
        PORT: '0',
        ENVFACE_ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'error',
        KAFKA_BROKERS: kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: set.topicPrefix,
        KAFKA_GROUP_ID: groupId,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
      { print: () => undefined, clock: fixedClock(expected.now) },
    );
    const res = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
    return a;
  }

  /** True when the group has committed every input message and the outbox is empty. */
  /** The group committed every input message and the outbox is empty. */
  async function caughtUp(): Promise<boolean> {
    if (!(await groupCaughtUp(admin, groupId, INPUT_TOPIC_KINDS.map((k) => set.topics[k])))) return false;
    return (await sql.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n === 0;
  }

  async function readTopic(topic: string, count: number): Promise<{ key: string | null; value: any }[]> {
    const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
    const out: { key: string | null; value: any }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void out.push({ key: message.key?.toString() ?? null, value: JSON.parse(message.value!.toString()) }) });
    await waitFor(`${count} messages on ${topic}`, async () => out.length >= count);
    await new Promise((r) => setTimeout(r, 500)); // anything beyond the expected count would show up now
    await consumer.disconnect();
    return out;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    kafka = createTestKafka();
    set = await kafka.createEnvfaceTopics(4);
    admin = kafka.client('envface-test-admin').admin();
    await admin.connect();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    // Produce in send order; consecutive lines of one topic go in one request, keeping their order.
    const lines = parseStreamFile(path.join(FIXTURES, 'stream-2026-03-15.jsonl'));
    for (let i = 0; i < lines.length; ) {
      let j = i;
      while (j < lines.length && lines[j]!.topic === lines[i]!.topic) j++;
      await kafka.produceRaw(set.topics[lines[i]!.topic], lines.slice(i, j).map((l) => ({ key: l.key, value: valueBytes(l) })));
      i = j;
    }
    app = await start();
    await waitFor('the consumer to catch up', caughtUp);
  });

  afterAll(async () => {
    await app?.close();
    await admin?.disconnect();
    await kafka?.close();
    await sql?.end();
    await database?.drop();
  });

  it('stores exactly the accepted events and reports Kafka up', async () => {
    expect((await sql.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(expected.accepted);
    const health = await fetch(`${app!.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'up', kafka: 'up', consumer: 'ok' });
  });

  it('answers the ratings API exactly as expected for every enterprise-day', async () => {
    const mismatches: string[] = [];
    for (const [id, days] of Object.entries(expected.ratings)) {
      const res = await fetch(`${app!.url}/api/enterprises/${id}/ratings?from=${days[0]!.day}&to=${days[days.length - 1]!.day}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { ratings: { revision: number }[] };
      const got = body.ratings.map(({ revision: _r, ...rest }) => rest);
      if (JSON.stringify(got) !== JSON.stringify(days)) mismatches.push(id);
    }
    expect(mismatches).toEqual([]);
  });

  it('puts exactly the expected reasons on the dead-letter topic, in the contract shape', async () => {
    const dlq = await readTopic(set.topics.dlq, DLQ_TOTAL);
    expect(dlq).toHaveLength(DLQ_TOTAL);
    const counts: Record<string, number> = {};
    for (const m of dlq) counts[m.value.reason] = (counts[m.value.reason] ?? 0) + 1;
    expect(counts).toEqual(expected.dlq);
    for (const m of dlq) {
      expect(Object.keys(m.value).sort()).toEqual(expect.arrayContaining(['at', 'detail', 'key', 'offset', 'partition', 'reason', 'topic', 'value']));
      expect(typeof m.value.offset).toBe('string');
      expect(Object.values(set.topics)).toContain(m.value.topic);
      // Exactly the contract's message schema (dead-letter-message.schema.ts), no other field.
      expect(deadLetterMessageSchema.strict().safeParse(m.value).error?.issues ?? []).toEqual([]);
    }
    expect(dlq.filter((m) => m.value.encoding === 'base64')).toHaveLength(1);
  });

  it('publishes one ratings message per stored revision, keyed by USCC, in the contract shape', async () => {
    const stored = (await sql.query('SELECT count(*)::int AS n FROM daily_ratings')).rows[0].n as number;
    const ratings = await readTopic(set.topics.ratings, stored);
    expect(ratings).toHaveLength(stored);
    for (const m of ratings.slice(0, 50)) {
      expect(m.key).toBe(m.value.enterpriseId);
      expect(Object.keys(m.value).sort()).toEqual(['at', 'causeEventIds', 'colour', 'day', 'enterpriseId', 'face', 'grade', 'previous', 'revision', 'score', 'stars', 'veto']);
      expect(m.value.at).toMatch(/\+08:00$/);
    }
    // Every message is exactly the contract's rating-change schema (rating-message.schema.ts).
    const wrong = ratings.filter((m) => !ratingChangeMessageSchema.strict().safeParse(m.value).success);
    expect(wrong.slice(0, 3)).toEqual([]);
    const revised = ratings.find((m) => m.value.revision > 1)!;
    expect(revised.value.previous).toEqual({ score: expect.any(Number), stars: expect.any(Number), face: expect.any(String) });
  });

  it('rebuilding every rating from the stored events equals the stored ratings', async () => {
    const events = await sql.query<{ body: ContractEvent }>('SELECT body FROM events ORDER BY occurred_at, event_id');
    const engine = new RatingEngine(defaultRuleBook(), 'Asia/Shanghai');
    for (const e of events.rows) engine.apply(e.body);
    const stored = await sql.query(
      `SELECT DISTINCT ON (enterprise_id, day) enterprise_id, day::text AS day, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects
       FROM daily_ratings ORDER BY enterprise_id, day, revision DESC`,
    );
    expect(stored.rows.length).toBeGreaterThan(1000);
    for (const row of stored.rows) {
      const r = ratingDetailJson(engine.get(row.enterprise_id)!.rate(dayFromIso(row.day)));
      expect({ score: row.score_tenths / 10, stars: row.stars, face: row.face, colour: row.colour, grade: row.grade, veto: row.veto, criteria: row.criteria, bonus: row.bonus, effects: row.effects })
        .toEqual({ score: r.score, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, criteria: r.criteria, bonus: r.bonus, effects: r.effects });
    }
  });

  it('replaying every input topic from offset 0 changes nothing', async () => {
    const snapshot = async () => ({
      events: (await sql.query('SELECT count(*)::int AS n FROM events')).rows[0].n,
      ratings: (await sql.query('SELECT count(*)::int AS n FROM daily_ratings')).rows[0].n,
      dead: (await sql.query('SELECT count(*)::int AS n FROM dead_letters')).rows[0].n,
      current: (await sql.query('SELECT uscc, score_tenths, stars, streak FROM enterprises ORDER BY uscc')).rows,
    });
    const before = await snapshot();
    await app!.close();
    app = undefined;
    // A fresh consumer group starts every input topic at offset 0 (the test broker has no
    // DescribeGroups, which kafkajs' resetOffsets needs; a new group is the same replay).
    groupId = `${groupId}-replay`;
    app = await start();
    await waitFor('the replay to finish', caughtUp);
    expect(await snapshot()).toEqual(before);
    const dlqEnd = await admin.fetchTopicOffsets(set.topics.dlq);
    expect(dlqEnd.reduce((n, p) => n + Number(p.high), 0)).toBe(DLQ_TOTAL);
  });
});
