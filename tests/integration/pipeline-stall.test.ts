import { Client } from 'pg';
import type { Admin } from 'kafkajs';
import type { Registry } from 'prom-client';
import { INPUT_TOPIC_KINDS, topicKindOfType, withUsccCheck } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { METRICS_REGISTRY } from '../../backend/src/platform/metrics/metrics-registry';
import { fixedClock } from '../../backend/src/platform/clock';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestKafka, groupCaughtUp, type EnvfaceTopicSet, type TestKafka } from '../support/test-kafka';
import { prng } from '../support/random-events';

/**
 * The pipeline never stalls (#10), on the real broker and PostgreSQL:
 * - a registry burst (20 enterprises × 5 upserts shuffled among readings and penalties, one burst)
 *   ends with every enterprise named by its latest upsert, and no failed batch in the server log;
 * - a message whose processing fails deterministically is dead-lettered as processing_error with
 *   its offsets while the rest of its batch is scored, and can be re-driven after the fix;
 * - a consumer that cannot make progress is reported by health as stalled, and recovers.
 */
const NOW = '2026-03-15T10:00:00+08:00';
const PASSWORD = 'stall-Admin-pw-1';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function event(eventId: string, type: string, enterpriseId: string, occurredAt: string, data: Record<string, unknown>) {
  return { eventId, type, enterpriseId, occurredAt, source: 'stall-test', data };
}

describe('the pipeline never stalls', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let set: EnvfaceTopicSet;
  let admin: Admin;
  let sql: Client;
  let app: RunningApp;
  let token: string;
  const groupId = `envface-stall-${Date.now()}`;
  /** Every line the server logged (JSON), captured from stdout and stderr. */
  const log: string[] = [];
  let restoreStdout: () => void;

  async function produce(events: ReturnType<typeof event>[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: Buffer }[]>();
    for (const e of events) {
      const topic = set.topics[topicKindOfType(e.type)];
      const list = byTopic.get(topic) ?? [];
      list.push({ key: e.enterpriseId, value: Buffer.from(JSON.stringify(e)) });
      byTopic.set(topic, list);
    }
    // One after the other: the shared test producer connects lazily.
    for (const [topic, messages] of byTopic) await kafka.produceRaw(topic, messages);
  }

  async function caughtUp(): Promise<boolean> {
    if (!(await groupCaughtUp(admin, groupId, INPUT_TOPIC_KINDS.map((k) => set.topics[k])))) return false;
    return (await sql.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n === 0;
  }

  async function metric(name: string): Promise<number> {
    const m = app.app.get<Registry>(METRICS_REGISTRY).getSingleMetric(name);
    return ((await m?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);
  }

  async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${app.url}/api/health`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    // Nest's JSON logger writes errors to stderr and the rest to stdout.
    const restores = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        log.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = write);
    });
    restoreStdout = () => restores.forEach((r) => r());
    database = await createTestDatabase();
    kafka = createTestKafka();
    set = await kafka.createEnvfaceTopics(4);
    admin = kafka.client('envface-stall-admin').admin();
    await admin.connect();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    app = await startApp(
      {
        DATABASE_URL: database.url,
        PORT: '0',
        ENVFACE_ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: set.topicPrefix,
        KAFKA_GROUP_ID: groupId,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        ENVFACE_CONSUMER_STALL_SECONDS: '3',
      },
      { print: () => undefined, clock: fixedClock(NOW) },
    );
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await app?.close();
    restoreStdout?.();
    await admin?.disconnect();
    await kafka?.close();
    await sql?.end();
    await database?.drop();
  });

  it('names every enterprise of a registry burst by its latest upsert, with no failed batch', async () => {
    const rand = prng(20261202);
    const ids = Array.from({ length: 20 }, (_, i) => withUsccCheck(`91320100${String(i).padStart(2, '0')}BURNTA${i % 10}`));
    const events: ReturnType<typeof event>[] = [];
    const latest = new Map<string, string>();
    for (const [i, id] of ids.entries()) {
      // Five upserts at distinct instants; the latest is not the last one sent.
      const instants = [1, 2, 3, 4, 5].map((k) => Date.parse(NOW) - 86_400_000 * 3 + k * 3_600_000);
      for (const [k, at] of instants.entries()) events.push(event(`burst-up-${i}-${k}`, 'enterprise.upserted', id, new Date(at).toISOString(), { name: `燃气${i}号-版本${k}`, regionCode: '320102', industryCode: 'D4500' }));
      latest.set(id, `燃气${i}号-版本4`);
      for (let k = 0; k < 4; k++) events.push(event(`burst-read-${i}-${k}`, 'monitoring.reading', id, new Date(Date.parse(NOW) - 3_600_000 * (k + 1)).toISOString(), { pointId: 'WS-01', pollutant: 'COD', value: 20 + 40 * rand(), limit: 50 }));
      events.push(event(`burst-pen-${i}`, 'enforcement.penalty', id, new Date(Date.parse(NOW) - 86_400_000).toISOString(), { caseNo: `宁环罚${i}`, severity: 'general', amountYuan: 10000, violation: '超标排放' }));
    }
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    const sent = Date.now();
    await produce(events);
    await waitFor(
      'every enterprise to carry its latest name',
      async () => {
        const rows = await sql.query('SELECT uscc, name FROM enterprises WHERE uscc = ANY($1)', [ids]);
        return rows.rows.length === ids.length && rows.rows.every((r) => r.name === latest.get(r.uscc));
      },
      20_000,
    );
    console.log(`registry burst of ${events.length} events: all 20 enterprises named by their latest upsert after ${Date.now() - sent} ms`);
    await waitFor('the group to catch up', caughtUp, 20_000);
    expect((await sql.query('SELECT count(*)::int AS n FROM events WHERE event_id LIKE $1', ['burst-%'])).rows[0].n).toBe(events.length);
    expect(log.filter((l) => /failed|retry|splitting/i.test(l))).toEqual([]);
    expect(await metric('envface_scoring_batch_splits_total')).toBe(0);
  });

  it('dead-letters a poison message as processing_error, scores the rest of its batch, and re-drives it after the fix', async () => {
    const id = withUsccCheck('91320102P0X0N0001');
    const poison = event('poison-1', 'enforcement.penalty', id, new Date(Date.parse(NOW) - 7_200_000).toISOString(), { caseNo: '宁环罚P1', severity: 'serious', amountYuan: 50000, violation: '偷排' });
    const others = Array.from({ length: 30 }, (_, k) => event(`poison-ok-${k}`, 'enforcement.inspection', id, new Date(Date.parse(NOW) - 3_600_000 * (k + 3)).toISOString(), { inspectionId: `I${k}`, result: 'compliant' }));
    app.app.get(ScoringService).setFaultInjector((e) => {
      if (e.eventId === 'poison-1') throw new Error('test poison: this rule cannot handle the event');
    });
    // One topic, one key: the poison sits in the middle of one partition's batch.
    await produce([...others.slice(0, 15), poison, ...others.slice(15)]);
    await waitFor('the group to catch up', caughtUp, 30_000);

    const letters = await sql.query(`SELECT id::text AS id, reason, detail, topic, partition, kafka_offset FROM dead_letters WHERE reason = 'processing_error'`);
    expect(letters.rows).toEqual([
      { id: expect.any(String), reason: 'processing_error', detail: expect.stringContaining('test poison'), topic: set.topics.enforcement, partition: expect.any(Number), kafka_offset: expect.stringMatching(/^\d+$/) },
    ]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM events WHERE event_id LIKE 'poison-ok-%'`)).rows[0].n).toBe(30);
    expect((await sql.query(`SELECT count(*)::int AS n FROM events WHERE event_id = 'poison-1'`)).rows[0].n).toBe(0);
    expect(await metric('envface_processing_errors_total')).toBe(1);
    expect(log.some((l) => l.includes('"level":"error"') && l.includes('processing_error'))).toBe(true);
    const listed = await fetch(`${app.url}/api/dead-letters?reason=processing_error`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(1);

    // Re-driven while the fault is still there: rejected again, recorded, no second letter.
    const letterId = letters.rows[0].id as string;
    const redrive = () => fetch(`${app.url}/api/dead-letters/${letterId}/redrive`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const again = await redrive();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'rejected', reason: 'processing_error' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM dead_letters WHERE reason = 'processing_error'`)).rows[0].n).toBe(1);

    // After the fix: accepted, scored (E2 from the penalty), recorded with who did it.
    app.app.get(ScoringService).setFaultInjector(null);
    const fixed = await redrive();
    expect(await fixed.json()).toMatchObject({ outcome: 'accepted', reason: null });
    expect((await sql.query(`SELECT count(*)::int AS n FROM events WHERE event_id = 'poison-1'`)).rows[0].n).toBe(1);
    const rating = await fetch(`${app.url}/api/enterprises/${id}/ratings/2026-03-15`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await rating.json()) as { effects: { eventId: string }[] };
    expect(body.effects.map((e) => e.eventId)).toContain('poison-1');
    const history = await sql.query(`SELECT by_username, outcome, reason FROM dead_letter_redrives WHERE dead_letter_id = $1 ORDER BY id`, [letterId]);
    expect(history.rows).toEqual([
      { by_username: 'admin', outcome: 'rejected', reason: 'processing_error' },
      { by_username: 'admin', outcome: 'accepted', reason: null },
    ]);
    const one = await fetch(`${app.url}/api/dead-letters/${letterId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await one.json()).toMatchObject({ redrives: 2, lastRedrive: { by: 'admin', outcome: 'accepted' } });
    const audit = await sql.query(`SELECT actor_name, detail FROM audit_log WHERE action = 'dead_letter.redriven' AND target = $1 ORDER BY id`, [letterId]);
    expect(audit.rows).toEqual([
      { actor_name: 'admin', detail: { outcome: 'rejected', reason: 'processing_error' } },
      { actor_name: 'admin', detail: { outcome: 'accepted', reason: null } },
    ]);
    // The record of re-drives is append-only.
    await expect(sql.query('DELETE FROM dead_letter_redrives')).rejects.toThrow(/append-only/);
  });

  it('reports a consumer that cannot progress as stalled, and recovers', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', consumer: 'ok' } });
    const id = withUsccCheck('91320102TALLED001');
    // A transient-looking failure (serialization conflict) is retried, never dead-lettered: the partition waits.
    app.app.get(ScoringService).setFaultInjector((e) => {
      if (e.enterpriseId === id) throw Object.assign(new Error('could not serialize access (test)'), { code: '40001' });
    });
    await produce([event('stall-1', 'monitoring.reading', id, new Date(Date.parse(NOW) - 3_600_000).toISOString(), { pointId: 'A', pollutant: 'COD', value: 10, limit: 50 })]);
    const stalled = await waitFor('health to report the consumer stalled', async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    }, 20_000, 250);
    expect(stalled.body).toMatchObject({ status: 'error', consumer: 'stalled', error: { code: 'unavailable', message: 'consumer stalled' } });
    const lag = app.app.get<Registry>(METRICS_REGISTRY).getSingleMetric('envface_kafka_consumer_lag');
    const lagValues = (await lag!.get()).values;
    expect(lagValues.some((v) => v.labels.topic === set.topics.monitoring && v.value > 0)).toBe(true);
    expect((await sql.query(`SELECT count(*)::int AS n FROM dead_letters WHERE key = $1`, [id])).rows[0].n).toBe(0);

    app.app.get(ScoringService).setFaultInjector(null);
    await waitFor('health to recover', async () => (await health()).status === 200, 20_000, 250);
    expect((await sql.query(`SELECT count(*)::int AS n FROM events WHERE event_id = 'stall-1'`)).rows[0].n).toBe(1);
  });
});
