import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { NOW, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue 15, revocation: disabling an account, changing its password and logging out end tokens on
 * REST and close sockets within 1 s — on the instance that made the change and on another instance
 * of the same deployment (B shares A's database). Every case is timed from the moment the revoking
 * request has been answered (the change is then stored) to the refusal seen on B.
 */
const LIMIT_MS = 1_000;
const POLL_MS = 25;
const E = usccOf('320105', 1);
const STRONG = 'Granite-Willow-Ferry-83';
const STRONG2 = 'Harbor-Quartz-Lantern-29';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('token revocation on REST and socket.io, across instances', () => {
  let a: PublicTestApp;
  let b: RunningApp;
  let sql: Client;
  const sockets: Socket[] = [];
  let ip = 0;

  /** Each login from its own client address, so the per-address login throttle stays out of the way. */
  async function login(username: string, password: string): Promise<string> {
    const res = await a.call('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': `192.0.2.${++ip}` } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }

  async function statusOn(app: 'a' | 'b', token: string, path = '/api/accounts/me'): Promise<number> {
    const base = app === 'a' ? a.app.url : b.url;
    return (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
  }

  /** ms from now until `probe` holds (fails the test past `limit`). */
  async function msUntil(what: string, probe: () => boolean | Promise<boolean>, limit = 3_000): Promise<number> {
    const start = Date.now();
    while (!(await probe())) {
      if (Date.now() - start > limit) throw new Error(`timed out waiting for ${what}`);
      await sleep(POLL_MS);
    }
    return Date.now() - start;
  }

  interface Watched {
    socket: Socket;
    closedAt: number | null;
    reason: string | null;
    revokedMessages: unknown[];
  }

  async function connect(app: 'a' | 'b', token: string): Promise<Watched> {
    const socket = io(`${app === 'a' ? a.app.url : b.url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const watched: Watched = { socket, closedAt: null, reason: null, revokedMessages: [] };
    socket.on('session.revoked', (m: unknown) => watched.revokedMessages.push(m));
    socket.on('disconnect', (reason) => {
      watched.closedAt = Date.now();
      watched.reason = reason;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return watched;
  }

  async function handshakeRefused(app: 'a' | 'b', token: string): Promise<string> {
    const socket = io(`${app === 'a' ? a.app.url : b.url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise<string>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('a revoked token was let in')));
      socket.once('connect_error', (e) => resolve(e.message));
    });
  }

  beforeAll(async () => {
    a = await startPublicTestApp();
    b = await startApp(
      { DATABASE_URL: a.database.url, PORT: '0', LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: fixedClock(NOW) },
    );
    sql = new Client({ connectionString: a.database.url });
    await sql.connect();
    await a.ingest('registry', registration(E, '丙公司', 'rev-reg-e', '320105'));
    for (const [username, role, extra] of [
      ['insp-disable', 'inspector', {}],
      ['insp-password', 'inspector', {}],
      ['insp-logout', 'inspector', {}],
      ['company-e', 'enterprise', { enterpriseId: E }],
    ] as const) {
      const res = await a.call('POST', '/api/accounts', { token: a.adminToken, body: { username, role, password: STRONG, ...extra } });
      expect([username, res.status]).toEqual([username, 201]);
    }
    // As if each had replaced the initial password already (the forced change is tested below).
    await sql.query(`UPDATE users SET must_change_password = false WHERE username <> 'admin'`);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await sql?.end();
    await b?.close();
    await a?.close();
  });

  it('disable: every token of the account refused on both instances and its sockets closed within 1 s; enable does not revive them', async () => {
    const token = await login('insp-disable', STRONG);
    const other = await login('insp-disable', STRONG);
    expect([await statusOn('a', token), await statusOn('b', token), await statusOn('b', other)]).toEqual([200, 200, 200]);
    const onA = await connect('a', token);
    const onB = await connect('b', other);

    const res = await a.call('POST', '/api/accounts/insp-disable/disable', { token: a.adminToken });
    expect(res.status).toBe(204);
    const done = Date.now();
    const restMs = await msUntil('B to refuse the token', async () => (await statusOn('b', token)) === 401);
    const closedA = await msUntil('the socket on A to close', () => onA.closedAt !== null);
    const closedB = await msUntil('the socket on B to close', () => onB.closedAt !== null);
    expect(restMs).toBeLessThanOrEqual(LIMIT_MS);
    expect(onA.closedAt! - done).toBeLessThanOrEqual(LIMIT_MS);
    expect(onB.closedAt! - done).toBeLessThanOrEqual(LIMIT_MS);
    expect([closedA, closedB].every((ms) => ms <= LIMIT_MS)).toBe(true);
    expect([onA.reason, onB.reason]).toEqual(['io server disconnect', 'io server disconnect']);
    expect(onB.revokedMessages).toEqual([{ error: { code: 'session_revoked', message: expect.any(String) } }]);
    expect([await statusOn('a', other), await statusOn('b', other)]).toEqual([401, 401]);
    expect(await handshakeRefused('b', other)).toBe('Invalid or expired token');
    // A disabled account cannot sign in (same answer as a wrong password).
    const refused = await a.call('POST', '/api/auth/login', { body: { username: 'insp-disable', password: STRONG }, headers: { 'x-forwarded-for': '192.0.2.200' } });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });

    expect((await a.call('POST', '/api/accounts/insp-disable/enable', { token: a.adminToken })).status).toBe(204);
    await sleep(600);
    expect([await statusOn('a', token), await statusOn('b', other)]).toEqual([401, 401]);
    const fresh = await login('insp-disable', STRONG);
    expect(await statusOn('b', fresh)).toBe(200);
    console.log(`disable: REST refused on B after ${restMs} ms; sockets closed on A after ${onA.closedAt! - done} ms, on B after ${onB.closedAt! - done} ms`);
  });

  it('password change: tokens issued before are refused everywhere within 1 s; the answer carries a working token', async () => {
    const first = await login('insp-password', STRONG);
    const second = await login('insp-password', STRONG);
    const onB = await connect('b', first);

    const weak = await a.call('POST', '/api/accounts/me/password', { token: second, body: { currentPassword: STRONG, newPassword: 'password1234' } });
    expect(weak).toMatchObject({ status: 400, body: { error: { code: 'weak_password' } } });
    expect(await statusOn('b', first)).toBe(200);

    const res = await a.call('POST', '/api/accounts/me/password', { token: second, body: { currentPassword: STRONG, newPassword: STRONG2 } });
    expect(res.status).toBe(200);
    const done = Date.now();
    expect(res.body).toMatchObject({ username: 'insp-password', mustChangePassword: false, token: expect.any(String) });
    const restMs = await msUntil('B to refuse the old token', async () => (await statusOn('b', first)) === 401);
    await msUntil('the socket on B to close', () => onB.closedAt !== null);
    expect(restMs).toBeLessThanOrEqual(LIMIT_MS);
    expect(onB.closedAt! - done).toBeLessThanOrEqual(LIMIT_MS);
    expect(await statusOn('a', second)).toBe(401); // the token that made the change too
    expect([await statusOn('a', res.body.token), await statusOn('b', res.body.token)]).toEqual([200, 200]);
    await expect(connect('b', res.body.token)).resolves.toBeDefined();
    await expect(login('insp-password', STRONG2)).resolves.toEqual(expect.any(String));
    console.log(`password change: REST refused on B after ${restMs} ms; socket on B closed after ${onB.closedAt! - done} ms`);
  });

  it('logout: that token is refused everywhere within 1 s and its socket closed; the same account\'s other session stays', async () => {
    const leaving = await login('insp-logout', STRONG);
    const staying = await login('insp-logout', STRONG);
    const leavingSocket = await connect('b', leaving);
    const stayingSocket = await connect('b', staying);

    const res = await a.call('POST', '/api/auth/logout', { token: leaving });
    expect(res.status).toBe(204);
    const done = Date.now();
    const restMs = await msUntil('B to refuse the logged-out token', async () => (await statusOn('b', leaving)) === 401);
    await msUntil('the logged-out socket on B to close', () => leavingSocket.closedAt !== null);
    expect(restMs).toBeLessThanOrEqual(LIMIT_MS);
    expect(leavingSocket.closedAt! - done).toBeLessThanOrEqual(LIMIT_MS);
    expect(await statusOn('a', leaving)).toBe(401);
    expect((await a.call('POST', '/api/auth/logout', { token: leaving })).status).toBe(401);
    expect(await handshakeRefused('a', leaving)).toBe('Invalid or expired token');
    // The other session is untouched, on REST and on its socket.
    await sleep(900);
    expect(stayingSocket.closedAt).toBeNull();
    expect([await statusOn('a', staying), await statusOn('b', staying)]).toEqual([200, 200]);
    console.log(`logout: REST refused on B after ${restMs} ms; socket on B closed after ${leavingSocket.closedAt! - done} ms`);
  });

  it('password reset: old tokens end, and the one-time password only allows choosing a new one (REST and socket)', async () => {
    const created = await a.call('POST', '/api/accounts', { token: a.adminToken, body: { username: 'insp-reset', role: 'inspector' } });
    expect(created).toMatchObject({ status: 201, body: { role: 'inspector', mustChangePassword: true, initialPassword: expect.any(String) } });
    const initial = await login('insp-reset', created.body.initialPassword);
    expect(await statusOn('a', initial, '/api/enterprises')).toBe(403);
    expect((await a.call('GET', '/api/enterprises', { token: initial })).body.error.code).toBe('password_change_required');
    expect(await statusOn('a', initial, '/api/accounts/me')).toBe(200);
    await expect(connect('a', initial)).rejects.toThrow('Change the initial password first');
    const changed = await a.call('POST', '/api/accounts/me/password', { token: initial, body: { currentPassword: created.body.initialPassword, newPassword: STRONG } });
    expect(changed.status).toBe(200);
    expect(await statusOn('b', changed.body.token, '/api/enterprises')).toBe(200);
    const onB = await connect('b', changed.body.token);

    const reset = await a.call('POST', '/api/accounts/insp-reset/password-reset', { token: a.adminToken });
    expect(reset).toMatchObject({ status: 200, body: { mustChangePassword: true, initialPassword: expect.any(String) } });
    const done = Date.now();
    const ms = await msUntil('B to refuse the token from before the reset', async () => (await statusOn('b', changed.body.token)) === 401);
    await msUntil('the socket on B to close', () => onB.closedAt !== null);
    expect(ms).toBeLessThanOrEqual(LIMIT_MS);
    expect(onB.closedAt! - done).toBeLessThanOrEqual(LIMIT_MS);
    const afterReset = await login('insp-reset', reset.body.initialPassword);
    expect(await statusOn('a', afterReset, '/api/enterprises')).toBe(403);
    expect((await a.call('POST', '/api/accounts/insp-reset/password-reset', { token: (await login('insp-password', STRONG2)) })).status).toBe(403);
  });

  it('lists accounts with their last login (admin: all; an inspector: enterprise accounts only)', async () => {
    const all = await a.call('GET', '/api/accounts', { token: a.adminToken });
    expect(all.status).toBe(200);
    const byName = new Map(all.body.items.map((i: { username: string }) => [i.username, i]));
    expect(byName.get('insp-logout')).toMatchObject({ role: 'inspector', disabled: false, lastLoginAt: expect.stringMatching(/^\d{4}-/) });
    expect(byName.get('company-e')).toMatchObject({ role: 'enterprise', lastLoginAt: null });
    expect(JSON.stringify(all.body)).not.toMatch(/password_hash|scrypt|token_version/);
    const inspector = await login('insp-logout', STRONG);
    const seen = await a.call('GET', '/api/accounts', { token: inspector });
    expect(seen.body.items.map((i: { role: string }) => i.role)).toEqual(['enterprise']);
    expect((await a.call('POST', '/api/accounts', { token: inspector, body: { username: 'insp-made-admin', role: 'admin', password: STRONG } })).status).toBe(403);
  });

  it('refuses tokens of a deleted account and lets no admin disable their own account', async () => {
    const company = await login('company-e', STRONG);
    expect(await statusOn('b', company)).toBe(200);
    await sql.query(`DELETE FROM users WHERE username = 'company-e'`);
    const ms = await msUntil('B to refuse the token of a deleted account', async () => (await statusOn('b', company)) === 401);
    expect(ms).toBeLessThanOrEqual(LIMIT_MS);
    expect(await a.call('POST', '/api/accounts/admin/disable', { token: a.adminToken })).toMatchObject({ status: 409, body: { error: { code: 'cannot_disable_self' } } });
    expect((await a.call('POST', '/api/accounts/nobody-here/disable', { token: a.adminToken })).status).toBe(404);
  });

  it('records logins, logouts and account changes in an audit log that the database keeps append-only', async () => {
    const actions = (await sql.query<{ action: string; target: string | null; actor_name: string | null }>('SELECT action, target, actor_name FROM audit_log ORDER BY id')).rows;
    const has = (action: string, target: string | null, actor: string | null) =>
      actions.some((r) => r.action === action && (target === null || r.target === target) && (actor === null || r.actor_name === actor));
    expect(has('account.created', 'insp-disable', 'admin')).toBe(true);
    expect(has('account.disabled', 'insp-disable', 'admin')).toBe(true);
    expect(has('account.enabled', 'insp-disable', 'admin')).toBe(true);
    expect(has('password.changed', 'insp-password', 'insp-password')).toBe(true);
    expect(has('logout', null, 'insp-logout')).toBe(true);
    expect(has('login.success', null, 'insp-logout')).toBe(true);
    expect(has('login.failure', 'insp-disable', null)).toBe(true);
    expect(has('password.reset', 'insp-reset', 'admin')).toBe(true);
    await expect(sql.query(`UPDATE audit_log SET action = 'login.success' WHERE action = 'login.failure'`)).rejects.toThrow(/append-only/);
    await expect(sql.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(sql.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(actions.length);
  });
});
