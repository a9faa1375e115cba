import { Client } from 'pg';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { withUsccCheck } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestKafka, type EnvfaceTopicSet, type TestKafka } from '../support/test-kafka';

/**
 * With Kafka configured, an applied registry import is produced to the registry topic (keyed by USCC)
 * and reaches the registry through the app's own consumer, like any other system's upserts.
 */
const PASSWORD = 'kafka-Import-pw-1';
const usccs = [1, 2, 3].map((n) => withUsccCheck(`91320104MA1K0000${n}`));

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('workflow events through Kafka: a registry import and an inspection result', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let set: EnvfaceTopicSet;
  let sql: Client;
  let app: RunningApp;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    kafka = createTestKafka();
    set = await kafka.createEnvfaceTopics(4);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    app = await startApp(
      {
        DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error',
        KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: set.topicPrefix, KAFKA_GROUP_ID: `envface-import-${Date.now()}`, KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
      { print: () => undefined, clock: fixedClock('2026-03-15T12:00:00+08:00') },
    );
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.close();
    await sql?.end();
    await database?.drop();
  });

  it('produces the applied rows to the registry topic and the consumer stores them', async () => {
    const form = new FormData();
    form.set('file', new Blob([['uscc,name,regionCode,industryCode', ...usccs.map((u, i) => `${u},卡夫卡企业${i},320104,C2614`)].join('\n')]), 'k.csv');
    const dry = await fetch(`${app.url}/api/registry/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const report = (await dry.json()) as { id: string; counts: { add: number } };
    expect(report.counts.add).toBe(3);
    const applied = await fetch(`${app.url}/api/registry/imports/${report.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await applied.json()).toMatchObject({ added: 3, events: 3 });
    const stored = await waitFor('the consumer to store the upserts', async () => {
      const rows = (await sql.query<{ event_id: string; topic: string | null; key: string }>(
        `SELECT e.event_id, e.source_topic AS topic, e.enterprise_id AS key FROM events e WHERE e.type = 'enterprise.upserted' ORDER BY e.enterprise_id`,
      )).rows;
      return rows.length === 3 && rows;
    });
    // Stored from the topic (with its name), one event per row, keyed by the enterprise.
    expect(stored.map((r) => [r.event_id, r.topic, r.key])).toEqual(usccs.map((u) => [`registry-import-${report.id}-${u}`, set.topics.registry, u]));
    const names = (await sql.query('SELECT name FROM enterprises WHERE uscc = ANY($1) AND registered ORDER BY uscc', [usccs])).rows.map((r) => r.name);
    expect(names).toEqual(['卡夫卡企业0', '卡夫卡企业1', '卡夫卡企业2']);
  });

  it("an inspector's recorded violation is produced to the enforcement topic and scored from there (E1)", async () => {
    const hash = await hashPassword('inspector-pw-123');
    const inspectorTokens: Record<string, string> = {};
    for (const name of ['kafka.a', 'kafka.b']) {
      await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ($1, $2, 'inspector')`, [name, hash]);
      const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: 'inspector-pw-123' }) });
      inspectorTokens[name] = ((await res.json()) as { token: string }).token;
    }
    const created = await fetch(`${app.url}/api/inspection-plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kafka 抽查', day: '2026-03-15', regionPrefixes: ['320104'], industryPrefixes: [], size: 1, inspectors: ['kafka.a', 'kafka.b'], includeExempt: true }),
    });
    expect(created.status).toBe(201);
    const plan = (await created.json()) as { id: string; drawn: { uscc: string; inspectors: string[] }[] };
    const target = plan.drawn[0]!;
    const recorded = await fetch(`${app.url}/api/inspection-plans/${plan.id}/results`, {
      method: 'POST',
      headers: { authorization: `Bearer ${inspectorTokens[target.inspectors[0]!]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ uscc: target.uscc, result: 'violation_found', findings: '废水排放口COD超标' }),
    });
    expect(recorded.status).toBe(200);
    const stored = await waitFor('the consumer to store the inspection', async () => {
      const rows = (await sql.query<{ topic: string | null }>(`SELECT source_topic AS topic FROM events WHERE type = 'enforcement.inspection' AND enterprise_id = $1`, [target.uscc])).rows;
      return rows.length === 1 && rows[0]!;
    });
    expect(stored.topic).toBe(set.topics.enforcement);
    const effects = await waitFor('the rating with E1', async () => {
      const rows = (await sql.query<{ effects: { indicator: string }[] }>(
        `SELECT effects FROM daily_ratings WHERE enterprise_id = $1 AND day = '2026-03-15' ORDER BY revision DESC LIMIT 1`, [target.uscc],
      )).rows;
      return rows[0]?.effects.some((e) => e.indicator === 'E1') && rows[0].effects;
    });
    expect(effects.map((e) => e.indicator)).toContain('E1');
  });
});
