// The simulator CLI against a real Kafka-protocol broker: what it publishes is exactly the
// simulator's stream, on the right topics, keyed by USCC, and every message passes the contract.
import type { Consumer } from 'kafkajs';
import { runSimulateCli } from '../../streams/src/cli/simulate-cli';
import type { ContractEvent } from '../../streams/src/contract/event-schemas';
import { INPUT_TOPIC_KINDS, topicKindOf, topicName } from '../../streams/src/contract/topics';
import { validateMessage } from '../../streams/src/contract/validate-message';
import { createSimulator } from '../../streams/src/simulator/simulator';
import { createTestKafka, type TestKafka } from '../support/test-kafka';

interface Received {
  topic: string;
  key: string | null;
  value: string;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm run simulate', () => {
  let kafka: TestKafka;
  const consumers: Consumer[] = [];

  beforeAll(() => {
    kafka = createTestKafka();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await kafka?.close();
  });

  /** Creates the four input topics under `<file prefix><name>.envface.` and starts collecting them. */
  async function topicsAndCollector(name: string): Promise<{ topicPrefix: string; received: Received[] }> {
    const topicPrefix = `${kafka.prefix}${name}.envface.`;
    const topics = await Promise.all(INPUT_TOPIC_KINDS.map((kind) => kafka.createTopic(`${name}.envface.${kind}.v1`, 2)));
    const received: Received[] = [];
    const consumer = kafka.consumer({ groupId: `${kafka.prefix}${name}` });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        received.push({ topic, key: message.key?.toString('utf8') ?? null, value: message.value!.toString('utf8') });
      },
    });
    return { topicPrefix, received };
  }

  it('publishes registry, history and paced live events that all pass validateMessage', async () => {
    const { topicPrefix, received } = await topicsAndCollector('run');
    let log = '';
    const code = await runSimulateCli(
      ['--brokers', kafka.brokers.join(','), '--enterprises', '4', '--rate', '400', '--prefix', topicPrefix,
        '--seed', '20260315', '--duration', '3', '--backfill-days', '1', '--history-days', '30'],
      { stderr: (c) => (log += c) },
      new AbortController().signal,
    );
    expect(code).toBe(0);
    const sent = Number(/done: sent (\d+) events/.exec(log)?.[1]);
    expect(sent).toBeGreaterThan(100);
    await waitFor(() => received.length >= sent, `${sent} messages (have ${received.length})`);
    expect(received).toHaveLength(sent);

    const events: ContractEvent[] = [];
    const now = Date.now();
    for (const m of received) {
      const kind = topicKindOf(topicPrefix, m.topic);
      expect(kind).not.toBeNull();
      expect(m.key).not.toBeNull();
      const result = validateMessage({ topicKind: kind!, key: m.key, value: m.value }, now);
      if (!result.ok) throw new Error(`${m.topic} ${m.value}: ${result.reason} ${result.detail}`);
      expect(m.topic).toBe(topicName(topicPrefix, kind!));
      events.push(result.event);
    }
    const ids = events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(sent);
    const types = new Set(events.map((e) => e.type));
    for (const t of ['enterprise.upserted', 'permit.issued', 'monitoring.reading'] as const) expect(types).toContain(t);
    expect(new Set(events.filter((e) => e.type === 'enterprise.upserted').map((e) => e.enterpriseId)).size).toBe(4);

    // Exactly the first `sent` events of the simulator's own stream for that seed and start.
    const startIso = /simulated time from (\S+),/.exec(log)?.[1];
    expect(startIso).toBeDefined();
    const startMs = Date.parse(startIso!);
    const sim = createSimulator({ enterprises: 4, seed: 20260315, startMs, historyDays: 30 });
    const expected = sim.registryEvents();
    for (const chunk of sim.chunksBetween(startMs, Date.now() + 10 * 60_000)) {
      if (expected.length >= sent) break;
      expected.push(...chunk);
    }
    expect(new Set(ids)).toEqual(new Set(expected.slice(0, sent).map((e) => e.eventId)));
  });

  it('stops cleanly when interrupted, with everything it counted on the broker', async () => {
    const { topicPrefix, received } = await topicsAndCollector('stop');
    let log = '';
    const controller = new AbortController();
    const run = runSimulateCli(
      ['--brokers', kafka.brokers.join(','), '--enterprises', '3', '--rate', '200', '--prefix', topicPrefix, '--seed', 'stop'],
      { stderr: (c) => (log += c) },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 1500);
    expect(await run).toBe(0);
    const sent = Number(/done: sent (\d+) events/.exec(log)?.[1]);
    expect(sent).toBeGreaterThan(0);
    await waitFor(() => received.length >= sent, `${sent} messages (have ${received.length})`);
    expect(received).toHaveLength(sent);
  });

  it('rejects bad arguments with exit code 2 and the usage', async () => {
    let log = '';
    const code = await runSimulateCli(['--rate', 'fast'], { stderr: (c) => (log += c) }, new AbortController().signal);
    expect(code).toBe(2);
    expect(log).toContain('--brokers HOST:PORT is required');
    expect(log).toContain('Usage: npm run simulate');
    log = '';
    expect(await runSimulateCli(['--brokers', 'localhost:9092', '--rate', 'fast'], { stderr: (c) => (log += c) }, new AbortController().signal)).toBe(2);
    expect(log).toContain("--rate must be");
  });
});
