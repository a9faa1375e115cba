// Self-test of the integration harness: the per-file database is a real,
// isolated PostgreSQL database, and the broker is a real Kafka-protocol broker
// on which kafkajs consumer groups commit and resume like on Kafka.
import { Client } from 'pg';
import type { Consumer } from 'kafkajs';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestKafka, ENVFACE_TOPICS, type TestKafka } from '../support/test-kafka';

interface Seen {
  i: number;
  key: string;
  partition: number;
  offset: bigint;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('harness: PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('gives this file its own fresh database', async () => {
    const { rows } = await client.query<{ name: string; tables: string }>(
      `SELECT current_database() AS name,
              (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public')::text AS tables`,
    );
    expect(rows[0]).toEqual({ name: db.name, tables: '0' });
    expect(db.name).toMatch(/^envface_test_[0-9a-f]{12}$/);
  });

  it('runs real SQL (DDL, UTF-8 text, aggregates)', async () => {
    await client.query('CREATE TABLE probe (id int PRIMARY KEY, name text NOT NULL)');
    await client.query('INSERT INTO probe VALUES ($1, $2), ($3, $4)', [1, '环保脸谱', 2, 'EnvFace']);
    const { rows } = await client.query<{ n: number; names: string }>(
      'SELECT count(*)::int AS n, string_agg(name, \',\' ORDER BY id) AS names FROM probe',
    );
    expect(rows[0]).toEqual({ n: 2, names: '环保脸谱,EnvFace' });
    await expect(client.query('INSERT INTO probe VALUES (1, $1)', ['dup'])).rejects.toThrow(/duplicate key/);
  });

  it('drops a database even with connections left open', async () => {
    const other = await createTestDatabase();
    const leaked = new Client({ connectionString: other.url });
    leaked.on('error', () => undefined); // the forced drop terminates it on purpose
    await leaked.connect();
    await other.drop();
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [other.name]);
    expect(rows).toHaveLength(0);
    await leaked.end().catch(() => undefined);
  });
});

describe('harness: Kafka-protocol broker', () => {
  let kafka: TestKafka;
  const consumers: Consumer[] = [];

  beforeAll(() => {
    kafka = createTestKafka();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await kafka?.close();
  });

  it('creates per-file topics with the requested partition counts', async () => {
    const { topicPrefix, topics } = await kafka.createEnvfaceTopics(3);
    expect(topicPrefix).toBe(`${kafka.prefix}envface.`);
    expect(topics.monitoring).toBe(`${topicPrefix}${ENVFACE_TOPICS.monitoring}`);
    const admin = kafka.client().admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: Object.values(topics) });
      expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        Object.values(topics)
          .map((name) => [name, 3])
          .sort(),
      );
    } finally {
      await admin.disconnect();
    }
    await expect(kafka.createTopic(`envface.${ENVFACE_TOPICS.monitoring}`, 3)).rejects.toThrow(/already exists/i);
  });

  it('consumer groups commit offsets and a new member resumes exactly after them', async () => {
    const partitions = 4;
    const topic = await kafka.createTopic('resume', partitions);
    const groupId = `${kafka.prefix}group`;
    const total = 100;
    const committedBelow = 60; // consumer 1 commits only messages 0..59

    await kafka.produceRaw(
      topic,
      Array.from({ length: total }, (_, i) => ({ key: `enterprise-${i % 10}`, value: Buffer.from(String(i)) })),
    );

    // Consumer 1 reads everything but commits only up to message 59 on each partition.
    const first: Seen[] = [];
    const consumer1 = kafka.consumer({ groupId }, 'harness-consumer-1');
    consumers.push(consumer1);
    await consumer1.connect();
    await consumer1.subscribe({ topic, fromBeginning: true });
    await consumer1.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const i = Number(message.value?.toString());
        first.push({ i, key: message.key?.toString() ?? '', partition, offset: BigInt(message.offset) });
        if (i < committedBelow) {
          await consumer1.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        }
      },
    });
    await waitFor(() => first.length >= total, 'consumer 1 to read all messages');
    await consumer1.disconnect();

    expect(first.map((s) => s.i).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    // Same key → same partition, in production order (what per-enterprise ordering relies on).
    const byKey = new Map<string, Seen[]>();
    for (const s of first) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    expect(byKey.size).toBe(10);
    for (const seen of byKey.values()) {
      expect(new Set(seen.map((s) => s.partition)).size).toBe(1);
      expect(seen.map((s) => s.i)).toEqual([...seen.map((s) => s.i)].sort((a, b) => a - b));
    }
    expect(new Set(first.map((s) => s.partition)).size).toBeGreaterThan(1);

    // The broker stored exactly the committed offsets: per partition, the number of messages < 60.
    const admin = kafka.client().admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const expected = Array.from({ length: partitions }, (_, p) => {
        const count = first.filter((s) => s.partition === p && s.i < committedBelow).length;
        return { partition: p, offset: count === 0 ? '-1' : String(count) };
      });
      const stored = offsets.partitions
        .map(({ partition, offset }) => ({ partition, offset }))
        .sort((a, b) => a.partition - b.partition);
      expect(stored).toEqual(expected);
    } finally {
      await admin.disconnect();
    }

    // Consumer 2 (same group; fromBeginning would replay everything if commits were ignored).
    const second: number[] = [];
    const consumer2 = kafka.consumer({ groupId }, 'harness-consumer-2');
    consumers.push(consumer2);
    await consumer2.connect();
    await consumer2.subscribe({ topic, fromBeginning: true });
    await consumer2.run({
      eachMessage: async ({ message }) => {
        second.push(Number(message.value?.toString()));
      },
    });
    await waitFor(() => second.length >= total - committedBelow, 'consumer 2 to read the uncommitted messages');
    await sleep(1_000); // anything re-delivered from before the commit would arrive in this window
    await consumer2.disconnect();
    expect(second.sort((a, b) => a - b)).toEqual(
      Array.from({ length: total - committedBelow }, (_, k) => committedBelow + k),
    );
  });
});
