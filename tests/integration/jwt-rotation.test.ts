import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BASE_KID, JWT_KEY_RING_SETTING, KEY_RING_REFRESH_MS } from '../../backend/src/auth/jwt-key-ring';
import { startPublicTestApp, type PublicTestApp } from './public-test-app';

/**
 * Issue 15, JWT secret rotation: two keys with a kid, sign with the new one, accept both; switched
 * by writing the key ring to app_settings (shared by all instances), no restart.
 */
describe('JWT secret rotation through the key ring', () => {
  let t: PublicTestApp;
  let sql: Client;
  const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: string; alg: string };
  const setRing = (ring: unknown) =>
    sql.query(`INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JWT_KEY_RING_SETTING, JSON.stringify(ring)]);
  const status = async (token: string) => (await t.call('GET', '/api/accounts/me', { token })).status;
  const settle = () => new Promise((r) => setTimeout(r, KEY_RING_REFRESH_MS + 200));

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('signs with the new key, accepts both during the overlap, refuses a retired key, all without a restart', async () => {
    const before = t.adminToken;
    expect(header(before)).toEqual({ alg: 'HS256', typ: 'JWT', kid: BASE_KID });
    const base = (await sql.query(`SELECT value FROM app_settings WHERE key = 'auth.jwt_secret'`)).rows[0].value as string;
    const k1 = randomBytes(48).toString('base64url');
    const k2 = randomBytes(48).toString('base64url');

    // Rotation 1: k1 signs, the base secret still verifies.
    await setRing({ current: 'k1', keys: { [BASE_KID]: base, k1 } });
    await settle();
    const signedK1 = await t.login('admin', 'public-Admin-pw-1');
    expect(header(signedK1).kid).toBe('k1');
    expect(await status(signedK1)).toBe(200);
    expect(await status(before)).toBe(200);

    // Rotation 2: k2 signs, k1 still verifies, the base secret is retired.
    await setRing({ current: 'k2', keys: { k1, k2 } });
    await settle();
    const signedK2 = await t.login('admin', 'public-Admin-pw-1');
    expect(header(signedK2).kid).toBe('k2');
    expect([await status(signedK2), await status(signedK1), await status(before)]).toEqual([200, 200, 401]);

    // A token naming an unknown kid, or a known kid with another key's signature, is refused.
    const [, payload, signature] = signedK2.split('.');
    const forgedHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k1' })).toString('base64url');
    expect(await status(`${forgedHeader}.${payload}.${signature}`)).toBe(401);
    const unknownHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k9' })).toString('base64url');
    expect(await status(`${unknownHeader}.${payload}.${signature}`)).toBe(401);

    // A malformed ring is ignored (the last good one stays): no one is locked out by a typo.
    await setRing({ current: 'k3', keys: { k2 } });
    await settle();
    expect(await status(signedK2)).toBe(200);
    // Retiring k1 ends its tokens; the socket handshake follows the same ring.
    await setRing({ current: 'k2', keys: { k2 } });
    await settle();
    expect([await status(signedK2), await status(signedK1)]).toEqual([200, 401]);
  });
});
