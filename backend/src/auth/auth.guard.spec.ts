import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiError } from '../platform/web/api-error';
import { AuthGuard } from './auth.guard';
import type { TokenClaims } from './auth-user';
import { AllowPendingPasswordChange, Roles } from './roles.decorator';
import { SessionRevokedError, type SessionChecker } from './session-validity.service';

@Controller()
@Roles('admin', 'inspector')
class StaffController {
  @Get() list(): void {}
  @Get() @Roles('admin') adminOnly(): void {}
  @Get() @AllowPendingPasswordChange() me(): void {}
}

const SECRET = 's'.repeat(40);
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', expiresIn: '12h' }, verifyOptions: { algorithms: ['HS256'] } });
/** Sessions as the database would answer: account 7 at version 0; account 8 disabled; session 'loggedout…' ended. */
const sessions: SessionChecker = {
  async assertValid(userId, session) {
    if (userId === 8) throw new SessionRevokedError('disabled');
    if (userId === 10) return { mustChangePassword: true };
    if (userId !== 7) throw new SessionRevokedError('no_account');
    if (session.version !== 0) throw new SessionRevokedError('old_version');
    if (session.id.startsWith('loggedout')) throw new SessionRevokedError('logged_out');
    return { mustChangePassword: false };
  },
};
const guard = new AuthGuard(jwt, new Reflector(), sessions);

function context(handler: keyof StaffController, authorization?: string): { ctx: ExecutionContext; request: Record<string, unknown> } {
  const request: Record<string, unknown> = { headers: authorization === undefined ? {} : { authorization } };
  const ctx = {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => StaffController.prototype[handler],
    getClass: () => StaffController,
  } as unknown as ExecutionContext;
  return { ctx, request };
}

const token = (claims: Partial<TokenClaims>, secret = SECRET): string =>
  new JwtService({ secret }).sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null, ...claims }, { expiresIn: '1h' });

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.getStatus();
    throw error;
  }
}

describe('AuthGuard', () => {
  it('admits a valid token of an allowed role and attaches the user', async () => {
    const { ctx, request } = context('list', `Bearer ${token({})}`);
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(request.user).toEqual({ id: 7, username: 'li', role: 'inspector', enterpriseId: null, regionPrefixes: [] });
  });

  it('answers 401 without, with malformed, forged or expired tokens', async () => {
    expect(await statusOf(guard.canActivate(context('list').ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', 'Basic abc').ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({}, 'x'.repeat(40))}`).ctx))).toBe(401);
    const expired = new JwtService({ secret: SECRET }).sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null }, { expiresIn: -10 });
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${expired}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ role: 'root' as never })}`).ctx))).toBe(401);
  });

  it('answers 401 for a revoked session: unknown or disabled account, old version, logged out; 503 when it cannot check', async () => {
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ sub: '9' })}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ sub: '8' })}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ ver: 1 })}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ jti: 'loggedout-session-1' })}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ jti: 'still-valid-session-1' })}`).ctx))).toBe('ok');
    const noExp = new JwtService({ secret: SECRET }).sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null });
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${noExp}`).ctx))).toBe(401);
    const down = new AuthGuard(jwt, new Reflector(), { assertValid: () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(await statusOf(down.canActivate(context('list', `Bearer ${token({})}`).ctx))).toBe(503);
  });

  it('keeps an account with an initial password to the routes that let it change it (403 password_change_required)', async () => {
    const pending = `Bearer ${token({ sub: '10' })}`;
    await expect(guard.canActivate(context('list', pending).ctx)).rejects.toMatchObject({ code: 'password_change_required' });
    expect(await statusOf(guard.canActivate(context('me', pending).ctx))).toBe('ok');
  });

  it('answers 403 for a valid token of a role the handler does not allow', async () => {
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ role: 'enterprise', enterpriseId: '91320100MA1W9XKE6C' })}`).ctx))).toBe(403);
    expect(await statusOf(guard.canActivate(context('adminOnly', `Bearer ${token({})}`).ctx))).toBe(403);
    expect(await statusOf(guard.canActivate(context('adminOnly', `Bearer ${token({ role: 'admin' })}`).ctx))).toBe('ok');
  });
});
