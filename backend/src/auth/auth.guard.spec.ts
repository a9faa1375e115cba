import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiError } from '../platform/web/api-error';
import { AuthGuard } from './auth.guard';
import type { TokenClaims } from './auth-user';
import { Roles } from './roles.decorator';

@Controller()
@Roles('admin', 'inspector')
class StaffController {
  @Get() list(): void {}
  @Get() @Roles('admin') adminOnly(): void {}
}

const SECRET = 's'.repeat(40);
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', expiresIn: '12h' }, verifyOptions: { algorithms: ['HS256'] } });
const guard = new AuthGuard(jwt, new Reflector());

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
  new JwtService({ secret }).sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null, ...claims });

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
    expect(request.user).toEqual({ id: 7, username: 'li', role: 'inspector', enterpriseId: null });
  });

  it('answers 401 without, with malformed, forged or expired tokens', async () => {
    expect(await statusOf(guard.canActivate(context('list').ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', 'Basic abc').ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({}, 'x'.repeat(40))}`).ctx))).toBe(401);
    const expired = new JwtService({ secret: SECRET }).sign({ sub: '7', name: 'li', role: 'inspector', enterpriseId: null }, { expiresIn: -10 });
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${expired}`).ctx))).toBe(401);
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ role: 'root' as never })}`).ctx))).toBe(401);
  });

  it('answers 403 for a valid token of a role the handler does not allow', async () => {
    expect(await statusOf(guard.canActivate(context('list', `Bearer ${token({ role: 'enterprise', enterpriseId: '91320100MA1W9XKE6C' })}`).ctx))).toBe(403);
    expect(await statusOf(guard.canActivate(context('adminOnly', `Bearer ${token({})}`).ctx))).toBe(403);
    expect(await statusOf(guard.canActivate(context('adminOnly', `Bearer ${token({ role: 'admin' })}`).ctx))).toBe('ok');
  });
});
