#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import type { ContractEvent } from '../contract/event-schemas';
import { DEFAULT_TOPIC_PREFIX, topicKindOfType, topicName } from '../contract/topics';
import { createSimulator } from '../simulator/simulator';

const USAGE = `Usage: npm run simulate -- --brokers HOST:PORT[,HOST:PORT…] [--enterprises N] [--rate EVENTS_PER_S]
                        [--prefix envface.] [--seed S] [--duration SECONDS] [--backfill-days D] [--history-days H]

Publishes simulated contract events to Kafka: first each enterprise's registration, permit and
H days of enforcement/permit history, then monitoring, permit and enforcement events from D days
ago onwards, paced at --rate. Simulated time runs as fast as the rate needs but never more than
2 minutes ahead of the real clock; once it has caught up, events follow the clock.
  --enterprises    number of enterprises (default 100)
  --rate           events per second (default 100)
  --prefix         topic prefix (default ${DEFAULT_TOPIC_PREFIX})
  --seed           the simulated world (default 1); the same seed gives the same enterprises and events
  --duration       stop after this many seconds (default: run until SIGINT/SIGTERM)
  --backfill-days  simulated days before now to start from (default 1)
  --history-days   days of history sent with the registry (default 60)`;

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The scorer rejects events more than 10 minutes ahead of its clock; stay well inside that. */
const MAX_LEAD_MS = 2 * 60_000;
const PROGRESS_EVERY_MS = 2_000;

export interface SimulateIo {
  stderr: (chunk: string) => void;
}

export interface SimulateOptions {
  brokers: string[];
  enterprises: number;
  rate: number;
  prefix: string;
  seed: number | string;
  durationS: number | null;
  backfillDays: number;
  historyDays: number;
}

export interface SimulateSummary {
  sent: number;
  elapsedMs: number;
  /** Simulated time reached (ms): everything before it has been sent. */
  simulatedUntilMs: number;
}

class UsageError extends Error {}

function numberArg(name: string, raw: string | undefined, fallback: number | null, check: (n: number) => boolean, rule: string): number | null {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule}, got '${raw}'`);
  return n;
}

export function parseSimulateArgs(argv: string[]): SimulateOptions | 'help' {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        brokers: { type: 'string' },
        enterprises: { type: 'string' },
        rate: { type: 'string' },
        prefix: { type: 'string', default: DEFAULT_TOPIC_PREFIX },
        seed: { type: 'string', default: '1' },
        duration: { type: 'string' },
        'backfill-days': { type: 'string' },
        'history-days': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const brokers = (values.brokers ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new UsageError('--brokers HOST:PORT is required');
  for (const b of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(b)) throw new UsageError(`--brokers: not HOST:PORT: '${b}'`);
  const seedRaw = values.seed!;
  return {
    brokers,
    enterprises: numberArg('enterprises', values.enterprises, 100, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, 'an integer in 1…1000000')!,
    rate: numberArg('rate', values.rate, 100, (n) => n > 0 && n <= 1_000_000, 'a number of events per second in (0, 1000000]')!,
    prefix: values.prefix!,
    // Digits are a numeric seed, so `--seed 7` and createSimulator({ seed: 7 }) are the same world.
    seed: /^\d{1,15}$/.test(seedRaw) ? Number(seedRaw) : seedRaw,
    durationS: numberArg('duration', values.duration, null, (n) => n > 0, 'a positive number of seconds'),
    backfillDays: numberArg('backfill-days', values['backfill-days'], 1, (n) => n >= 0 && n <= 3650, 'a number of days in 0…3650')!,
    historyDays: numberArg('history-days', values['history-days'], 60, (n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'an integer in 1…3650')!,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function toTopicMessages(prefix: string, events: ContractEvent[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const e of events) {
    const topic = topicName(prefix, topicKindOfType(e.type));
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    // Key = USCC: the contract's per-enterprise ordering rides on it.
    list.push({ key: e.enterpriseId, value: JSON.stringify(e) });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Runs the simulation until the duration is over or `signal` aborts. A token bucket paces sends;
 * simulated time advances one hour (or up to the clock limit) whenever the buffer runs dry.
 */
export async function runSimulation(opts: SimulateOptions, io: SimulateIo, signal: AbortSignal): Promise<SimulateSummary> {
  const nowAtStart = Date.now();
  const startMs = Math.floor((nowAtStart - opts.backfillDays * DAY) / HOUR) * HOUR;
  const sim = createSimulator({ enterprises: opts.enterprises, seed: opts.seed, startMs, historyDays: opts.historyDays });
  io.stderr(
    `simulate: ${opts.enterprises} enterprises, seed ${JSON.stringify(opts.seed)} (tag ${sim.tag}), ${opts.rate} events/s, ` +
      `simulated time from ${new Date(startMs).toISOString()}, topics ${topicName(opts.prefix, 'monitoring')} …\n`,
  );

  const producer = new Kafka({ clientId: 'envface-simulator', brokers: opts.brokers, logLevel: logLevel.ERROR, retry: { retries: 8 } })
      .producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();

  const t0 = Date.now();
  const deadline = opts.durationS === null ? Infinity : t0 + opts.durationS * 1000;
  // ~20 sends a second, at most 500 messages each: smooth pacing without a request per event.
  const batchSize = Math.max(1, Math.min(500, Math.round(opts.rate / 20)));
  // The bucket holds up to half a second of sending, so time spent inside a send is not lost,
  // while a pause (waiting for the clock) never turns into a long burst.
  const bucketSize = Math.max(batchSize, opts.rate / 2);
  let tokens = 0;
  let lastRefill = t0;
  let queue = sim.registryEvents();
  let next = 0;
  let cursor = startMs;
  let sent = 0;
  let lastProgress = t0;
  let waitingForClock = false;
  // Everything before this instant has been sent: the next unsent event's time, or the generation frontier.
  const reached = (): number => (next < queue.length ? Date.parse(queue[next]!.occurredAt) : cursor);

  try {
    while (!signal.aborted && Date.now() < deadline) {
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        const s = (lastProgress - t0) / 1000;
        io.stderr(`simulate: sent ${sent} events in ${s.toFixed(1)} s (${Math.round(sent / s)}/s), simulated time ${new Date(reached()).toISOString()}\n`);
      }
      if (next >= queue.length) {
        const limit = Date.now() + MAX_LEAD_MS;
        if (cursor >= limit) {
          if (!waitingForClock) io.stderr('simulate: caught up with the real clock; events now follow it\n');
          waitingForClock = true;
          await sleep(Math.min(1000, deadline - Date.now()), signal);
          continue;
        }
        const until = Math.min(cursor + HOUR, limit);
        queue = sim.eventsBetween(cursor, until);
        next = 0;
        cursor = until;
        continue;
      }
      const now = Date.now();
      tokens = Math.min(bucketSize, tokens + ((now - lastRefill) / 1000) * opts.rate);
      lastRefill = now;
      const n = Math.min(batchSize, queue.length - next);
      if (tokens < n) {
        await sleep(Math.min(((n - tokens) / opts.rate) * 1000, deadline - now), signal);
        continue;
      }
      const batch = queue.slice(next, next + n);
      await producer.sendBatch({ topicMessages: toTopicMessages(opts.prefix, batch) });
      next += n;
      tokens -= n;
      sent += n;
    }
  } finally {
    await producer.disconnect();
  }
  const elapsedMs = Date.now() - t0;
  const simulatedUntilMs = reached();
  io.stderr(
    `simulate: done: sent ${sent} events in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(sent / Math.max(elapsedMs / 1000, 0.001))}/s), ` +
      `simulated time ${new Date(simulatedUntilMs).toISOString()}\n`,
  );
  return { sent, elapsedMs, simulatedUntilMs };
}

/** Exit codes: 0 finished (duration over or interrupted), 1 Kafka failure, 2 bad arguments. */
export async function runSimulateCli(argv: string[], io: SimulateIo, signal: AbortSignal): Promise<number> {
  let opts: SimulateOptions | 'help';
  try {
    opts = parseSimulateArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`simulate: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.stderr(`${USAGE}\n`);
    return 0;
  }
  try {
    await runSimulation(opts, io, signal);
    return 0;
  } catch (e) {
    io.stderr(`simulate: error: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C does not wait for the flush
    process.stderr.write('simulate: stopping…\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void runSimulateCli(process.argv.slice(2), { stderr: (c) => process.stderr.write(c) }, controller.signal).then((code) => {
    process.exitCode = code;
  });
}
