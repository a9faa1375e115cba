import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { withUsccCheck } from '@envface/streams';
import { AuthGuard } from '../../../auth/auth.guard';
import type { AuthUser, TokenClaims } from '../../../auth/auth-user';
import { LiveAccessService, LiveAuthError, MAX_SUBSCRIPTIONS } from './live-access.service';

const SECRET = 'k'.repeat(40);
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', expiresIn: '12h' }, verifyOptions: { algorithms: ['HS256'] } });
const access = new LiveAccessService(new AuthGuard(jwt, new Reflector(), { assertValid: async () => ({ mustChangePassword: false }) }), jwt);
const OWN = withUsccCheck('91320102MA1W00001');
const OTHER = withUsccCheck('91320102MA1W00002');
const inspector: AuthUser = { id: 1, username: 'li', role: 'inspector', enterpriseId: null };
const company: AuthUser = { id: 2, username: 'co', role: 'enterprise', enterpriseId: OWN };

const sign = (claims: Partial<TokenClaims>, options: { secret?: string; expiresIn?: number } = {}): string =>
  jwt.sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null, ...claims }, options);

async function refusal(token: unknown): Promise<{ message: string; code: string }> {
  try {
    await access.authenticate(token);
  } catch (error) {
    expect(error).toBeInstanceOf(LiveAuthError);
    const e = error as LiveAuthError;
    expect(e.stack).toBeDefined(); // the stack stays on the server: socket.io sends message and data only
    return { message: e.message, code: e.data.code };
  }
  throw new Error('token was accepted');
}

describe('LiveAccessService.authenticate', () => {
  it('accepts a valid token and reports when it expires', async () => {
    const before = Date.now();
    const session = await access.authenticate(sign({ role: 'enterprise', enterpriseId: OWN }, { expiresIn: 60 }));
    expect(session.user).toEqual({ id: 7, username: 'li', role: 'enterprise', enterpriseId: OWN });
    expect(session.expiresAtMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 59_000);
    expect(session.expiresAtMs).toBeLessThanOrEqual(before + 61_000);
  });

  it('refuses a missing, forged, unsigned or expired token', async () => {
    expect(await refusal(undefined)).toEqual({ code: 'unauthorized', message: expect.stringContaining('Missing token') });
    expect(await refusal(42)).toMatchObject({ code: 'unauthorized' });
    expect(await refusal(sign({}, { secret: 'x'.repeat(40) }))).toEqual({ code: 'unauthorized', message: 'Invalid or expired token' });
    const [, payload] = sign({}).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect(await refusal(none)).toMatchObject({ code: 'unauthorized' });
    expect(await refusal(sign({}, { expiresIn: -10 }))).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses an enterprise account without an enterprise', async () => {
    expect(await refusal(sign({ role: 'enterprise', enterpriseId: null }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('LiveAccessService rooms', () => {
  it('puts staff into all and an enterprise account into its own room only', () => {
    expect(access.baseRooms(inspector)).toEqual(['all']);
    expect(access.baseRooms({ ...inspector, role: 'admin' })).toEqual(['all']);
    expect(access.baseRooms(company)).toEqual([`enterprise:${OWN}`]);
  });

  it('lets staff subscribe to a region or any enterprise', () => {
    expect(access.requestedRoom(inspector, { region: '320102' })).toEqual({ ok: true, room: 'region:320102' });
    expect(access.requestedRoom(inspector, { enterpriseId: OTHER })).toEqual({ ok: true, room: `enterprise:${OTHER}` });
    expect(access.requestedRoom(inspector, { all: true })).toEqual({ ok: true, room: 'all' });
  });

  it('refuses malformed requests', () => {
    for (const body of [undefined, 'all', {}, { region: '3201' }, { region: 320102 }, { enterpriseId: '91320102MA1W00001X' }, { region: '320102', enterpriseId: OWN }, { room: 'all' }, { all: false }]) {
      expect(access.requestedRoom(inspector, body)).toEqual({ error: { code: 'invalid_input', message: expect.any(String) } });
    }
  });

  it('lets an enterprise account see only itself', () => {
    expect(access.requestedRoom(company, { enterpriseId: OWN })).toEqual({ ok: true, room: `enterprise:${OWN}` });
    expect(access.requestedRoom(company, { enterpriseId: OTHER })).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect(access.requestedRoom(company, { region: '320102' })).toMatchObject({ error: { code: 'forbidden' } });
    expect(access.requestedRoom(company, { all: true })).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('limits the rooms one socket may add, but re-subscribing to a held room is fine', () => {
    const held = new Set(Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) => `region:${String(320000 + i)}`));
    expect(access.requestedRoom(inspector, { region: '329999' }, held)).toMatchObject({ error: { code: 'too_many_subscriptions' } });
    expect(access.requestedRoom(inspector, { region: '320001' }, held)).toEqual({ ok: true, room: 'region:320001' });
  });
});
