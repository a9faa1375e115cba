import { createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../platform/web/api-error';
import { ROLES, type AuthUser, type Role, type TokenClaims, type TokenSession } from './auth-user';
import { ALLOW_PENDING_PASSWORD_CHANGE_KEY, ROLES_KEY } from './roles.decorator';
import { EnterpriseJurisdictionService } from './enterprise-jurisdiction.service';
import { JwtKeyRing } from './jwt-key-ring';
import { scopeOf } from './jurisdiction';
import { SessionRevokedError, SessionValidityService, type SessionChecker } from './session-validity.service';

export interface AuthenticatedRequest extends Request {
  user: AuthUser;
  /** the session of the bearer token (logout revokes it) */
  session: TokenSession;
}

/** A verified token: who, and which session. */
export interface VerifiedToken {
  user: AuthUser;
  session: TokenSession;
  /** the account still has an initial or reset password: only the routes marked @AllowPendingPasswordChange() */
  mustChangePassword: boolean;
}

/**
 * Bearer-JWT authentication plus @Roles() authorisation:
 * `@UseGuards(AuthGuard) @Roles('admin', 'inspector')` on a controller or handler.
 * 401 without a valid token — a valid signature is not enough: the token must carry `exp`, its
 * account must exist and be enabled, its token version must be the account's current one and its
 * session must not have logged out (SessionValidityService, at most 0.5 s stale). 403 with a valid
 * token of the wrong role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(SessionValidityService) private readonly sessions: SessionChecker,
    @Optional() private readonly jurisdiction?: EnterpriseJurisdictionService,
    @Optional() private readonly keys?: JwtKeyRing,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { user, session, mustChangePassword } = await this.authenticateRequest(request.headers.authorization);
    request.user = user;
    request.session = session;
    // Accounts created by an admin or inspector, and password resets, start with a password someone
    // else has seen: nothing but "who am I", "change my password" and logout until it is replaced.
    if (mustChangePassword && !this.reflector.getAllAndOverride<boolean | undefined>(ALLOW_PENDING_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])) {
      throw new ApiError(403, 'password_change_required', 'Change the initial password first');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed && allowed.length > 0 && !allowed.includes(user.role)) {
      throw new ApiError(403, 'forbidden', 'Not allowed for this account');
    }
    // Jurisdiction, once for every route naming an enterprise (/api/enterprises/:uscc/**): outside the
    // inspector's regions it does not exist for them (404, like an unknown USCC).
    const uscc = (request.params as Record<string, string | undefined> | undefined)?.uscc;
    const scope = scopeOf(user);
    if (scope !== null && typeof uscc === 'string' && !(await this.jurisdiction?.contains(scope, uscc))) {
      throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    }
    return true;
  }

  /** Also used by the socket.io gateway for the handshake token. */
  async authenticate(authorization: string | undefined): Promise<AuthUser> {
    return (await this.authenticateRequest(authorization)).user;
  }

  async authenticateRequest(authorization: string | undefined): Promise<VerifiedToken> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    return this.verifySession(match[1]);
  }

  async verifyToken(token: string): Promise<AuthUser> {
    return (await this.verifySession(token)).user;
  }

  async verifySession(token: string): Promise<VerifiedToken> {
    let claims: TokenClaims;
    try {
      // Through the key ring when there is one (secret rotation: the token's kid picks the key).
      claims = this.keys ? await this.keys.verify<TokenClaims>(token) : await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new ApiError(401, 'unauthorized', 'Invalid or expired token');
    }
    if (!ROLES.includes(claims.role) || !/^\d+$/.test(claims.sub) || typeof claims.exp !== 'number') {
      throw new ApiError(401, 'unauthorized', 'Invalid or expired token');
    }
    const user: AuthUser = { id: Number(claims.sub), username: claims.name, role: claims.role, enterpriseId: claims.enterpriseId ?? null };
    const session: TokenSession = {
      // Tokens are issued with a jti; one without (made with the secret by hand) is still revocable by its own hash.
      id: typeof claims.jti === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(claims.jti) ? claims.jti : createHash('sha256').update(token).digest('base64url'),
      version: Number.isInteger(claims.ver) ? (claims.ver as number) : 0,
      expiresAtMs: claims.exp * 1000,
    };
    let mustChangePassword: boolean;
    try {
      const state = await this.sessions.assertValid(user.id, session);
      mustChangePassword = state.mustChangePassword;
      // Staff only: an enterprise account is limited to its own enterprise by other means.
      if (user.role === 'inspector') user.regionPrefixes = state.regionPrefixes ?? [];
    } catch (error) {
      if (error instanceof SessionRevokedError) throw new ApiError(401, 'unauthorized', 'Session ended or account disabled: sign in again');
      // Fail closed, but say why: the database could not be asked.
      throw new ApiError(503, 'unavailable', 'Sessions cannot be checked right now');
    }
    return { user, session, mustChangePassword };
  }
}
