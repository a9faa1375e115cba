import { mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { DOCUMENTED_ROUTES, withUsccCheck } from '@envface/streams';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { NOW, ONE_PIXEL_PNG, TODAY, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Security of the whole API, issue 6: every route the running app registers (found from the router,
 * so a new route is covered the day it is added) × every role; object-level authorisation between two
 * enterprises on REST and socket rooms; strict bodies; forged, unsigned and expired tokens on REST;
 * the public view's exact field set; complaint flood, oversized body, bad photo type.
 */
type Role = 'public' | 'entA' | 'entB' | 'inspector' | 'scoped' | 'admin';
/** `scoped`: an inspector limited to region prefix 3201 (A and B lie inside, C in 330106 outside). */
const ROLES: Role[] = ['public', 'entA', 'entB', 'inspector', 'scoped', 'admin'];
const A = usccOf('320104', 1);
const B = usccOf('320104', 2);
const C = usccOf('330106', 3);
const PUBLIC_KEYS = ['colour', 'face', 'grade', 'last30', 'name', 'penalties', 'score', 'stars', 'underAppeal', 'uscc'];

/** Routes anyone may call. */
const PUBLIC_ROUTES = new Set([
  'GET /api/health', 'POST /api/auth/login', 'GET /metrics', 'GET /api/public/:token', 'POST /api/public/:token/complaints', 'GET /api/public/:token/complaints/challenge', 'GET /api/model',
  'GET /api/public/inspection-plans/:id', 'GET /api/public/inspection-plans/:id/population.csv', 'GET /api/public/lists/:list',
  'POST /api/public/complaints/follow', 'GET /q/:token',
]);
/** Routes enterprise accounts may call (their own data only; checked object by object below). */
const ENTERPRISE_ROUTES = new Set([
  'GET /api/accounts/me', 'POST /api/accounts/me/password', 'POST /api/auth/logout',
  'GET /api/portal/enterprise', 'GET /api/portal/ratings', 'GET /api/portal/ratings/:day', 'GET /api/portal/events', 'GET /api/portal/revisions',
  'POST /api/appeals', 'GET /api/appeals', 'GET /api/appeals/:id', 'POST /api/appeals/:id/evidence', 'GET /api/appeals/:id/evidence/:evidenceId',
  'GET /api/portal/notices', 'GET /api/portal/notices/:id', 'POST /api/portal/notices/:id/acknowledge',
  'GET /api/portal/peers',
]);
/** Routes only enterprise accounts may call (staff have no enterprise of their own). */
/** Routes only admins may call. */
const ADMIN_ONLY = new Set([
  'POST /api/accounts/:username/disable', 'POST /api/accounts/:username/enable', 'POST /api/accounts/:username/password-reset', 'POST /api/accounts/:username/jurisdiction',
  'POST /api/service-keys', 'GET /api/service-keys', 'POST /api/service-keys/:id/revoke',
  'GET /api/audit-log', 'GET /api/audit-log.csv', 'GET /api/audit-log.xlsx',
]);
const ENTERPRISE_ONLY = new Set(['GET /api/portal/peers', 'GET /api/portal/notices', 'GET /api/portal/notices/:id', 'POST /api/portal/notices/:id/acknowledge', 'GET /api/portal/enterprise', 'GET /api/portal/ratings', 'GET /api/portal/ratings/:day', 'GET /api/portal/events', 'GET /api/portal/revisions', 'POST /api/appeals', 'POST /api/appeals/:id/evidence']);

describe('security: routes × roles, object-level authorisation, strict input, tokens', () => {
  let t: PublicTestApp;
  let sql: Client;
  let jwt: JwtService;
  const tokens = {} as Record<Role, string | null>;
  let publicTokenA: string;
  let appealA: string;
  const sockets: Socket[] = [];

  async function enterpriseAccount(username: string, uscc: string): Promise<string> {
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ($1, $2, 'enterprise', $3)`, [username, await hashPassword(`${username}-pw-123`), uscc]);
    return t.login(username, `${username}-pw-123`);
  }

  /**
   * Concrete path of a route pattern: reads name A's objects (so B is tested against them);
   * decisions name an id that does not exist, so the sweep itself changes nothing.
   */
  function pathOf(method: string, pattern: string): string {
    return pattern
      .replace(':uscc', A)
      .replace(':day', TODAY)
      .replace(':kind', 'enforcement')
      .replace(':list', 'red')
      .replace(':token', publicTokenA)
      .replace(':evidenceId', '999999')
      .replace(/:id\b/, method === 'GET' && pattern.startsWith('/api/appeals') ? appealA : '999999');
  }

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    jwt = t.app.app.get(JwtService);
    await t.ingest('registry', registration(A, '甲公司', 'sec-reg-a', '320104'));
    await t.ingest('registry', registration(B, '乙公司', 'sec-reg-b', '320104'));
    await t.ingest('enforcement', penalty(A, 'sec-pen-a', 'A-001'));
    await t.ingest('enforcement', penalty(B, 'sec-pen-b', 'B-001'));
    await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ('inspector1', $1, 'inspector')`, [await hashPassword('inspector1-pw-123')]);
    tokens.public = null;
    tokens.entA = await enterpriseAccount('company-a', A);
    tokens.entB = await enterpriseAccount('company-b', B);
    tokens.inspector = await t.login('inspector1', 'inspector1-pw-123');
    await sql.query(`INSERT INTO users (username, password_hash, role, region_prefixes) VALUES ('scoped1', $1, 'inspector', '{3201}')`, [await hashPassword('scoped1-pw-123')]);
    tokens.scoped = await t.login('scoped1', 'scoped1-pw-123');
    tokens.admin = t.adminToken;
    publicTokenA = (await sql.query<{ public_token: string }>('SELECT public_token FROM enterprises WHERE uscc = $1', [A])).rows[0]!.public_token;
    const appeal = await t.call('POST', '/api/appeals', { token: tokens.entA, body: { eventId: 'sec-pen-a', reasons: '甲公司的复核' } });
    expect(appeal.status).toBe(201);
    appealA = appeal.body.id;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await hardened?.close();
    await sql?.end();
    await t?.close();
  });

  /** All registered routes (method, express pattern), API docs excluded. */
  function registeredRoutes(): { method: string; path: string }[] {
    const express = t.app.app.getHttpAdapter().getInstance();
    return (express.router ?? express._router).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) => Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route.path as string })))
      .filter((r: { path: string }) => !r.path.startsWith('/api/docs'));
  }

  /**
   * A second instance on the same database, configured as in production: no trusted proxy, a metrics
   * token, API docs off, and a built web app (a stand-in index.html) to check the headers of pages.
   */
  let hardened: RunningApp | undefined;
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  async function hardenedApp(): Promise<RunningApp> {
    if (hardened) return hardened;
    const webDir = mkdtempSync(path.join(tmpdir(), 'envface-web-sec-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>EnvFace</title><script type="module" src="/assets/app.js"></script>');
    hardened = await startApp(
      { DATABASE_URL: t.database.url, PORT: '0', LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off', ENVFACE_METRICS_TOKEN: METRICS_TOKEN, ENVFACE_API_DOCS: 'off' },
      { print: () => undefined, clock: fixedClock(NOW), webDistDir: webDir },
    );
    return hardened;
  }

  it('answers every registered route per role: 401 without a token, 403 for the wrong role, never a 5xx', async () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    // The OpenAPI document (built from the contract schemas) describes every route the server answers.
    const served = routes.filter((r) => r.path !== '/metrics').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect([...served].sort()).toEqual([...DOCUMENTED_ROUTES].sort());
    const table: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      // Mutations must not really happen here: rotating A's token would break later paths.
      if (key === 'POST /api/enterprises/:uscc/public-token/rotate') continue;
      // Logout would end the very sessions the sweep uses (tested on its own below).
      if (key === 'POST /api/auth/logout') continue;
      const row: string[] = [];
      for (const role of ROLES) {
        const res = await t.call(route.method, pathOf(route.method, route.path), { token: tokens[role], body: route.method === 'POST' ? {} : undefined });
        row.push(`${role}=${res.status}`);
        let expected: string;
        if (PUBLIC_ROUTES.has(key)) expected = 'allowed';
        else if (role === 'public') expected = '401';
        else if (role === 'entA' || role === 'entB') expected = ENTERPRISE_ROUTES.has(key) ? 'allowed' : '403';
        // The scoped inspector has the inspector's rights (inside its regions, where A lies).
        else if (ADMIN_ONLY.has(key)) expected = role === 'admin' ? 'allowed' : '403';
        else expected = ENTERPRISE_ONLY.has(key) ? '403' : 'allowed';
        const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : String(res.status) === expected;
        if (!ok) wrong.push(`${key} as ${role}: ${res.status} (expected ${expected}) ${JSON.stringify(res.body).slice(0, 120)}`);
        if (res.status >= 400) expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      }
      table.push(`${key.padEnd(55)} ${row.join(' ')}`);
    }
    expect(wrong).toEqual([]);
    // Printed for a human reading the CI log: the matrix itself.
    if (process.env.ENVFACE_PRINT_MATRIX) console.log(table.join('\n'));
    // Rotation separately, last effect-free: enterprise accounts and the public may not rotate anything.
    for (const role of ['public', 'entA', 'entB'] as const) {
      const res = await t.call('POST', `/api/enterprises/${A}/public-token/rotate`, { token: tokens[role] });
      expect([role, res.status]).toEqual([role, role === 'public' ? 401 : 403]);
    }
    expect((await t.call('GET', `/api/public/${publicTokenA}`)).status).toBe(200);
  });

  /**
   * The "other region" column: every route that names an object (an enterprise, or a complaint,
   * appeal, notice, dead letter or plan about one) called with an object of C, which lies outside the
   * scoped inspector's 3201: 404 for it (existence not revealed), allowed for an unscoped inspector.
   * Then lists, figures and exports leave C out, and the live channel never carries C to it.
   */
  it('limits the scoped inspector to its regions on every route: 404 outside, allowed inside', async () => {
    await t.ingest('registry', registration(C, '丙公司', 'sec-reg-c', '330106'));
    await t.ingest('enforcement', penalty(C, 'sec-pen-c', 'C-001'));
    // Logins here come from their own addresses: the login throttle counts per client.
    const loginFrom = async (username: string, password: string, xff: string): Promise<string> => {
      const res = await t.call('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': xff } });
      expect([username, res.status]).toEqual([username, 200]);
      return res.body.token as string;
    };
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('company-c', $1, 'enterprise', $2)`, [await hashPassword('company-c-pw-123'), C]);
    const tokenC = await loginFrom('company-c', 'company-c-pw-123', '198.51.100.210');
    const appealC = (await t.call('POST', '/api/appeals', { token: tokenC, body: { eventId: 'sec-pen-c', reasons: '丙公司的复核' } })).body.id as string;
    const evidenceForm = new FormData();
    evidenceForm.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')]), 'c.pdf');
    const evidenceC = (await t.call('POST', `/api/appeals/${appealC}/evidence`, { token: tokenC, raw: evidenceForm })).body.id as string;
    const publicTokenC = (await sql.query<{ public_token: string }>('SELECT public_token FROM enterprises WHERE uscc = $1', [C])).rows[0]!.public_token;
    const form = new FormData();
    form.set('category', 'air');
    form.set('text', '丙公司冒黑烟');
    form.set('photo', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'p.png');
    const complaintC = (await t.call('POST', `/api/public/${publicTokenC}/complaints`, { raw: form, headers: { 'x-forwarded-for': '198.51.100.201' } })).body.id as string;
    expect(complaintC).toMatch(/^\d+$/);
    // A malformed reading about C: a dead letter naming C.
    const bad = await t.call('POST', '/api/ingest/monitoring', { token: tokens.admin, body: { eventId: 'sec-bad-c', type: 'monitoring.reading', enterpriseId: C, occurredAt: '2026-03-15T09:00:00+08:00', data: { value: 'x' } } });
    expect(bad.status).toBe(400);
    const letterC = (await sql.query<{ id: string }>(`SELECT id::text FROM dead_letters WHERE key = $1 ORDER BY id DESC LIMIT 1`, [C])).rows[0]!.id;
    await t.call('GET', '/api/notices', { token: tokens.admin }); // notices are made lazily; let the sync run
    for (let i = 0; i < 50 && (await sql.query(`SELECT 1 FROM credit_notices WHERE enterprise_id = $1`, [C])).rowCount === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const noticeC = (await sql.query<{ id: string }>(`SELECT id::text FROM credit_notices WHERE enterprise_id = $1`, [C])).rows[0]!.id;
    const planC = await t.call('POST', '/api/inspection-plans', { token: tokens.admin, body: { name: '浙江抽查', regionPrefixes: ['3301'], industryPrefixes: [], size: 1, inspectors: ['inspector1', 'scoped1'], includeExempt: true } });
    expect(planC.status).toBe(201);

    // An enterprise registered by hand in C's region (330106), pending verification: the verify route's object there.
    const D = withUsccCheck('12330106MB0H4ND00');
    const hand = await t.call('POST', '/api/registry/hand-registrations', { token: tokens.admin, body: { uscc: D, name: '丁医院', regionCode: '330106', industryCode: 'Q8411' } });
    expect(hand.status).toBe(201);

    const objectOf: [RegExp, string][] = [
      [/^\/api\/complaints\/:id/, complaintC],
      [/^\/api\/appeals\/:id/, appealC],
      [/^\/api\/notices\/:id/, noticeC],
      [/^\/api\/dead-letters\/:id/, letterC],
      [/^\/api\/inspection-plans\/:id/, planC.body.id],
    ];
    const wrong: string[] = [];
    const column: string[] = [];
    let named = 0;
    for (const route of registeredRoutes()) {
      const key = `${route.method} ${route.path}`;
      let path: string | null = null;
      if (route.path.includes(':uscc')) path = route.path.replace(':uscc', route.path.startsWith('/api/registry/hand-registrations') ? D : C).replace(':day', TODAY);
      else for (const [pattern, id] of objectOf) if (pattern.test(route.path)) path = route.path.replace(':id', id);
      // Uploading evidence is the enterprise's own act (staff get 403 everywhere).
      if (path === null || route.path.startsWith('/api/portal') || key === 'POST /api/appeals/:id/evidence') continue;
      path = path.replace(':evidenceId', evidenceC);
      named++;
      const body = route.method !== 'POST' ? undefined : key.endsWith('/results') ? { uscc: C, result: 'compliant' } : { reason: '越权测试' };
      // Scoped first: the unscoped inspector's call may decide the object.
      const scoped = await t.call(route.method, path, { token: tokens.scoped, body });
      const inspector = await t.call(route.method, path, { token: tokens.inspector, body });
      column.push(`${key.padEnd(55)} other region: scoped=${scoped.status} inspector=${inspector.status}`);
      if (scoped.status !== 404) wrong.push(`${key} as scoped: ${scoped.status} (expected 404) ${JSON.stringify(scoped.body).slice(0, 100)}`);
      if ([401, 403, 404].includes(inspector.status) || inspector.status >= 500) wrong.push(`${key} as inspector: ${inspector.status} (expected allowed) ${JSON.stringify(inspector.body).slice(0, 100)}`);
    }
    if (process.env.ENVFACE_PRINT_MATRIX) console.log(column.join('\n'));
    expect(wrong).toEqual([]);
    expect(named).toBeGreaterThan(20);

    // Inside: A's routes answer the scoped inspector.
    for (const path of [`/api/enterprises/${A}`, `/api/enterprises/${A}/ratings`, `/api/enterprises/${A}/events`, `/api/enterprises/${A}/ratings.csv`]) {
      expect([path, (await t.call('GET', path, { token: tokens.scoped })).status]).toEqual([path, 200]);
    }
    // Lists, search, figures and exports leave C out.
    const usccs = (res: { body: any }, pick: (x: any) => string, items = (b: any) => b.items) => (items(res.body) as any[]).map(pick);
    const explorer = await t.call('GET', '/api/enterprises?limit=100', { token: tokens.scoped });
    expect(usccs(explorer, (e) => e.uscc).sort()).toEqual([A, B].sort());
    expect(explorer.body.total).toBe(2);
    expect(usccs(await t.call('GET', '/api/enterprises?limit=100', { token: tokens.inspector }), (e) => e.uscc)).toContain(C);
    expect((await t.call('GET', `/api/enterprises?q=${encodeURIComponent('丙公司')}`, { token: tokens.scoped })).body.items).toEqual([]);
    const csv = await t.call('GET', '/api/enterprises.csv', { token: tokens.scoped });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(A);
    expect(String(csv.body)).not.toContain(C);
    const overview = await t.call('GET', '/api/stats/overview', { token: tokens.scoped });
    expect(overview.body.total).toBe(2);
    // A, B, C and the hospital D registered by hand in C's region.
    expect((await t.call('GET', '/api/stats/overview', { token: tokens.inspector })).body.total).toBe(4);
    expect(JSON.stringify(overview.body.byRegion)).not.toContain('330106');
    // The region map: C's county and C itself only for the unscoped inspector.
    const scopedMap = await t.call('GET', '/api/stats/map', { token: tokens.scoped });
    expect(scopedMap.status).toBe(200);
    expect(JSON.stringify(scopedMap.body)).not.toContain('330106');
    expect(JSON.stringify((await t.call('GET', '/api/stats/map', { token: tokens.inspector })).body)).toContain('330106');
    expect(JSON.stringify((await t.call('GET', '/api/stats/recent-changes', { token: tokens.scoped })).body)).not.toContain(C);
    expect(JSON.stringify((await t.call('GET', '/api/stats/early-warnings', { token: tokens.scoped })).body)).not.toContain(C);
    expect(usccs(await t.call('GET', '/api/complaints', { token: tokens.scoped }), (c) => c.enterpriseId)).not.toContain(C);
    expect(usccs(await t.call('GET', '/api/complaints', { token: tokens.inspector }), (c) => c.enterpriseId)).toContain(C);
    expect(usccs(await t.call('GET', '/api/appeals', { token: tokens.scoped }), (a) => a.enterpriseId)).not.toContain(C);
    expect(usccs(await t.call('GET', '/api/notices', { token: tokens.scoped }), (n) => n.enterpriseId)).not.toContain(C);
    expect(usccs(await t.call('GET', '/api/dead-letters', { token: tokens.scoped }), (d) => d.key)).not.toContain(C);
    expect(usccs(await t.call('GET', '/api/dead-letters', { token: tokens.inspector }), (d) => d.key)).toContain(C);
    expect(usccs(await t.call('GET', '/api/inspection-plans', { token: tokens.scoped }), (p) => p.id, (b) => b.plans)).not.toContain(planC.body.id);
    expect(usccs(await t.call('GET', '/api/accounts', { token: tokens.scoped }), (a) => a.username)).not.toContain('company-c');
    expect((await t.call('GET', '/api/signs?region=330106', { token: tokens.scoped })).status).toBe(404);
    expect((await t.call('GET', '/api/signs?region=320104', { token: tokens.scoped })).status).toBe(200);
    // Acting outside: no account for C, no plan over C's region, no event about C.
    expect((await t.call('POST', '/api/accounts', { token: tokens.scoped, body: { username: 'sneaky-c', enterpriseId: C } })).status).toBe(404);
    expect((await t.call('POST', '/api/inspection-plans', { token: tokens.scoped, body: { name: 'x', regionPrefixes: ['3301'], industryPrefixes: [], size: 1, inspectors: ['inspector1', 'scoped1'] } })).status).toBe(404);
    const inspectC = { eventId: 'sec-scoped-insp-c', type: 'enforcement.inspection', enterpriseId: C, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'SC-1', result: 'violation_found' } };
    expect((await t.call('POST', '/api/ingest/enforcement', { token: tokens.scoped, body: inspectC })).status).toBe(404);
    expect((await t.call('POST', '/api/ingest/enforcement', { token: tokens.scoped, body: { ...inspectC, eventId: 'sec-scoped-insp-a', enterpriseId: A } })).status).toBe(202);

    // Live: the scoped inspector's dashboard gets A's changes, never C's, and cannot ask for C.
    const live = io(`${t.app.url}/live`, { auth: { token: tokens.scoped }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(live);
    await new Promise<void>((resolve, reject) => {
      live.once('connect', resolve);
      live.once('connect_error', reject);
    });
    expect(await live.timeout(5000).emitWithAck('subscribe', { enterpriseId: C })).toMatchObject({ error: { code: 'not_found' } });
    expect(await live.timeout(5000).emitWithAck('subscribe', { region: '330106' })).toMatchObject({ error: { code: 'not_found' } });
    expect(await live.timeout(5000).emitWithAck('subscribe', { all: true })).toMatchObject({ error: { code: 'not_found' } });
    expect(await live.timeout(5000).emitWithAck('subscribe', { enterpriseId: A })).toMatchObject({ ok: true });
    const received = new Set<string>();
    live.on('rating.changed', (c: { enterpriseId: string }) => received.add(c.enterpriseId));
    live.on('ratings.burst', (b: { changes?: { enterpriseId: string }[] }) => b.changes?.forEach((c) => received.add(c.enterpriseId)));
    await t.ingest('enforcement', { eventId: 'sec-live-c', type: 'enforcement.inspection', enterpriseId: C, occurredAt: '2026-03-15T11:00:00+08:00', data: { inspectionId: 'SL-C', result: 'violation_found' } });
    await t.ingest('enforcement', { eventId: 'sec-live-a', type: 'enforcement.inspection', enterpriseId: A, occurredAt: '2026-03-15T11:00:00+08:00', data: { inspectionId: 'SL-A', result: 'violation_found' } });
    for (let i = 0; i < 40 && !received.has(A); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect([...received]).toEqual([A]);

    // A new jurisdiction ends the inspector's sessions (≤ 1 s) and is stored; the account API shows it.
    const changedAt = Date.now();
    const ended = new Promise<number>((resolve) => {
      live.once('disconnect', () => resolve(Date.now() - changedAt));
      setTimeout(() => resolve(Number.POSITIVE_INFINITY), 3000).unref();
    });
    const set = await t.call('POST', '/api/accounts/scoped1/jurisdiction', { token: tokens.admin, body: { regionPrefixes: ['3301', '3201'] } });
    expect(set).toMatchObject({ status: 200, body: { username: 'scoped1', regionPrefixes: ['3201', '3301'] } });
    expect((await t.call('GET', '/api/enterprises', { token: tokens.scoped })).status).toBe(401);
    expect(await ended).toBeLessThanOrEqual(1000);
    tokens.scoped = await loginFrom('scoped1', 'scoped1-pw-123', '198.51.100.211');
    expect((await t.call('GET', `/api/enterprises/${C}`, { token: tokens.scoped })).status).toBe(200);
    expect((await t.call('POST', '/api/accounts/scoped1/jurisdiction', { token: tokens.inspector, body: { regionPrefixes: [] } })).status).toBe(403);
    expect((await t.call('POST', '/api/accounts/company-c/jurisdiction', { token: tokens.admin, body: { regionPrefixes: ['3201'] } })).status).toBe(400);
    expect((await t.call('POST', '/api/accounts/scoped1/jurisdiction', { token: tokens.admin, body: { regionPrefixes: ['32x'] } })).status).toBe(400);
    const created = await t.call('POST', '/api/accounts', { token: tokens.admin, body: { username: 'district-insp', role: 'inspector', regionPrefixes: ['320104'] } });
    expect(created).toMatchObject({ status: 201, body: { role: 'inspector', regionPrefixes: ['320104'], mustChangePassword: true, initialPassword: expect.any(String) } });
    expect((await sql.query(`SELECT region_prefixes FROM users WHERE username = 'district-insp'`)).rows[0].region_prefixes).toEqual(['320104']);
    const actions = (await sql.query(`SELECT action, target FROM audit_log WHERE target IN ('scoped1', 'district-insp') ORDER BY id`)).rows;
    expect(actions).toEqual(expect.arrayContaining([{ action: 'account.jurisdiction_changed', target: 'scoped1' }, { action: 'account.created', target: 'district-insp' }]));
    // Put the matrix's scoped inspector back as it was (later tests reuse the token).
    await t.call('POST', '/api/accounts/scoped1/jurisdiction', { token: tokens.admin, body: { regionPrefixes: ['3201'] } });
    tokens.scoped = await loginFrom('scoped1', 'scoped1-pw-123', '198.51.100.212');
  });

  it('keeps enterprise A out of everything of B (and B out of A)', async () => {
    // Appeals: B cannot read, decide or list A's; nor appeal A's event.
    expect((await t.call('GET', `/api/appeals/${appealA}`, { token: tokens.entB })).status).toBe(404);
    expect((await t.call('GET', `/api/appeals/${appealA}`, { token: tokens.entA })).body.enterpriseId).toBe(A);
    expect((await t.call('GET', `/api/appeals/${appealA}`, { token: tokens.inspector })).status).toBe(200);
    expect((await t.call('GET', '/api/appeals', { token: tokens.entB })).body.items).toEqual([]);
    // A filter naming another enterprise is ignored for enterprise accounts: they see their own only.
    const filtered = await t.call('GET', `/api/appeals?enterpriseId=${A}`, { token: tokens.entB });
    expect(filtered.body.items).toEqual([]);
    expect((await t.call('POST', `/api/appeals/${appealA}/accept`, { token: tokens.entB, body: {} })).status).toBe(403);
    expect((await t.call('POST', `/api/appeals/${appealA}/reject`, { token: tokens.entA, body: { reason: 'x' } })).status).toBe(403);
    expect((await t.call('POST', '/api/appeals', { token: tokens.entB, body: { eventId: 'sec-pen-a', reasons: 'x' } })).status).toBe(404);
    // Portal: the USCC comes from the token; there is no way to name another enterprise.
    expect((await t.call('GET', '/api/portal/enterprise', { token: tokens.entA })).body.uscc).toBe(A);
    expect((await t.call('GET', '/api/portal/enterprise', { token: tokens.entB })).body.uscc).toBe(B);
    expect((await t.call('GET', `/api/portal/ratings?enterpriseId=${A}`, { token: tokens.entB })).status).toBe(400);
    expect((await t.call('GET', '/api/portal/ratings', { token: tokens.entB })).body.enterpriseId).toBe(B);
    expect((await t.call('GET', '/api/portal/peers', { token: tokens.entA })).body.enterpriseId).toBe(A);
    expect((await t.call('GET', '/api/portal/peers', { token: tokens.entB })).body.enterpriseId).toBe(B);
    expect((await t.call('GET', `/api/portal/peers?enterpriseId=${A}`, { token: tokens.entB })).status).toBe(400);
    const eventsB = (await t.call('GET', '/api/portal/events', { token: tokens.entB })).body.items.map((e: { eventId: string }) => e.eventId);
    expect(eventsB.sort()).toEqual(['sec-pen-b', 'sec-reg-b']);
    // Staff routes naming A refuse B's token.
    for (const path of [`/api/enterprises/${A}`, `/api/enterprises/${A}/ratings`, `/api/enterprises/${A}/qr.png`, `/api/enterprises/${A}/sign`, '/api/complaints']) {
      expect([path, (await t.call('GET', path, { token: tokens.entB })).status]).toEqual([path, 403]);
    }
    // A token forged with B's claims but another enterprise id is not signed: refused.
    const [header, payload] = tokens.entB!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, enterpriseId: A })).toString('base64url')}.${tokens.entB!.split('.')[2]}`;
    expect((await t.call('GET', '/api/portal/enterprise', { token: tampered })).status).toBe(401);
  });

  it('keeps socket rooms per enterprise: /live subscriptions and /public tokens', async () => {
    const live = io(`${t.app.url}/live`, { auth: { token: tokens.entB }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(live);
    await new Promise<void>((resolve, reject) => {
      live.once('connect', resolve);
      live.once('connect_error', reject);
    });
    expect(await live.timeout(5000).emitWithAck('subscribe', { enterpriseId: A })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await live.timeout(5000).emitWithAck('subscribe', { region: '320104' })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await live.timeout(5000).emitWithAck('subscribe', { all: true })).toMatchObject({ error: { code: 'forbidden' } });
    const received: string[] = [];
    live.on('rating.changed', (c: { enterpriseId: string }) => received.push(c.enterpriseId));

    const watcher = io(`${t.app.url}/public`, { auth: { publicToken: publicTokenA }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(watcher);
    const views: { uscc: string }[] = [];
    watcher.on('public.view', (v: { uscc: string }) => views.push(v));
    await new Promise<void>((resolve, reject) => {
      watcher.once('connect', resolve);
      watcher.once('connect_error', reject);
    });
    // A client cannot ask the public namespace for another room: there is no subscribe handler at all.
    watcher.emit('subscribe', { enterpriseId: B });
    await t.ingest('enforcement', { eventId: 'sec-insp-a', type: 'enforcement.inspection', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'SI-A', result: 'violation_found' } });
    await t.ingest('enforcement', { eventId: 'sec-insp-b', type: 'enforcement.inspection', enterpriseId: B, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'SI-B', result: 'violation_found' } });
    await new Promise((r) => setTimeout(r, 800));
    expect(received).toEqual([B]);
    expect(views.map((v) => v.uscc)).toEqual([A]);
    expect(Object.keys(views[0]!).sort()).toEqual(PUBLIC_KEYS);
  });

  it('refuses extra fields (no mass assignment) with 400', async () => {
    const cases: [string, string, string | null, unknown][] = [
      ['POST', '/api/accounts', tokens.admin, { username: 'new-co', enterpriseId: A, role: 'admin' }],
      ['POST', '/api/accounts', tokens.admin, { username: 'new-co', enterpriseId: A, mustChangePassword: false }],
      ['POST', '/api/accounts/me/password', tokens.entA, { currentPassword: 'company-a-pw-123', newPassword: 'another-pw-123', role: 'admin' }],
      ['POST', '/api/appeals', tokens.entA, { eventId: 'sec-pen-a', reasons: 'x', enterpriseId: B }],
      ['POST', '/api/appeals', tokens.entA, { eventId: 'sec-pen-a', reasons: 'x', status: 'accepted' }],
      ['POST', `/api/appeals/${appealA}/reject`, tokens.admin, { reason: 'x', status: 'accepted' }],
      ['POST', `/api/appeals/${appealA}/accept`, tokens.admin, { voidEventId: 'x' }],
      ['POST', '/api/complaints/1/dismiss', tokens.admin, { reason: 'x', status: 'verified' }],
      ['POST', '/api/complaints/1/verify', tokens.admin, { enterpriseId: B }],
      ['POST', `/api/public/${publicTokenA}/complaints`, null, { category: 'air', text: 'x', enterpriseId: B }],
      ['POST', `/api/public/${publicTokenA}/complaints`, null, { category: 'air', text: 'x', status: 'verified' }],
      ['GET', '/api/complaints?status=pending&admin=1', tokens.admin, undefined],
      ['GET', `/api/signs?region=320104&x=1`, tokens.admin, undefined],
    ];
    for (const [method, path, token, body] of cases) {
      const res = await t.call(method, path, { token, body, headers: { 'x-forwarded-for': '192.0.2.50' } });
      expect([path, JSON.stringify(body), res.status, res.body.error?.code]).toEqual([path, JSON.stringify(body), 400, 'invalid_input']);
    }
    // Nothing was changed by the refused requests.
    expect((await t.call('GET', `/api/appeals/${appealA}`, { token: tokens.entA })).body.status).toBe('pending');
    expect((await sql.query(`SELECT count(*)::int AS n FROM users WHERE username = 'new-co'`)).rows[0].n).toBe(0);
  });

  it('refuses unsigned, forged and expired tokens on REST', async () => {
    const claims = { sub: '1', name: 'admin', role: 'admin', enterpriseId: null };
    const [, payload] = jwt.sign(claims).split('.');
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad: [string, string][] = [
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
      ['alg none with signature', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${jwt.sign(claims).split('.')[2]}`],
      ['wrong signature', jwt.sign(claims, { secret: 'another-secret-of-at-least-32-characters' })],
      ['HS512 with the same key', jwt.sign(claims, { algorithm: 'HS512' })],
      ['expired', jwt.sign(claims, { expiresIn: -60 })],
      ['enterprise expired', jwt.sign({ sub: '3', name: 'company-a', role: 'enterprise', enterpriseId: A }, { expiresIn: -1 })],
      ['garbage', 'not.a.jwt'],
    ];
    for (const path of ['/api/enterprises', '/api/complaints', '/api/accounts/me', '/api/portal/enterprise', '/api/appeals']) {
      for (const [name, token] of bad) {
        const res = await t.call('GET', path, { token });
        expect([path, name, res.status, res.body]).toEqual([path, name, 401, { error: { code: 'unauthorized', message: expect.any(String) } }]);
      }
    }
    // The good token works on the same routes.
    expect((await t.call('GET', '/api/enterprises', { token: jwt.sign(claims) })).status).toBe(200);
  });

  it('answers the public view with exactly the public field set', async () => {
    const res = await t.call('GET', `/api/public/${publicTokenA}`);
    expect(Object.keys(res.body).sort()).toEqual(PUBLIC_KEYS);
    for (const d of res.body.last30) expect(Object.keys(d).sort()).toEqual(['day', 'face', 'stars']);
    for (const p of res.body.penalties) expect(Object.keys(p).sort()).toEqual(['caseNo', 'day', 'publicText', 'violation']);
    expect(res.body.penalties).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toMatch(/public_?[tT]oken|amountYuan|severity|region|industry|address|streak|veto|revision|eventId/);
  });

  it('limits reports: flood 429, oversized 413, bad photo type 400', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await t.call('POST', `/api/public/${publicTokenA}/complaints`, { body: { category: 'noise', text: `flood ${i}` }, headers: { 'x-forwarded-for': '198.51.100.99' } })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await t.call('POST', `/api/public/${publicTokenA}/complaints`, { body: { category: 'noise', text: 'more' }, headers: { 'x-forwarded-for': '198.51.100.99' } });
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    // Another client is not affected by that one's flood.
    expect((await t.call('POST', `/api/public/${publicTokenA}/complaints`, { body: { category: 'noise', text: 'other client' }, headers: { 'x-forwarded-for': '198.51.100.100' } })).status).toBe(201);

    const hugeJson = await t.call('POST', `/api/public/${publicTokenA}/complaints`, { body: { category: 'noise', text: 'x'.repeat(1_200_000) }, headers: { 'x-forwarded-for': '198.51.100.101' } });
    expect(hugeJson).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    const big = new FormData();
    big.set('category', 'air');
    big.set('text', 'big photo');
    big.set('photo', new Blob([Buffer.concat([ONE_PIXEL_PNG, Buffer.alloc(2 * 1024 * 1024 + 1)])], { type: 'image/png' }), 'big.png');
    expect(await t.call('POST', `/api/public/${publicTokenA}/complaints`, { raw: big, headers: { 'x-forwarded-for': '198.51.100.102' } })).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    for (const [name, bytes] of [['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')], ['html', Buffer.from('<!doctype html><p>x')], ['gif', Buffer.from('GIF89a\x01\x00\x01\x00')]] as const) {
      const form = new FormData();
      form.set('category', 'air');
      form.set('text', name);
      form.set('photo', new Blob([bytes], { type: 'image/jpeg' }), `${name}.jpg`);
      const res = await t.call('POST', `/api/public/${publicTokenA}/complaints`, { raw: form, headers: { 'x-forwarded-for': '198.51.100.103' } });
      expect([name, res.status, res.body.error?.code]).toEqual([name, 400, 'unsupported_photo_type']);
    }
    const twoFiles = new FormData();
    twoFiles.set('category', 'air');
    twoFiles.set('text', 'two');
    twoFiles.set('other', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'a.png');
    expect((await t.call('POST', `/api/public/${publicTokenA}/complaints`, { raw: twoFiles, headers: { 'x-forwarded-for': '198.51.100.104' } })).status).toBe(400);
    // Reports never changed A's rating.
    const internal = await t.call('GET', `/api/enterprises/${A}/ratings/${TODAY}`, { token: tokens.admin });
    expect(internal.body.effects.some((e: { indicator: string }) => e.indicator === 'S1')).toBe(false);
  });

  it('refuses decision events from inspector tokens on raw ingest (admin allowed) and stores who sent each event', async () => {
    const decisions = [
      { eventId: 'sec-void-1', type: 'enforcement.voided', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { targetEventId: 'sec-pen-a', reason: '复核撤销' } },
      { eventId: 'sec-cv-1', type: 'enforcement.complaint_verified', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { complaintId: 'CMP-1' } },
      { eventId: 'sec-award-1', type: 'enforcement.award', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { title: '省级环保示范企业', level: 'provincial' } },
      { eventId: 'sec-veto-1', type: 'enforcement.veto', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { reason: 'falsified_data' } },
    ];
    for (const event of decisions) {
      const res = await t.call('POST', '/api/ingest/enforcement', { token: tokens.inspector, body: event });
      expect([event.type, res.status, res.body.error?.code]).toEqual([event.type, 403, 'forbidden']);
    }
    expect((await sql.query(`SELECT count(*)::int AS n FROM event_ids WHERE event_id LIKE 'sec-void-%' OR event_id LIKE 'sec-cv-%' OR event_id LIKE 'sec-award-%' OR event_id LIKE 'sec-veto-%'`)).rows[0].n).toBe(0);
    // Admin may still send one (an award here), and an inspector any other enforcement event.
    expect((await t.call('POST', '/api/ingest/enforcement', { token: tokens.admin, body: decisions[2] })).status).toBe(202);
    const inspection = { eventId: 'sec-insp-by-inspector', type: 'enforcement.inspection', enterpriseId: B, occurredAt: '2026-03-15T11:00:00+08:00', data: { inspectionId: 'SI-X', result: 'compliant' } };
    expect((await t.call('POST', '/api/ingest/enforcement', { token: tokens.inspector, body: inspection })).status).toBe(202);
    const senders = await sql.query<{ event_id: string; sent_by: string | null }>(
      `SELECT event_id, sent_by FROM event_ids WHERE event_id IN ('sec-award-1', 'sec-insp-by-inspector', 'sec-reg-a') ORDER BY event_id`,
    );
    const inspectorId = (await sql.query(`SELECT id::text FROM users WHERE username = 'inspector1'`)).rows[0].id;
    expect(senders.rows).toEqual([
      { event_id: 'sec-award-1', sent_by: 'account:1:admin' },
      { event_id: 'sec-insp-by-inspector', sent_by: `account:${inspectorId}:inspector1` },
      { event_id: 'sec-reg-a', sent_by: 'account:1:admin' },
    ]);
  });

  it('answers NUL characters and malformed bodies on every route with 400, never 500 (cases generated from the router)', async () => {
    const wrong: string[] = [];
    for (const route of registeredRoutes()) {
      const base = pathOf(route.method, route.path);
      const cases: [string, Promise<{ status: number; body: any }>][] = [
        [`${route.method} ${route.path}?q=%00`, t.call(route.method, `${base}${base.includes('?') ? '&' : '?'}q=a%00b`, { token: tokens.admin })],
      ];
      if (route.method === 'POST') {
        cases.push([`${route.method} ${route.path} NUL in JSON`, t.call('POST', base, { token: tokens.admin, body: { username: 'a\u0000', reasons: 'x\u0000', text: '\u0000', nested: { deep: ['\u0000'] } } })]);
        cases.push([`${route.method} ${route.path} NUL as anonymous`, t.call('POST', base, { body: { text: 'a\u0000b' } })]);
        cases.push([`${route.method} ${route.path} text/plain`, t.call('POST', base, { token: tokens.admin, raw: 'hello', headers: { 'content-type': 'text/plain' } })]);
      }
      for (const [name, pending] of cases) {
        const res = await pending;
        if (res.status !== 400 || res.body?.error?.code !== 'invalid_input') wrong.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Ingest: no body, text/plain, deeply nested, an array, NUL in a nested value.
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const ingestCases: [string, { body?: unknown; raw?: string; headers?: Record<string, string> }][] = [
      ['no body', {}],
      ['empty JSON body', { raw: '', headers: { 'content-type': 'application/json' } }],
      ['text/plain', { raw: '{"eventId":"x"}', headers: { 'content-type': 'text/plain' } }],
      ['deeply nested', { body: { eventId: 'sec-deep', type: 'enforcement.inspection', enterpriseId: A, data: deep } }],
      ['array', { body: [{ eventId: 'x' }] }],
      ['NUL', { body: { eventId: 'sec-nul', type: 'enforcement.inspection', enterpriseId: A, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'S\u0000', result: 'compliant' } } }],
      ['not JSON', { raw: '{"eventId":', headers: { 'content-type': 'application/json' } }],
    ];
    for (const [name, options] of ingestCases) {
      const res = await t.call('POST', '/api/ingest/enforcement', { token: tokens.admin, ...options });
      // An empty JSON body parses as {} and is refused by the event contract (code `schema`).
      expect([name, res.status, res.body.error?.code]).toEqual([name, 400, name === 'empty JSON body' ? 'schema' : 'invalid_input']);
    }
    // Multipart (parsed by multer after routing) goes through the same check; login and search too.
    const form = new FormData();
    form.set('category', 'air');
    form.set('text', '黑烟\u0000');
    expect((await t.call('POST', `/api/public/${publicTokenA}/complaints`, { raw: form, headers: { 'x-forwarded-for': '198.51.100.150' } })).status).toBe(400);
    expect((await t.call('POST', '/api/auth/login', { body: { username: 'admin\u0000', password: 'x' } })).status).toBe(400);
    expect((await t.call('GET', '/api/enterprises?q=%E7%94%B2%00', { token: tokens.admin })).status).toBe(400);
    expect((await sql.query(`SELECT count(*)::int AS n FROM complaints WHERE text LIKE '黑烟%'`)).rows[0].n).toBe(0);
  });

  it('sends CSP, nosniff and no-referrer on pages, API answers and errors', async () => {
    const app = await hardenedApp();
    for (const p of ['/', '/enterprises/x', `/q/${publicTokenA}`, '/api/health', '/api/enterprises', `/api/public/${publicTokenA}`, '/api/nope']) {
      const res = await fetch(`${app.url}${p}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect([p, res.status < 500]).toEqual([p, true]);
      expect([p, csp]).toEqual([p, expect.stringContaining("default-src 'self'")]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect([p, res.headers.get('x-content-type-options'), res.headers.get('referrer-policy')]).toEqual([p, 'nosniff', 'no-referrer']);
    }
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('x-powered-by')).toBeNull();
  });

  it('guards /metrics with ENVFACE_METRICS_TOKEN (else loopback only) and turns /api/docs off with ENVFACE_API_DOCS=off', async () => {
    const app = await hardenedApp();
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-the-same-size-xx' } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('envface_');
    expect((await fetch(`${app.url}/api/docs`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/docs-json`)).status).toBe(404);
    expect((await fetch(`${t.app.url}/api/docs-json`)).status).toBe(200);
    // Without a token: served to loopback, refused to any other address of this machine.
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(200);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const port = new URL(t.app.url).port;
      const res = await fetch(`http://${external.address}:${port}/metrics`);
      expect(res.status).toBe(403);
    }
  });

  it('believes X-Forwarded-For only from ENVFACE_TRUSTED_PROXIES (default: nobody)', async () => {
    const app = await hardenedApp();
    // Untrusted: changing X-Forwarded-For does not make a new client; the 11th login a minute is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ username: `xff-probe-${i}`, password: 'wrong-password' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // The test app trusts loopback (a proxy on this machine): there each address is its own client.
    const trusted: number[] = [];
    for (let i = 0; i < 11; i++) {
      trusted.push((await t.call('POST', '/api/auth/login', { body: { username: `xff-trusted-${i}`, password: 'wrong-password' }, headers: { 'x-forwarded-for': `203.0.113.${100 + i}` } })).status);
    }
    expect(trusted).toEqual(Array(11).fill(401));
    // The last 21 failures are these (the 11th untrusted attempt was refused before it counted);
    // names that are no account are not written to the audit log.
    // Audit rows are written after the answer (a login never waits for them): wait for the last one.
    for (let i = 0; i < 50 && (await sql.query(`SELECT 1 FROM audit_log WHERE client = '203.0.113.110'`)).rowCount === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const audit = await sql.query<{ client: string; target: string | null }>(`SELECT client, target FROM audit_log WHERE action = 'login.failure' ORDER BY id DESC LIMIT 21`);
    audit.rows.reverse();
    expect(audit.rows.every((r) => r.target === null)).toBe(true);
    expect(audit.rows.slice(0, 10).map((r) => r.client.replace(/^::ffff:/, ''))).toEqual(Array(10).fill('127.0.0.1'));
    expect(audit.rows.slice(10).map((r) => r.client).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `203.0.113.${100 + i}`).sort());
  });

  it('logout ends only that session', async () => {
    const second = await t.call('POST', '/api/auth/login', { body: { username: 'inspector1', password: 'inspector1-pw-123' }, headers: { 'x-forwarded-for': '198.51.100.200' } });
    expect(second.status).toBe(200);
    expect((await t.call('POST', '/api/auth/logout', { token: second.body.token })).status).toBe(204);
    expect((await t.call('GET', '/api/enterprises', { token: second.body.token })).status).toBe(401);
    expect((await t.call('GET', '/api/enterprises', { token: tokens.inspector })).status).toBe(200);
    expect((await t.call('POST', '/api/auth/logout')).status).toBe(401);
  });

  it('lets machine senders ingest with a service key: shown once, stored hashed, limited to its event types, revocable', async () => {
    const created = await t.call('POST', '/api/service-keys', { token: tokens.admin, body: { name: 'cems-gateway', eventTypes: ['monitoring.*', 'enforcement.award'] } });
    expect(created).toMatchObject({ status: 201, body: { name: 'cems-gateway', eventTypes: ['monitoring.*', 'enforcement.award'], key: expect.stringMatching(/^efk_\d+_[A-Za-z0-9_-]{43}$/) } });
    const key: string = created.body.key;
    expect((await t.call('POST', '/api/service-keys', { token: tokens.inspector, body: { name: 'sneaky', eventTypes: ['enforcement.*'] } })).status).toBe(403);
    // Only the hash is stored; the list never shows the key.
    const stored = await sql.query<{ key_sha256: Buffer }>(`SELECT key_sha256 FROM service_keys WHERE name = 'cems-gateway'`);
    expect(stored.rows[0]!.key_sha256).toHaveLength(32);
    expect(JSON.stringify((await sql.query('SELECT * FROM service_keys')).rows)).not.toContain(key.split('_')[2]);
    const listed = await t.call('GET', '/api/service-keys', { token: tokens.admin });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_')[2]);
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'cems-gateway', revokedAt: null })]);

    const reading = { eventId: 'sec-key-reading-1', type: 'monitoring.reading', enterpriseId: B, occurredAt: '2026-03-15T09:00:00+08:00', data: { pointId: 'DW001', pollutant: 'COD', value: 20, limit: 50, unit: 'mg/L' } };
    expect((await t.call('POST', '/api/ingest/monitoring', { token: key, body: reading })).status).toBe(202);
    const award = { eventId: 'sec-key-award-1', type: 'enforcement.award', enterpriseId: B, occurredAt: '2026-03-15T10:00:00+08:00', data: { title: '市级环保示范企业', level: 'city' } };
    expect((await t.call('POST', '/api/ingest/enforcement', { token: key, body: award })).status).toBe(202);
    for (const other of [penalty(B, 'sec-key-pen-1', 'K-001'), { ...award, eventId: 'sec-key-veto-1', type: 'enforcement.veto', data: { reason: 'falsified_data' } }]) {
      expect((await t.call('POST', '/api/ingest/enforcement', { token: key, body: other })).status).toBe(403);
    }
    const senders = await sql.query(`SELECT event_id, sent_by FROM event_ids WHERE event_id LIKE 'sec-key-%' ORDER BY event_id`);
    expect(senders.rows).toEqual([
      { event_id: 'sec-key-award-1', sent_by: `service-key:${created.body.id}:cems-gateway` },
      { event_id: 'sec-key-reading-1', sent_by: `service-key:${created.body.id}:cems-gateway` },
    ]);
    // A key is for ingest only, and a wrong secret with a right id is refused.
    expect((await t.call('GET', '/api/enterprises', { token: key })).status).toBe(401);
    expect((await t.call('POST', '/api/ingest/monitoring', { token: `${key.slice(0, -4)}AAAA`, body: { ...reading, eventId: 'sec-key-reading-2' } })).status).toBe(401);

    expect((await t.call('POST', `/api/service-keys/${created.body.id}/revoke`, { token: tokens.admin })).status).toBe(204);
    expect((await t.call('POST', '/api/ingest/monitoring', { token: key, body: { ...reading, eventId: 'sec-key-reading-3' } })).status).toBe(401);
    expect((await t.call('POST', `/api/service-keys/${created.body.id}/revoke`, { token: tokens.admin })).status).toBe(404);
    const actions = (await sql.query(`SELECT action FROM audit_log WHERE action LIKE 'service_key.%' ORDER BY id`)).rows.map((r) => r.action);
    expect(actions).toEqual(['service_key.created', 'service_key.revoked']);
  });
});
