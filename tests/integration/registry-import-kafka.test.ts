import { Client } from 'pg';
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

describe('registry import through Kafka', () => {
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
});
