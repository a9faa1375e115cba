#!/usr/bin/env node
/**
 * Whole-pipeline benchmark (issue #4): broker, database and EnvFace on this machine. Prints figures;
 * asserts nothing. Usage: npm run bench [-- --enterprises 200000 --burst 200000 --latency-seconds 20]
 *
 *  A. load: registering N enterprises (registration + permit each; each creates rating rows)
 *  B. sustained: a realistic mix (hourly readings, gaps, enforcement) produced as fast as possible
 *  C. burst: N hourly readings produced at once (top of the hour) until all are committed
 *  D. latency: event → socket.io `/live` at half the sustained rate (capped at 2,500/s)
 *  E. rollover: every enterprise rated for the next day (cold ledgers, as after a restart)
 *  F. a bare kafkajs consumer on the same broker, for comparison
 *  G. (run after D, reported last) the inspector overview's reads at this size
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { io } from 'socket.io-client';
import { Client } from 'pg';
import { dayOfInstant, isoFromDay, topicName, withUsccCheck, type ContractEvent, type RatingChangeMessage, type RatingsBurstMessage } from '@envface/streams';
import { startEmbeddedPostgres } from '@envface/backend/dist/platform/db/embedded-postgres';
import { startApp } from '@envface/backend/dist/platform/bootstrap/start-app';
import { RolloverService } from '@envface/backend/dist/pipeline/rollover/rollover.service';
import { METRICS_REGISTRY } from '@envface/backend/dist/platform/metrics/metrics-registry';
import type { Registry } from 'prom-client';
import { fixedClock } from '@envface/backend/dist/platform/clock';

// bench/dist/pipeline-bench.js → the repository root.
const ROOT = path.resolve(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '200000' },
    burst: { type: 'string', default: '200000' },
    'latency-seconds': { type: 'string', default: '20' },
  },
});
const N = Number(values.enterprises);
const BURST = Math.min(Number(values.burst), N);
const LATENCY_S = Number(values['latency-seconds']);
const PREFIX = 'bench.envface.';
const TZ = 'Asia/Shanghai';
const PASSWORD = 'bench-Admin-pw-1';
const PARTITIONS: Record<string, number> = { monitoring: 48, permit: 24, enforcement: 8, registry: 24, ratings: 48, dlq: 4, lists: 4 };

const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(i: number): string {
  let tail = '';
  for (let n = i, k = 0; k < 8; k++, n = Math.floor(n / 31)) tail = ALPHA[n % 31] + tail;
  return withUsccCheck(`913201${['02', '05', '06', '11', '13', '14', '15'][i % 7]}M${tail}`);
}
const REGIONS = ['320102', '320105', '320106', '320111', '320113', '320114', '320115'];

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface DbTimes {
  tags: Map<string, { s: number; n: number }>;
  groups: { sum: number; count: number };
}

function parseDbTimes(metrics: string): DbTimes {
  const tags = new Map<string, { s: number; n: number }>();
  for (const m of metrics.matchAll(/^envface_db_query_duration_seconds_(sum|count)\{tag="([^"]+)",outcome="ok"\} ([\d.e+-]+)$/gm)) {
    const e = tags.get(m[2]!) ?? { s: 0, n: 0 };
    if (m[1] === 'sum') e.s = Number(m[3]);
    else e.n = Number(m[3]);
    tags.set(m[2]!, e);
  }
  const g = /envface_scoring_group_messages_sum ([\d.e+-]+)\nenvface_scoring_group_messages_count ([\d.e+-]+)/.exec(metrics);
  return { tags, groups: { sum: g ? Number(g[1]) : 0, count: g ? Number(g[2]) : 0 } };
}

/** Database time per query tag between two metric snapshots (the app's own per-tag histogram). */
function printDatabaseTime(stages: string, metrics: string, since?: string): void {
  const now = parseDbTimes(metrics);
  const before = since ? parseDbTimes(since) : { tags: new Map<string, { s: number; n: number }>(), groups: { sum: 0, count: 0 } };
  const groups = now.groups.count - before.groups.count;
  if (groups > 0) console.log(`group commit: ${fmt(groups)} transactions, ${fmt((now.groups.sum - before.groups.sum) / groups, 1)} messages each on average`);
  const diff = [...now.tags].map(([tag, e]) => {
    const b = before.tags.get(tag) ?? { s: 0, n: 0 };
    return [tag, { s: e.s - b.s, n: e.n - b.n }] as const;
  });
  console.log(`database time by query tag (${stages}):`);
  for (const [tag, e] of diff.filter(([, e]) => e.n > 0).sort((a, b) => b[1].s - a[1].s).slice(0, 14)) console.log(`  ${tag.padEnd(40)} ${fmt(e.s * 1000).padStart(8)} ms in ${fmt(e.n)} calls`);
}

/** WAL written and full-page images since the last call, and how many enterprises-row updates were HOT (PostgreSQL's own counters). */
async function walSince(sql: Client, last: { bytes: number; fpi: number; upd: number; hot: number }): Promise<string> {
  const [w] = (await sql.query<{ bytes: string; fpi: string }>('SELECT wal_bytes::text AS bytes, wal_fpi::text AS fpi FROM pg_stat_wal')).rows;
  const [t] = (await sql.query<{ upd: string; hot: string }>(
    `SELECT n_tup_upd::text AS upd, n_tup_hot_upd::text AS hot FROM pg_stat_user_tables WHERE relname = 'enterprises'`,
  )).rows;
  const now = { bytes: Number(w!.bytes), fpi: Number(w!.fpi), upd: Number(t?.upd ?? 0), hot: Number(t?.hot ?? 0) };
  const upd = now.upd - last.upd;
  const line = `WAL ${fmt((now.bytes - last.bytes) / 2 ** 20)} MiB, ${fmt(now.fpi - last.fpi)} full-page images; enterprises updates ${fmt(upd)}, ${upd > 0 ? fmt((100 * (now.hot - last.hot)) / upd) : '–'}% HOT`;
  Object.assign(last, now);
  return line;
}

async function startBroker(): Promise<{ brokers: string[]; child: ChildProcess }> {
  execFileSync('bash', [path.join(ROOT, 'tests/kafka-mock/build.sh')], { stdio: 'inherit' });
  const topics = Object.entries(PARTITIONS).map(([k, p]) => `${topicName(PREFIX, k as 'dlq')}:${p}`);
  const child = spawn(path.join(ROOT, 'tests/kafka-mock/build/kafka-mock'), topics, { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', () => reject(new Error('kafka-mock exited')));
  });
  child.stdout!.resume();
  return { brokers: first.split(',').map((b) => b.trim()), child };
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'envface-bench-'));
  execFileSync('chmod', ['755', work]);
  // Sized like a database server that has the machine to itself (timescaledb-tune gives a quarter of RAM).
  const pg = await startEmbeddedPostgres({ dataDir: work, settings: { shared_buffers: '4GB', effective_cache_size: '12GB', max_wal_size: '16GB' } });
  const broker = await startBroker();
  const kafka = new Kafka({ clientId: 'bench', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  const sql = new Client({ connectionString: pg.url });
  const port = 39000 + Math.floor(Math.random() * 1000);
  const groupId = 'envface-scorer';
  const results: [string, string][] = [];
  let app: ChildProcess | null = null;

  const committedAll = async (group: string, kinds: string[]): Promise<bigint> => {
    let behind = 0n;
    for (const kind of kinds) {
      const topic = topicName(PREFIX, kind as 'dlq');
      const ends = await admin.fetchTopicOffsets(topic);
      const [c] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      for (const e of ends) {
        const p = c!.partitions.find((x) => x.partition === e.partition);
        const done = p && p.offset !== '-1' ? BigInt(p.offset) : 0n;
        behind += BigInt(e.high) - done;
      }
    }
    return behind;
  };
  const waitDrained = async (kinds: string[]) => {
    for (;;) {
      if ((await committedAll(groupId, kinds)) === 0n) return;
      await sleep(100);
    }
  };
  const produce = async (kind: string, messages: Message[]) => {
    const topic = topicName(PREFIX, kind as 'dlq');
    for (let i = 0; i < messages.length; i += 5000) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 5000) });
  };

  try {
    console.log(`EnvFace pipeline benchmark — node ${process.version}, ${fmt(N)} enterprises, burst ${fmt(BURST)}; building…`);
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'streams', 'backend'], { cwd: ROOT, stdio: 'inherit' });
    // ENVFACE_BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the app (written when it stops, before E).
    const nodeArgs = (process.env.ENVFACE_BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    app = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'backend/dist/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: pg.url, KAFKA_BROKERS: broker.brokers.join(','), KAFKA_TOPIC_PREFIX: PREFIX, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: '10000', PORT: String(port), ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn',
},
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json() as Promise<{ kafka: string }>).catch(() => null);
      if (ok?.kafka === 'up') break;
      await sleep(200);
    }
    await sql.connect();
    const wal = { bytes: 0, fpi: 0, upd: 0, hot: 0 };
    await walSince(sql, wal);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };

    const metricsNow = (): Promise<string> => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    let mark = await metricsNow();
    // ---- A. sustained -------------------------------------------------------------------------
    const nowMs = Date.now();
    const regAt = new Date(nowMs - 2 * 86_400_000).toISOString();
    const reg: Message[] = [];
    const permits: Message[] = [];
    for (let i = 0; i < N; i++) {
      const id = uscc(i);
      reg.push({ key: id, value: JSON.stringify({ eventId: `bench-reg-${i}`, type: 'enterprise.upserted', enterpriseId: id, occurredAt: regAt, data: { name: `基准企业${i}`, regionCode: REGIONS[i % REGIONS.length], industryCode: i % 2 ? 'C2614' : 'D4411' } }) });
      // One permit in twenty expires today: those enterprises lapse (P2) at midnight, so the rollover
      // (E) must evaluate them from their ledgers instead of copying yesterday's rating.
      const validUntil = i % 20 === 0 ? isoFromDay(dayOfInstant(nowMs, TZ)) : '2030-12-31';
      permits.push({ key: id, value: JSON.stringify({ eventId: `bench-permit-${i}`, type: 'permit.issued', enterpriseId: id, occurredAt: regAt, data: { permitNo: `P${i}`, validFrom: '2025-01-01', validUntil } }) });
    }
    const tA = performance.now();
    await produce('registry', reg);
    await produce('permit', permits);
    const producedA = performance.now() - tA;
    await waitDrained(['registry', 'permit']);
    const msA = performance.now() - tA;
    results.push(['A. load: registration + permit per enterprise', `${fmt(2 * N)} events in ${fmt(msA / 1000, 1)} s = ${fmt((2 * N) / (msA / 1000))} events/s (produced in ${fmt(producedA / 1000, 1)} s)`]);
    console.log(results[results.length - 1]!.join(': '));

    printDatabaseTime('A', await metricsNow(), mark);
    console.log(await walSince(sql, wal));
    mark = await metricsNow();
    // ---- B. sustained realistic mix ------------------------------------------------------------
    const MIX = Math.max(50_000, N);
    const mixAt = Date.now() - 30 * 60_000;
    const mixByKind: Record<string, Message[]> = { monitoring: [], enforcement: [] };
    for (let k = 0; k < MIX; k++) {
      const i = Math.floor(Math.random() * N);
      const id = uscc(i);
      const r = Math.random();
      const at = new Date(mixAt + Math.floor(Math.random() * 25 * 60_000)).toISOString();
      const base = { eventId: `bench-m-${k}`, enterpriseId: id, occurredAt: at };
      if (r < 0.92) mixByKind.monitoring!.push({ key: id, value: JSON.stringify({ ...base, type: 'monitoring.reading', data: { pointId: `W${k % 3}`, pollutant: 'TP', value: Math.random() < 0.02 ? 0.8 : 0.3, limit: 0.5 } }) });
      else if (r < 0.95) mixByKind.monitoring!.push({ key: id, value: JSON.stringify({ ...base, type: 'monitoring.gap', data: { pointId: 'W1', hours: 1 } }) });
      else if (r < 0.98) mixByKind.enforcement!.push({ key: id, value: JSON.stringify({ ...base, type: 'enforcement.inspection', data: { inspectionId: `I${k}`, result: Math.random() < 0.2 ? 'violation_found' : 'compliant' } }) });
      else if (r < 0.99) mixByKind.enforcement!.push({ key: id, value: JSON.stringify({ ...base, type: 'enforcement.complaint_verified', data: { complaintId: `K${k}` } }) });
      else mixByKind.enforcement!.push({ key: id, value: JSON.stringify({ ...base, type: 'enforcement.penalty', data: { caseNo: `C${k}`, severity: 'minor', amountYuan: 1000, violation: '超标' } }) });
    }
    const tMix = performance.now();
    await Promise.all([produce('monitoring', mixByKind.monitoring!), produce('enforcement', mixByKind.enforcement!)]);
    await waitDrained(['monitoring', 'enforcement']);
    const msMix = performance.now() - tMix;
    const sustained = MIX / (msMix / 1000);
    results.push(['B. sustained: realistic mix (92% readings, 3% gaps, 5% enforcement)', `${fmt(MIX)} events in ${fmt(msMix / 1000, 1)} s = ${fmt(sustained)} events/s`]);
    console.log(results[results.length - 1]!.join(': '));

    printDatabaseTime('B', await metricsNow(), mark);
    console.log(await walSince(sql, wal));
    mark = await metricsNow();
    // ---- C. burst of hourly readings ---------------------------------------------------------
    const hour = new Date(Math.floor(nowMs / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    const burst: Message[] = [];
    for (let i = 0; i < BURST; i++) {
      const id = uscc(i);
      burst.push({ key: id, value: JSON.stringify({ eventId: `bench-r-${i}`, type: 'monitoring.reading', enterpriseId: id, occurredAt: hour, data: { pointId: 'W1', pollutant: 'COD', value: i % 33 === 0 ? 61 : 30, limit: 50, unit: 'mg/L' } }) });
    }
    const tB = performance.now();
    await produce('monitoring', burst);
    await waitDrained(['monitoring']);
    const msB = performance.now() - tB;
    results.push(['C. burst of hourly readings', `${fmt(BURST)} readings drained in ${fmt(msB / 1000, 1)} s = ${fmt(BURST / (msB / 1000))} events/s`]);
    console.log(results[results.length - 1]!.join(': '));

    printDatabaseTime('C', await metricsNow(), mark);
    console.log(await walSince(sql, wal));
    mark = await metricsNow();
    // ---- D. event → socket.io latency ----------------------------------------------------------
    const rate = Math.min(2500, Math.floor(sustained / 2));
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    /** (second of the run the event was sent in, latency): shows whether a slow tail is one stall or a queue. */
    const bySecond: [number, number][] = [];
    let tC = 0;
    const socket = io(`http://127.0.0.1:${port}/live`, { auth: { token }, transports: ['websocket'] });
    const onChange = (c: RatingChangeMessage) => {
      const now = performance.now();
      for (const id of c.causeEventIds) {
        const t = sentAt.get(id);
        if (t !== undefined) {
          latencies.push(now - t);
          bySecond.push([Math.floor((t - tC) / 1000), now - t]);
          sentAt.delete(id);
        }
      }
    };
    socket.on('rating.changed', onChange);
    socket.on('ratings.burst', (b: RatingsBurstMessage) => b.changes.forEach(onChange));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // A bare kafkajs consumer on the same topic, for comparison: its produce → consume latency.
    const bareLatencies: number[] = [];
    const bareSentAt = new Map<string, number>();
    const bareD = kafka.consumer({ groupId: 'bench-bare-latency', maxWaitTimeInMs: 100 });
    await bareD.connect();
    await bareD.subscribe({ topics: [topicName(PREFIX, 'monitoring')], fromBeginning: false });
    await bareD.run({
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        for (const m of batch.messages) {
          const id = /"eventId":"(bench-l-\d+)"/.exec(m.value?.toString() ?? '')?.[1];
          const t = id ? bareSentAt.get(id) : undefined;
          if (t !== undefined) bareLatencies.push(now - t);
        }
      },
    });
    await sleep(3000); // joined and positioned at the end before we start producing
    tC = performance.now();
    let sent = 0;
    const total = rate * LATENCY_S;
    const topicMon = topicName(PREFIX, 'monitoring');
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - tC) / 1000) * rate));
      const batch: Message[] = [];
      const ids: string[] = [];
      for (; sent < due; sent++) {
        const i = Math.floor(Math.random() * N);
        const id = uscc(i);
        const eventId = `bench-l-${sent}`;
        // The live mix: one reading in ten exceeds a limit on its own point, so it changes its
        // enterprise's rating and travels to the dashboards; those are the ones timed.
        const exceeds = sent % 10 === 0;
        if (exceeds) ids.push(eventId);
        batch.push({ key: id, value: JSON.stringify({ eventId, type: 'monitoring.reading', enterpriseId: id, occurredAt: new Date().toISOString(), data: exceeds ? { pointId: `L${sent % 500}`, pollutant: 'NH3N', value: 9, limit: 5 } : { pointId: 'W1', pollutant: 'COD', value: 20, limit: 50 } }) });
      }
      if (batch.length > 0) {
        const t = performance.now();
        for (const id of ids) {
          sentAt.set(id, t);
          bareSentAt.set(id, t);
        }
        await producer.send({ topic: topicMon, acks: -1, messages: batch });
      }
      // Like a producer with linger.ms = 100: a send every 100 ms. (The test broker, librdkafka's mock,
      // answers a fetch with one produce batch per partition, so tiny sends would cap every consumer,
      // bare or not, at one message per partition per fetch.)
      await sleep(100);
    }
    await waitDrained(['monitoring']);
    await sleep(1500);
    socket.close();
    await bareD.disconnect();
    bareLatencies.sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);
    const worst = new Map<number, number>();
    for (const [sec, ms] of bySecond) worst.set(sec, Math.max(worst.get(sec) ?? 0, ms));
    console.log(`D: slowest change by second sent: ${[...worst].sort((a, b) => a[0] - b[0]).map(([sec, ms]) => `${sec}s ${fmt(ms)}`).join(', ')}`);
    results.push([`D. event → socket.io at ${fmt(rate)} events/s for ${LATENCY_S} s`, `p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms (${fmt(latencies.length)} of ${fmt(total / 10)} rating changes seen by a dashboard client); bare kafkajs consumer on the same messages: p50 ${fmt(percentile(bareLatencies, 50))} ms, p99 ${fmt(percentile(bareLatencies, 99))} ms`]);
    console.log(results[results.length - 1]!.join(': '));

    // Where the database time went (the app's own per-tag query histogram).
    printDatabaseTime('D', await metricsNow(), mark);
    console.log(await walSince(sql, wal));

    // ---- G. dashboard reads at this size (the inspector overview's requests), median of 5 -------
    const reads: string[] = [];
    for (const route of ['/api/stats/overview', '/api/stats/trend', '/api/stats/early-warnings?limit=30', '/api/stats/recent-changes?limit=50', '/api/enterprises?limit=50&sort=score&stars=1,2']) {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}${route}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      reads.push(`${route.split('?')[0]} ${fmt(times[2]!)} ms`);
    }
    results.push(['G. dashboard reads (median of 5)', reads.join('; ')]);
    console.log(results[results.length - 1]!.join(': '));

    // ---- E. rollover ---------------------------------------------------------------------------
    app.kill('SIGTERM');
    await new Promise((r) => app!.once('exit', r));
    app = null;
    const tomorrow = dayOfInstant(nowMs, TZ) + 1;
    const toEvaluate = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_ledgers WHERE next_change_day IS NULL OR next_change_day <= $1::date', [isoFromDay(tomorrow)])).rows[0]!.n;
    // Today counts as rolled over (it was, by the live pipeline): the catch-up then does exactly
    // one day, like the nightly run.
    await sql.query(`INSERT INTO rollover_runs (day, instance, finished_at) VALUES ($1::date, 'bench', now()) ON CONFLICT DO NOTHING`, [
      new Date((tomorrow - 1) * 86_400_000).toISOString().slice(0, 10),
    ]);
    // A cold instance whose clock says it is just past midnight: its start-up catch-up runs the real
    // rollover (claim the day, rate every enterprise in chunks, publish), rebuilding every ledger from
    // the stored events first, as after a restart. Timed from start to idle (includes the app start).
    await walSince(sql, wal);
    const tD = performance.now();
    const inProcess = await startApp(
      { DATABASE_URL: pg.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
      { print: () => undefined, clock: fixedClock(new Date((tomorrow * 86_400 + 60) * 1000 - 8 * 3_600_000).toISOString()) },
    );
    const rollover = inProcess.app.get(RolloverService);
    await rollover.idle();
    const msD = performance.now() - tD;
    printDatabaseTime('E', await inProcess.app.get<Registry>(METRICS_REGISTRY).metrics());
    console.log(await walSince(sql, wal));
    const revisions = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_ratings WHERE day = $1::date', [new Date(tomorrow * 86_400_000).toISOString().slice(0, 10)])).rows[0]!.n;
    const ids = { length: (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises')).rows[0]!.n };
    await inProcess.close();
    results.push(['E. day rollover (cold ledgers)', `${fmt(ids.length)} enterprises rated for the next day in ${fmt(msD / 1000, 1)} s (${fmt(revisions)} rows written; ${fmt(toEvaluate)} with a change due evaluated from their ledgers, the rest copied)`]);
    console.log(results[results.length - 1]!.join(': '));

    // ---- F. bare kafkajs consumer --------------------------------------------------------------
    const bare = kafka.consumer({ groupId: 'bench-bare', maxWaitTimeInMs: 100 });
    await bare.connect();
    await bare.subscribe({ topics: ['registry', 'permit', 'monitoring', 'enforcement'].map((k) => topicName(PREFIX, k as 'dlq')), fromBeginning: true });
    let seen = 0;
    const expectedBare = 2 * N + MIX + BURST + total;
    const tE = performance.now();
    let firstAt = 0;
    await bare.run({ eachBatch: async ({ batch }) => {
      if (firstAt === 0) firstAt = performance.now();
      seen += batch.messages.length;
    } });
    while (seen < expectedBare && performance.now() - tE < 300_000) await sleep(50);
    const msE = performance.now() - (firstAt || tE);
    await bare.disconnect();
    results.push(['F. bare kafkajs consumer, same broker', `${fmt(seen)} messages in ${fmt(msE / 1000, 1)} s = ${fmt(seen / (msE / 1000))} messages/s (no processing)`]);
    console.log(results[results.length - 1]!.join(': '));

    console.log('\n| stage | result |\n|---|---|');
    for (const [k, v] of results) console.log(`| ${k} | ${v} |`);
    console.log(`\ntargets: sustained ≥ 5,000 events/s ${sustained >= 5000 ? 'MET' : 'MISSED'}; p99 ≤ 1 s ${percentile(latencies, 99) <= 1000 ? 'MET' : 'MISSED'}; rollover ≤ 10 s ${msD <= 10_000 ? 'MET' : 'MISSED'}`);
  } finally {
    app?.kill('SIGKILL');
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await sql.end().catch(() => undefined);
    broker.child.kill('SIGTERM');
    await pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
