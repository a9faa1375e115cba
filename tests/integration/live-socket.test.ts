import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { ratingChangeMessageSchema, topicName, withUsccCheck } from '@envface/streams';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { OutboxDrainer } from '../../backend/src/pipeline/outbox/outbox-drainer.service';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The socket.io `/live` channel on a running app: handshake authentication, rooms chosen by the
 * server, `rating.changed` after commit with the contract's payload, coalesced bursts and token
 * expiry. Events go in through the HTTP ingest (no Kafka configured) or the scoring service.
 */
const NOW = '2026-03-15T12:00:00+08:00';
const TODAY = '2026-03-15';
const PASSWORD = 'live-Admin-pw-1';
const CONTRACT_FIELDS = ['at', 'causeEventIds', 'colour', 'day', 'enterpriseId', 'face', 'grade', 'previous', 'revision', 'score', 'stars', 'veto'];
/** Longer than a flush window (250 ms) plus the drain: what has not arrived by then will not. */
const SETTLE_MS = 800;

const uscc = (region: string, n: number): string => withUsccCheck(`91${region}MA1W${String(n).padStart(5, '0')}`);
const E1 = uscc('320102', 1);
const E2 = uscc('320102', 2);

interface Received {
  event: string;
  data: any;
  at: number;
}

/** A connected client that records everything it receives. */
interface LiveClient {
  socket: Socket;
  received: Received[];
  of(event: string): any[];
  clear(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function registration(enterpriseId: string, region: string, eventId: string) {
  return {
    eventId,
    type: 'enterprise.upserted',
    enterpriseId,
    occurredAt: '2026-03-15T08:00:00+08:00',
    source: 'live-test',
    data: { name: `企业${eventId}`, regionCode: region, industryCode: 'C2614' },
  };
}

function complaint(enterpriseId: string, eventId: string) {
  return { eventId, type: 'enforcement.complaint_verified', enterpriseId, occurredAt: '2026-03-15T10:00:00+08:00', data: { complaintId: `K-${eventId}` } };
}

describe('socket.io /live', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let adminToken: string;
  let jwt: JwtService;
  let sql: Client;
  const clients: Socket[] = [];

  async function login(username: string, password: string): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  async function ingest(kind: string, body: unknown): Promise<void> {
    // The HTTP ingest drains the outbox before it answers, so the change is on its way to sockets.
    const res = await fetch(`${app.url}/api/ingest/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
  }

  function open(auth: Record<string, unknown>): Socket {
    const socket = io(`${app.url}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(socket);
    return socket;
  }

  async function connect(token: string): Promise<LiveClient> {
    const socket = open({ token });
    const received: Received[] = [];
    socket.onAny((event: string, data: unknown) => received.push({ event, data, at: Date.now() }));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return {
      socket,
      received,
      of: (event) => received.filter((r) => r.event === event).map((r) => r.data),
      clear: () => received.splice(0),
    };
  }

  async function refusal(auth: Record<string, unknown>): Promise<{ message: string; data: unknown }> {
    const socket = open(auth);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the connection was accepted')));
      socket.once('connect_error', (error: Error & { data?: unknown }) => resolve({ message: error.message, data: error.data }));
    });
  }

  function request(client: LiveClient, event: 'subscribe' | 'unsubscribe', body: unknown): Promise<any> {
    return client.socket.timeout(5_000).emitWithAck(event, body);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: fixedClock(NOW) },
    );
    adminToken = await login('admin', PASSWORD);
    jwt = app.app.get(JwtService);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterEach(() => {
    for (const socket of clients.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await database?.drop();
  });

  it('pushes rating.changed with the contract payload after an ingested event', async () => {
    const inspector = await connect(adminToken);
    await ingest('registry', registration(E1, '320102', 'live-reg-1'));
    const first = await until('the first rating of E1', () => inspector.of('rating.changed').find((c) => c.enterpriseId === E1));
    expect(Object.keys(first).sort()).toEqual(CONTRACT_FIELDS);
    expect(first).toMatchObject({ enterpriseId: E1, day: TODAY, revision: 1, previous: null, causeEventIds: ['live-reg-1'] });

    await ingest('enforcement', complaint(E1, 'live-complaint-1'));
    const revised = await until('the revision of E1', () => inspector.of('rating.changed').find((c) => c.enterpriseId === E1 && c.revision === 2));
    expect(Object.keys(revised).sort()).toEqual(CONTRACT_FIELDS);
    expect(revised).toMatchObject({
      day: TODAY,
      previous: { score: first.score, stars: first.stars, face: first.face },
      causeEventIds: ['live-complaint-1'],
    });
    expect(revised.at).toMatch(/^2026-03-15T12:00:00(\.000)?\+08:00$/);
    // Both are exactly the contract's message (rating-message.schema.ts).
    for (const message of [first, revised]) expect(ratingChangeMessageSchema.strict().safeParse(message).error?.issues ?? []).toEqual([]);
    // What was pushed is what the API now answers for that day.
    const res = await fetch(`${app.url}/api/enterprises/${E1}/ratings/${TODAY}`, { headers: { authorization: `Bearer ${adminToken}` } });
    const stored = await res.json();
    for (const field of ['score', 'stars', 'face', 'colour', 'grade', 'veto', 'revision'] as const) expect(revised[field]).toEqual(stored[field]);
    expect(revised.score).toBeLessThan(first.score);

    await sleep(SETTLE_MS);
    expect(inspector.of('rating.changed').filter((c) => c.enterpriseId === E1)).toHaveLength(2);
    expect(inspector.of('ratings.burst')).toEqual([]);
  });

  it('refuses a connection without a token, with a forged, unsigned or expired token', async () => {
    const claims = { sub: '1', name: 'admin', role: 'inspector', enterpriseId: null };
    const [header, payload] = jwt.sign(claims).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const cases: [string, Record<string, unknown>, string][] = [
      ['no token', {}, 'Missing token: connect with auth: { token }'],
      ['empty token', { token: '' }, 'Missing token: connect with auth: { token }'],
      ['wrong signature', { token: jwt.sign(claims, { secret: 'another-secret-of-at-least-32-characters' }) }, 'Invalid or expired token'],
      ['alg none', { token: unsigned }, 'Invalid or expired token'],
      ['expired', { token: jwt.sign(claims, { expiresIn: -60 }) }, 'Invalid or expired token'],
      ['garbage', { token: 'not.a.jwt' }, 'Invalid or expired token'],
    ];
    for (const [name, auth, message] of cases) {
      const refused = await refusal(auth);
      expect({ name, ...refused }).toEqual({ name, message, data: { code: 'unauthorized' } });
    }
    // The same app still accepts a good token (the refusals were about the tokens).
    await expect(connect(jwt.sign(claims))).resolves.toBeDefined();
  });

  it('keeps an enterprise account to its own enterprise', async () => {
    await ingest('registry', registration(E2, '320102', 'live-reg-2'));
    const hash = await hashPassword('company-pw-1');
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('company-e1', $1, 'enterprise', $2)`, [hash, E1]);
    const company = await connect(await login('company-e1', 'company-pw-1'));
    expect(await request(company, 'subscribe', { enterpriseId: E2 })).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect(await request(company, 'subscribe', { region: '320102' })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await request(company, 'subscribe', { all: true })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await request(company, 'subscribe', { enterpriseId: E1 })).toEqual({ ok: true, room: `enterprise:${E1}` });
    expect(await request(company, 'subscribe', { enterpriseId: 'nonsense' })).toMatchObject({ error: { code: 'invalid_input' } });

    await ingest('enforcement', complaint(E2, 'live-complaint-2'));
    await ingest('enforcement', complaint(E1, 'live-complaint-3'));
    await until('E1 change', () => company.of('rating.changed').find((c) => c.causeEventIds.includes('live-complaint-3')));
    await sleep(SETTLE_MS);
    const seen = [...company.of('rating.changed'), ...company.of('ratings.burst').flatMap((b) => b.changes)];
    expect(seen.map((c) => c.enterpriseId)).toEqual([E1]);

    // A staff account may watch any enterprise it names.
    const inspector = await connect(adminToken);
    expect(await request(inspector, 'subscribe', { enterpriseId: E2 })).toEqual({ ok: true, room: `enterprise:${E2}` });
    expect(await request(inspector, 'subscribe', { region: '32010' })).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('coalesces a burst of 50 changes into one ratings.burst for the all and region rooms', async () => {
    const everything = await connect(adminToken);
    const regional = await connect(adminToken);
    expect(await request(regional, 'subscribe', { region: '320111' })).toEqual({ ok: true, room: 'region:320111' });
    expect(await request(regional, 'unsubscribe', { all: true })).toEqual({ ok: true, room: 'all' });
    const watcher = await connect(adminToken);
    const watched = uscc('320111', 103);
    expect(await request(watcher, 'subscribe', { enterpriseId: watched })).toMatchObject({ ok: true });
    expect(await request(watcher, 'unsubscribe', { all: true })).toMatchObject({ ok: true });

    // 30 enterprises in 320102, 20 in 320111, registered in one batch: one commit, 50 rating changes.
    const ids = Array.from({ length: 50 }, (_, i) => (i < 30 ? uscc('320102', 100 + i) : uscc('320111', 100 + i - 30)));
    const result = await app.app.get(ScoringService).processBatch(
      ids.map((id, i) => {
        const body = registration(id, id.slice(2, 8), `live-burst-${i}`);
        return { topicKind: 'registry' as const, topic: topicName('envface.', 'registry'), partition: 0, offset: String(i), key: id, value: JSON.stringify(body) };
      }),
    );
    expect(result).toMatchObject({ accepted: 50, revisions: 50 });
    // The scoring service only writes the outbox; whoever commits a batch drains it (Kafka consumer, HTTP ingest).
    await app.app.get(OutboxDrainer).drain();
    const burst = await until('a burst in all', () => everything.of('ratings.burst')[0]);
    await ingest('enforcement', complaint(E1, 'live-after-burst'));
    await until('the change after the burst', () => everything.of('rating.changed').find((c) => c.causeEventIds.includes('live-after-burst')));
    await sleep(SETTLE_MS);
    expect(everything.of('ratings.burst')).toHaveLength(1);
    expect(burst).toMatchObject({ count: 50, truncated: false });
    expect(burst.changes.map((c: { enterpriseId: string }) => c.enterpriseId).sort()).toEqual([...ids].sort());
    for (const change of burst.changes) expect(Object.keys(change).sort()).toEqual(CONTRACT_FIELDS);
    // Not 50 messages: the only single change is the one that came after the burst.
    expect(everything.of('rating.changed').map((c) => c.enterpriseId)).toEqual([E1]);

    const regionBursts = regional.of('ratings.burst');
    expect(regionBursts).toHaveLength(1);
    expect(regionBursts[0]).toMatchObject({ count: 20, truncated: false });
    expect(regionBursts[0].changes.map((c: { enterpriseId: string }) => c.enterpriseId).sort()).toEqual(ids.slice(30).sort());
    expect(regional.of('rating.changed')).toEqual([]);

    // An enterprise room gets its own change, uncoalesced.
    expect(watcher.of('rating.changed').map((c) => c.enterpriseId)).toEqual([watched]);
    expect(watcher.of('ratings.burst')).toEqual([]);
  });

  it('disconnects a socket when its token expires', async () => {
    const token = jwt.sign({ sub: '1', name: 'admin', role: 'inspector', enterpriseId: null }, { expiresIn: 2 });
    const exp = (jwt.decode(token) as { exp: number }).exp * 1000;
    const client = await connect(token);
    let reason: string | undefined;
    let at = 0;
    client.socket.once('disconnect', (why) => {
      reason = why;
      at = Date.now();
    });
    await until('the server to disconnect the expired socket', () => reason, exp + 3_000 - Date.now());
    expect(reason).toBe('io server disconnect');
    expect(at).toBeGreaterThanOrEqual(exp - 50);
    expect(at).toBeLessThan(exp + 2_000);
    expect(client.of('session.expired')).toEqual([{ error: { code: 'token_expired', message: expect.any(String) } }]);
    // And it cannot come back with the same token.
    expect(await refusal({ token })).toMatchObject({ message: 'Invalid or expired token' });
  });
});
