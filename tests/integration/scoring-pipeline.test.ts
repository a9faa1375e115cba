import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { dayFromIso, parseStreamFile, topicName, valueBytes } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import type { IncomingMessage } from '../../backend/src/pipeline/score/incoming-message';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { OutboxDrainer } from '../../backend/src/pipeline/outbox/outbox-drainer.service';
import { OUTBOX_SINKS, type OutboxSink } from '../../backend/src/pipeline/outbox/outbox-sink';
import type { OutboxRow } from '../../backend/src/pipeline/outbox/outbox.repository';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { messagesOf } from '../support/sample-messages';

/**
 * The rating pipeline on a real PostgreSQL: the sample stream in send order, in batches, through the
 * scoring service (validation, once-only storage, ledgers, revisions, outbox) and read back through
 * the contract's HTTP routes. The Kafka consumer feeds the same service.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, Record<string, unknown>[]>;
};
const PASSWORD = 'pipeline-Admin-pw-1';

describe('scoring pipeline with the sample stream', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let token: string;
  let sql: Client;
  /** Everything the outbox published (a sink of our own beside socket.io), in order. */
  const published: OutboxRow[] = [];
  const messages = messagesOf(path.join(FIXTURES, 'stream-2026-03-15.jsonl'));

  async function get(url: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${app.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }

  async function feed(batchSize: number): Promise<{ accepted: number; duplicates: number; rejected: string[] }> {
    const scoring = app.app.get(ScoringService);
    const total = { accepted: 0, duplicates: 0, rejected: [] as string[] };
    for (let i = 0; i < messages.length; i += batchSize) {
      const r = await scoring.processBatch(messages.slice(i, i + batchSize));
      await app.app.get(OutboxDrainer).drain();
      total.accepted += r.accepted;
      total.duplicates += r.duplicates;
      total.rejected.push(...r.rejected.map((x) => x.reason));
    }
    return total;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: fixedClock(expected.now) },
    );
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    // Sinks are injected (OUTBOX_SINKS); the drainer keeps that array, so a test sink joins it.
    app.app.get<OutboxSink[]>(OUTBOX_SINKS).push({ name: 'test', publish: async (rows) => void published.push(...rows) });
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await database?.drop();
  });

  it('accepts, deduplicates and rejects exactly as expected', async () => {
    const total = await feed(37);
    expect(total.accepted).toBe(expected.accepted);
    const counts: Record<string, number> = {};
    for (const r of total.rejected) counts[r] = (counts[r] ?? 0) + 1;
    expect(counts).toEqual(expected.dlq);
    const stored = await sql.query('SELECT count(*)::int AS n FROM events');
    expect(stored.rows[0].n).toBe(expected.accepted);
    const dead = await sql.query('SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason');
    expect(Object.fromEntries(dead.rows.map((r) => [r.reason, r.n]))).toEqual(expected.dlq);
    const dlqOutbox = published.filter((r) => r.kind === 'dlq') as { payload: any }[];
    expect(dlqOutbox).toHaveLength(Object.values(expected.dlq).reduce((a, b) => a + b));
    expect(published.filter((r) => r.kind === 'ratings')).toHaveLength((await sql.query('SELECT count(*)::int AS n FROM daily_ratings')).rows[0].n);
    expect((await sql.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    // The value that is not UTF-8 travels base64-encoded, byte for byte.
    const latin = dlqOutbox.find((r) => r.payload.encoding === 'base64')!;
    const original = messages.find((m) => Buffer.isBuffer(m.value) && !Buffer.from(m.value.toString('utf8'), 'utf8').equals(m.value))!;
    expect(latin.payload).toMatchObject({ reason: 'invalid_json', topic: original.topic, partition: 0, offset: original.offset });
    expect(Buffer.from(latin.payload.value, 'base64').equals(original.value as Buffer)).toBe(true);
  });

  it('answers the ratings API exactly as expected for every enterprise-day', async () => {
    const mismatches: string[] = [];
    for (const [id, days] of Object.entries(expected.ratings)) {
      const { status, body } = await get(`/api/enterprises/${id}/ratings?from=${days[0]!.day}&to=${days[days.length - 1]!.day}`);
      expect(status).toBe(200);
      expect(body.enterpriseId).toBe(id);
      const got = body.ratings.map(({ revision, ...rest }: { revision: number }) => {
        expect(revision).toBeGreaterThanOrEqual(1);
        return rest;
      });
      if (JSON.stringify(got) !== JSON.stringify(days)) mismatches.push(id);
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps each enterprise\'s current rating and 5-star streak as the expected history says', async () => {
    const rows = await sql.query('SELECT uscc, rated_day::text AS rated_day, score_tenths, stars, streak FROM enterprises');
    const byId = new Map(rows.rows.map((r) => [r.uscc, r]));
    for (const [id, days] of Object.entries(expected.ratings)) {
      const last = days[days.length - 1]!;
      let streak = 0;
      for (let i = days.length - 1; i >= 0 && days[i]!.stars === 5; i--) streak++;
      expect(byId.get(id)).toEqual({ uscc: id, rated_day: last.day, score_tenths: Math.round((last.score as number) * 10), stars: last.stars, streak });
    }
  });

  it('keeps each enterprise\'s latest star drop of the last week (early warnings) as the expected history says', async () => {
    const rows = await sql.query('SELECT uscc, last_drop_day::text AS d FROM enterprises');
    const byId = new Map(rows.rows.map((r) => [r.uscc, r.d]));
    let drops = 0;
    for (const [id, days] of Object.entries(expected.ratings)) {
      const last = dayFromIso(days[days.length - 1]!.day);
      let want: string | null = null;
      for (let i = 1; i < days.length; i++) {
        const d = dayFromIso(days[i]!.day);
        if (d >= last - 7 && dayFromIso(days[i - 1]!.day) === d - 1 && days[i]!.stars < days[i - 1]!.stars) want = days[i]!.day;
      }
      if (want !== null) drops++;
      expect([id, byId.get(id)]).toEqual([id, want]);
    }
    expect(drops).toBeGreaterThan(0);
  });

  it('keeps revisions: late events and voids revised past days without overwriting them', async () => {
    const revised = await sql.query('SELECT count(*)::int AS n FROM daily_ratings WHERE revision > 1');
    expect(revised.rows[0].n).toBeGreaterThan(0);
    const dup = await sql.query('SELECT enterprise_id, day, revision, count(*) FROM daily_ratings GROUP BY 1, 2, 3 HAVING count(*) > 1');
    expect(dup.rows).toEqual([]);
    const causes = await sql.query('SELECT cause_event_ids FROM daily_ratings WHERE revision > 1 LIMIT 20');
    for (const r of causes.rows) expect(r.cause_event_ids.length).toBeGreaterThan(0);
  });

  it('serves one day with criteria and the explanation', async () => {
    const [id, days] = Object.entries(expected.ratings).find(([, ds]) => ds.some((d) => (d.score as number) < 90))!;
    const day = days.find((d) => (d.score as number) < 90)!;
    const { status, body } = await get(`/api/enterprises/${id}/ratings/${day.day}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ...day, enterpriseId: id });
    expect(Object.keys(body.criteria).sort()).toEqual(['E', 'M', 'P', 'S']);
    expect(body.effects.length).toBeGreaterThan(0);
    for (const e of body.effects) expect(Object.keys(e).sort()).toEqual(['criterion', 'eventId', 'from', 'impact', 'indicator', 'points', 'repairable', 'until']);
  });

  it('changes nothing when the whole stream is replayed', async () => {
    const before = await sql.query('SELECT count(*)::int AS n FROM daily_ratings');
    const publishedBefore = published.length;
    const replay = await feed(100);
    expect(replay.accepted).toBe(0);
    const after = await sql.query('SELECT count(*)::int AS n FROM daily_ratings');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(published.length).toBe(publishedBefore); // neither rating changes nor dead letters again
    const events = await sql.query('SELECT count(*)::int AS n FROM events');
    expect(events.rows[0].n).toBe(expected.accepted);
  });

  it('refuses bad requests and anonymous callers with the contract error shape', async () => {
    const anon = await fetch(`${app.url}/api/enterprises/91320115QH72P12459/ratings`);
    expect(anon.status).toBe(401);
    expect(await get('/api/enterprises/91320115QH72P1245X/ratings')).toMatchObject({ status: 400, body: { error: { code: 'invalid_uscc' } } });
    expect(await get('/api/enterprises/91320100MA1W9XKE6T/ratings')).toMatchObject({ status: 404, body: { error: { code: 'enterprise_not_found' } } });
    expect(await get('/api/enterprises/91320115QH72P12459/ratings?from=2025-01-01&to=2026-03-15')).toMatchObject({ status: 400, body: { error: { code: 'invalid_range' } } });
    expect(await get('/api/enterprises/91320115QH72P12459/ratings?from=2026-02-30')).toMatchObject({ status: 400, body: { error: { code: 'invalid_date' } } });
  });

  it('ingests over HTTP with the same validation', async () => {
    const ok = await fetch(`${app.url}/api/ingest/enforcement`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId: 'http-1', type: 'enforcement.complaint_verified', enterpriseId: '91320115QH72P12459', occurredAt: '2026-03-15T10:00:00+08:00', data: { complaintId: 'K-http' } }),
    });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ accepted: true, duplicate: false });
    const { body } = await get('/api/enterprises/91320115QH72P12459/ratings/2026-03-15');
    expect(body.revision).toBeGreaterThan(1);
    expect(body.effects.some((e: { eventId: string }) => e.eventId === 'http-1')).toBe(true);
    const bad = await fetch(`${app.url}/api/ingest/permit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventId: 'http-2', type: 'enforcement.complaint_verified', enterpriseId: '91320115QH72P12459', occurredAt: '2026-03-15T10:00:00+08:00', data: { complaintId: 'K' } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'wrong_topic', message: expect.stringContaining('enforcement topic') } });
  });

  it('sends a value the database cannot store to the dead letters without blocking the others', async () => {
    const event = (id: string, violation: string) =>
      JSON.stringify({ eventId: id, type: 'enforcement.penalty', enterpriseId: '91320115QH72P12459', occurredAt: '2026-03-15T10:30:00+08:00', data: { caseNo: `C-${id}`, severity: 'minor', amountYuan: 1, violation } });
    const msg = (offset: string, value: string): IncomingMessage => ({ topicKind: 'enforcement', topic: 'envface.enforcement.v1', partition: 9, offset, key: null, value: Buffer.from(value) });
    // A NUL character is valid JSON and passes the contract, but PostgreSQL text/jsonb cannot hold it.
    const result = await app.app.get(ScoringService).processBatch([msg('1', event('nul-a', 'ok')), msg('2', event('nul-b', 'bad\u0000byte')), msg('3', event('nul-c', 'ok'))]);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([{ index: 1, reason: 'schema', detail: expect.stringContaining('cannot be stored') }]);
    // The JSON text itself (with its \u0000 escape) is storable: the dead letter keeps it verbatim.
    const dead = await sql.query("SELECT reason, encoding, value FROM dead_letters WHERE partition = 9 AND kafka_offset = '2'");
    expect(dead.rows).toEqual([{ reason: 'schema', encoding: 'utf8', value: expect.stringContaining('"eventId":"nul-b"') }]);
    const stored = await sql.query("SELECT event_id FROM events WHERE event_id LIKE 'nul-%' ORDER BY 1");
    expect(stored.rows.map((r) => r.event_id)).toEqual(['nul-a', 'nul-c']);
  });

  it('publishes outbox rows left behind by an instance that died before publishing', async () => {
    await sql.query(
      `INSERT INTO outbox (kind, key, payload, created_at) VALUES ('dlq', 'X', '{"leftover":true}', now() - interval '1 minute'),
                                                             ('dlq', 'Y', '{"fresh":true}', now())`,
    );
    const swept = await app.app.get(OutboxDrainer).sweep();
    expect(swept).toBe(1);
    expect(published.some((r) => (r.payload as { leftover?: boolean }).leftover === true)).toBe(true);
    // A row this young may still be in its writer's hands: it is left for the writer (or a later sweep).
    expect((await sql.query("SELECT key FROM outbox WHERE key IN ('X', 'Y')")).rows).toEqual([{ key: 'Y' }]);
    await sql.query('DELETE FROM outbox');
  });
});
