import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { withUsccCheck } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Two EnvFace instances on one database, as when a deployment outgrows one machine: a dashboard or
 * phone connected to one instance sees the rating changes the OTHER instance committed and drained
 * (socket.io fan-out through PostgreSQL, @socket.io/postgres-adapter), exactly once each.
 */
const NOW = '2026-03-15T12:00:00+08:00';
const PASSWORD = 'cluster-Admin-pw-1';
const E1 = withUsccCheck('91320102MA1W00001');
const E2 = withUsccCheck('91320102MA1W00002');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface Recorder {
  socket: Socket;
  events: { event: string; data: any }[];
}

describe('socket.io across two instances', () => {
  let database: TestDatabase;
  let sql: Client;
  let a: RunningApp;
  let b: RunningApp;
  let token: string;
  const sockets: Socket[] = [];

  async function connect(url: string, auth: Record<string, unknown>): Promise<Recorder> {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const events: Recorder['events'] = [];
    socket.onAny((event: string, data: unknown) => events.push({ event, data }));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, events };
  }

  async function ingest(app: RunningApp, kind: string, body: unknown): Promise<void> {
    const res = await fetch(`${app.url}/api/ingest/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
  }

  /** Changes for `enterpriseId` a dashboard received, single or inside a burst. */
  function changesFor(r: Recorder, enterpriseId: string): any[] {
    return r.events.flatMap((e) =>
      e.event === 'rating.changed' ? [e.data] : e.event === 'ratings.burst' ? e.data.changes : [],
    ).filter((c: { enterpriseId: string }) => c.enterpriseId === enterpriseId);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' };
    a = await startApp(env, { print: () => undefined, clock: fixedClock(NOW) });
    b = await startApp(env, { print: () => undefined, clock: fixedClock(NOW) });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const res = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
    for (const [id, n] of [[E1, 1], [E2, 2]] as const) {
      await ingest(a, 'registry', { eventId: `reg-${n}`, type: 'enterprise.upserted', enterpriseId: id, occurredAt: '2026-03-15T08:00:00+08:00', data: { name: `集群企业${n}`, regionCode: '320102', industryCode: 'C2614' } });
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.close();
    await b?.close();
    await sql?.end();
    await database?.drop();
  });

  it('pushes a change committed on B to dashboards connected to A, once, and to B\'s own dashboards', async () => {
    const onA = await connect(`${a.url}/live`, { token });
    const onB = await connect(`${b.url}/live`, { token });
    const ack = await onA.socket.timeout(5_000).emitWithAck('subscribe', { enterpriseId: E1 });
    expect(ack).toEqual({ ok: true, room: `enterprise:${E1}` });
    await sleep(300);

    await ingest(b, 'enforcement', { eventId: 'k-1', type: 'enforcement.complaint_verified', enterpriseId: E1, occurredAt: '2026-03-15T10:00:00+08:00', data: { complaintId: 'K-1' } });
    const stored = await sql.query('SELECT revision FROM daily_ratings WHERE enterprise_id = $1 AND day = $2 ORDER BY revision DESC LIMIT 1', [E1, '2026-03-15']);

    // A: in `all` (coalesced) and in the enterprise room (every change) — once per room.
    await until('the change on A', () => (changesFor(onA, E1).length >= 2 ? true : undefined));
    await sleep(600);
    const seenOnA = changesFor(onA, E1);
    expect(seenOnA).toHaveLength(2);
    for (const c of seenOnA) expect(c).toMatchObject({ enterpriseId: E1, day: '2026-03-15', revision: stored.rows[0].revision, causeEventIds: ['k-1'] });
    // B, whose drain published it: its own dashboard, once (the peer message does not come back to it).
    await until('the change on B', () => (changesFor(onB, E1).length >= 1 ? true : undefined));
    expect(changesFor(onB, E1)).toHaveLength(1);
  });

  it('refreshes a phone watching an enterprise on A when B commits its change', async () => {
    const publicToken = (await sql.query('SELECT public_token FROM enterprises WHERE uscc = $1', [E2])).rows[0].public_token as string;
    const phone = await connect(`${a.url}/public`, { publicToken });
    const first = (await (await fetch(`${a.url}/api/public/${publicToken}`)).json()) as { name: string; score: number };
    expect(first).toMatchObject({ name: '集群企业2' });
    await sleep(300);

    await ingest(b, 'enforcement', { eventId: 'p-2', type: 'enforcement.penalty', enterpriseId: E2, occurredAt: '2026-03-15T11:00:00+08:00', data: { caseNo: 'C-2', severity: 'general', amountYuan: 20000, violation: '超标排放' } });
    const view = await until('the refreshed view on A', () => phone.events.find((e) => e.event === 'public.view'));
    expect(view.data.score).toBeLessThan(first.score);
    // Exactly what A's public API now answers.
    expect(view.data).toEqual(await (await fetch(`${a.url}/api/public/${publicToken}`)).json());
    await sleep(500);
    expect(phone.events.filter((e) => e.event === 'public.view')).toHaveLength(1);
    expect(view.data.penalties).toEqual([expect.objectContaining({ caseNo: "C-2" })]);
  });
});
