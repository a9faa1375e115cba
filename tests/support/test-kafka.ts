import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type IHeaders, type Producer } from 'kafkajs';
import { readHarnessConfig } from './harness-config';

/**
 * Consumer settings that keep group membership changes fast in tests.
 *
 * librdkafka's mock delays a rebalance by (session timeout - 1 s) whenever a
 * group that already had members changes, so with kafkajs' default 30 s
 * session a new member joins ~29 s after the previous one left. 6 s is the
 * smallest session Kafka's default broker config accepts. A short fetch wait
 * keeps disconnect() (which waits for the in-flight fetch) quick.
 */
export const FAST_CONSUMER_SETTINGS = {
  sessionTimeout: 6_000,
  rebalanceTimeout: 6_000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 250,
} as const satisfies Partial<ConsumerConfig>;

/** Topic names of docs/events.md, without the configurable prefix (`envface.` by default). */
export const ENVFACE_TOPICS = {
  monitoring: 'monitoring.v1',
  permit: 'permit.v1',
  enforcement: 'enforcement.v1',
  registry: 'registry.v1',
  ratings: 'ratings.v1',
  dlq: 'dlq.v1',
  lists: 'lists.v1',
} as const;
export type EnvfaceTopic = keyof typeof ENVFACE_TOPICS;

export interface RawMessage {
  /** Raw bytes on purpose: tests must be able to send keys/values the contract rejects. */
  key: string | Buffer | null;
  value: string | Buffer | null;
  partition?: number;
  headers?: IHeaders;
}

export interface EnvfaceTopicSet {
  /** Value for the app's KAFKA_TOPIC_PREFIX, e.g. `t1a2b3c4d5e6.envface.` */
  topicPrefix: string;
  /** Full topic names, e.g. topics.monitoring === `t1a2b3c4d5e6.envface.monitoring.v1` */
  topics: Record<EnvfaceTopic, string>;
}

export interface TestKafka {
  brokers: string[];
  /** Unique per TestKafka instance (one per test file), e.g. `t1a2b3c4d5e6.` */
  prefix: string;
  /** The prefixed name for `name`, without creating it. */
  topic(name: string): string;
  /** Creates `prefix + name` with `partitions` partitions and returns the full name. */
  createTopic(name: string, partitions?: number): Promise<string>;
  /** Creates the seven EnvFace topics under `prefix + 'envface.'`. */
  createEnvfaceTopics(partitions?: number): Promise<EnvfaceTopicSet>;
  /** A kafkajs client on the harness brokers with quiet logging. */
  client(clientId?: string): Kafka;
  /** A consumer with FAST_CONSUMER_SETTINGS (overridable) on the harness brokers. */
  consumer(config: ConsumerConfig, clientId?: string): Consumer;
  /** Produces messages exactly as given (acks from all replicas). */
  produceRaw(topic: string, messages: RawMessage[]): Promise<void>;
  /** Disconnects the shared producer; call in afterAll. */
  close(): Promise<void>;
}

const CONTROL_TIMEOUT_MS = 10_000;

/** One request/response on the kafka-mock control port (see tests/kafka-mock/kafka-mock.c). */
function controlCommand(address: string, command: string): Promise<string> {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let answer = '';
    socket.setTimeout(CONTROL_TIMEOUT_MS, () => socket.destroy(new Error(`kafka-mock control timed out: ${command}`)));
    socket.on('error', reject);
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
      const newline = answer.indexOf('\n');
      if (newline >= 0) {
        socket.end();
        resolve(answer.slice(0, newline));
      }
    });
    socket.write(`${command}\n`);
  });
}

export function createTestKafka(): TestKafka {
  const { kafkaBrokers, kafkaControl } = readHarnessConfig();
  const prefix = `t${randomBytes(6).toString('hex')}.`;
  const client = (clientId = 'envface-test'): Kafka =>
    new Kafka({ clientId, brokers: kafkaBrokers, logLevel: logLevel.ERROR, retry: { retries: 8 } });
  let producer: Producer | undefined;

  const createTopic = async (name: string, partitions = 4): Promise<string> => {
    const topic = prefix + name;
    if (kafkaControl) {
      // The mock does not implement the CreateTopics API; its helper does it.
      const answer = await controlCommand(kafkaControl, `create ${topic} ${partitions}`);
      if (answer !== 'ok') throw new Error(`kafka-mock could not create ${topic}: ${answer}`);
      return topic;
    }
    const admin = client('envface-test-admin').admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    return topic;
  };

  return {
    brokers: kafkaBrokers,
    prefix,
    topic: (name) => prefix + name,
    createTopic,
    createEnvfaceTopics: async (partitions = 4) => {
      const topicPrefix = `${prefix}envface.`;
      const entries = await Promise.all(
        (Object.keys(ENVFACE_TOPICS) as EnvfaceTopic[]).map(
          async (key) => [key, await createTopic(`envface.${ENVFACE_TOPICS[key]}`, partitions)] as const,
        ),
      );
      return { topicPrefix, topics: Object.fromEntries(entries) as Record<EnvfaceTopic, string> };
    },
    client,
    consumer: (config, clientId = 'envface-test-consumer') =>
      client(clientId).consumer({ ...FAST_CONSUMER_SETTINGS, ...config }),
    produceRaw: async (topic, messages) => {
      if (!producer) {
        // The default partitioner hashes keys like the Java client (murmur2), as real producers do.
        producer = client('envface-test-producer').producer({ createPartitioner: Partitioners.DefaultPartitioner });
        await producer.connect();
      }
      await producer.send({ topic, acks: -1, messages });
    },
    close: async () => {
      const current = producer;
      producer = undefined;
      await current?.disconnect();
    },
  };
}

/** True when `groupId` has committed every message of `topics` (all partitions up to their high watermark). */
export async function groupCaughtUp(admin: Admin, groupId: string, topics: readonly string[]): Promise<boolean> {
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      const c = committed!.partitions.find((p) => p.partition === end.partition);
      if ((c && c.offset !== '-1' ? BigInt(c.offset) : 0n) < BigInt(end.high)) return false;
    }
  }
  return true;
}
