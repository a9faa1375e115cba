import { withUsccCheck } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock, type Clock } from '../../backend/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Shared by the public-*, security-* and browser public-* tests: an app on its own database at a fixed now. */
export const NOW = '2026-03-15T12:00:00+08:00';
export const TODAY = '2026-03-15';
export const ADMIN_PASSWORD = 'public-Admin-pw-1';

export const usccOf = (region: string, n: number): string => withUsccCheck(`91${region}MA1P${String(n).padStart(5, '0')}`);

export interface PublicTestApp {
  app: RunningApp;
  database: TestDatabase;
  adminToken: string;
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }): Promise<{ status: number; body: any; headers: Headers }>;
  login(username: string, password: string): Promise<string>;
  ingest(kind: string, event: unknown): Promise<void>;
  close(): Promise<void>;
}

/** A fixed clock the test can move forward (e.g. past a 10-minute undo window). */
export function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let ms = Date.parse(iso);
  return { now: () => ms, advance: (by) => void (ms += by) };
}

export async function startPublicTestApp(options: { webDistDir?: string; env?: Record<string, string>; clock?: Clock } = {}): Promise<PublicTestApp> {
  const database = await createTestDatabase();
  const app = await startApp(
    // The tests play several clients through X-Forwarded-For, as a reverse proxy on this machine would send it.
    { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off', ENVFACE_TRUSTED_PROXIES: 'loopback', ...options.env },
    { print: () => undefined, clock: options.clock ?? fixedClock(NOW), webDistDir: options.webDistDir },
  );
  const call: PublicTestApp['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: BodyInit | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const res = await fetch(`${app.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (SVG, HTML): keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const login = async (username: string, password: string): Promise<string> => {
    const res = await call('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    app,
    database,
    adminToken,
    call,
    login,
    ingest: async (kind, event) => {
      const res = await call('POST', `/api/ingest/${kind}`, { token: adminToken, body: event });
      if (res.status !== 202) throw new Error(`ingest ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export function registration(enterpriseId: string, name: string, eventId: string, region = '320102') {
  return {
    eventId,
    type: 'enterprise.upserted',
    enterpriseId,
    occurredAt: '2026-03-01T08:00:00+08:00',
    data: { name, regionCode: region, industryCode: 'C2614', address: '南京市玄武区环保路1号' },
  };
}

export function penalty(enterpriseId: string, eventId: string, caseNo: string, occurredAt = '2026-03-10T09:00:00+08:00') {
  return {
    eventId,
    type: 'enforcement.penalty',
    enterpriseId,
    occurredAt,
    data: { caseNo, severity: 'general', amountYuan: 50000, violation: '超标排放废水', publicText: `${caseNo}：超标排放，罚款5万元` },
  };
}

/** A tiny valid PNG (1×1), and bytes that only claim to be an image. */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
