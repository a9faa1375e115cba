import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The real Nest app on a real PostgreSQL, driven over HTTP like any client. */

const ADMIN_PASSWORD = 'integration-Admin-pw-1';

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function login(app: RunningApp, username: string, password: string): Promise<Response> {
  return fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('app start-up with an external database', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let webDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    webDir = mkdtempSync(path.join(tmpdir(), 'envface-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>EnvFace test build</title>');
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { webDistDir: webDir, print: () => undefined },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('reports health with the database up and Kafka disabled', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'up', kafka: 'disabled', consumer: 'disabled' });
  });

  it('logs the admin in with ENVFACE_ADMIN_PASSWORD and issues a 12 h HS256 token', async () => {
    const response = await login(app, 'admin', ADMIN_PASSWORD);
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { alg: string };
    expect(header.alg).toBe('HS256');
    const claims = decodeClaims(token);
    expect(claims).toMatchObject({ role: 'admin', enterpriseId: null, name: 'admin' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(12 * 3600);
  });

  it('answers bad logins and bad bodies in the contract error shape', async () => {
    const wrong = await login(app, 'admin', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password' } });

    const unknownUser = await login(app, 'nobody', 'whatever');
    expect(unknownUser.status).toBe(401);

    const invalid = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin' }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('password'),
    });

    const malformed = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid_input');

    const huge = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('too_large');

    const unknown = await fetch(`${app.url}/api/does-not-exist`);
    expect(unknown.status).toBe(404);
    const body = await unknown.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'not_found', message: 'Cannot GET /api/does-not-exist' } });
  });

  it('serves the web app at / and for client-side routes, but not for server paths', async () => {
    const root = await fetch(`${app.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('EnvFace test build');
    const deepLink = await fetch(`${app.url}/enterprises/91320100MA1W9XKE6C`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
    expect(await deepLink.text()).toContain('EnvFace test build');
    expect((await fetch(`${app.url}/missing-file.js`)).status).toBe(404);
    // socket.io owns /socket.io/* (it answers 400 "Transport unknown"); the web app must never be served there.
    const socketPath = await fetch(`${app.url}/socket.io/nothing`);
    expect(socketPath.status).not.toBe(200);
    expect(await socketPath.text()).not.toContain('EnvFace test build');
  });

  it('exposes Prometheus metrics including per-tag query timings', async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/envface_db_query_duration_seconds_count\{tag="health.ping",outcome="ok"\} [1-9]/);
    expect(text).toContain('envface_process_cpu_user_seconds_total');
  });

  it('publishes the OpenAPI document', async () => {
    const response = await fetch(`${app.url}/api/docs-json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health']));
    // Swagger UI over it, from swagger-ui-dist's files.
    const page = await fetch(`${app.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js');
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'envface-docs.js']) {
      const asset = await fetch(`${app.url}/api/docs/${file}`);
      expect([file, asset.status]).toEqual([file, 200]);
    }
  });

  it('shares one JWT secret across instances and never recreates the admin', async () => {
    const printed: string[] = [];
    const second = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: 'a-different-password', LOG_LEVEL: 'error' },
      { webDistDir: webDir, print: (line) => printed.push(line) },
    );
    try {
      // The admin keeps the first start's password.
      expect((await login(second, 'admin', 'a-different-password')).status).toBe(401);
      expect((await login(second, 'admin', ADMIN_PASSWORD)).status).toBe(200);
      expect(printed).toEqual([]);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const secrets = await client.query(`SELECT value FROM app_settings WHERE key = 'auth.jwt_secret'`);
        expect(secrets.rowCount).toBe(1);
        const admins = await client.query(`SELECT role, must_change_password FROM users WHERE username = 'admin'`);
        expect(admins.rows).toEqual([{ role: 'admin', must_change_password: false }]);
      } finally {
        await client.end();
      }
    } finally {
      await second.close();
    }
  });

  it('rate-limits login attempts with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await login(app, 'admin', 'wrong')).status);
    expect(statuses).toContain(429);
    const limited = await login(app, 'admin', 'wrong');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});

describe('first start without ENVFACE_ADMIN_PASSWORD', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('prints a generated admin password once, which then works', async () => {
    const printed: string[] = [];
    const app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'error' },
      { webDistDir: path.join(tmpdir(), 'envface-no-such-dist'), print: (line) => printed.push(line) },
    );
    try {
      expect(printed).toHaveLength(1);
      const password = /password "([^"]+)"/.exec(printed[0])?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect((await login(app, 'admin', password)).status).toBe(200);
      // Without a built web app, / explains how to build it.
      const root = await fetch(`${app.url}/`);
      expect(root.status).toBe(200);
      expect(await root.text()).toContain('npm run build');
    } finally {
      await app.close();
    }
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    await expect(startApp({ DATABASE_URL: database.url, PORT: '0', ENVFACE_TZ: 'Nowhere/Land' })).rejects.toThrow(/ENVFACE_TZ/);
  });
});
