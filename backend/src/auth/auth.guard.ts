import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../platform/web/api-error';
import { ROLES, type AuthUser, type Role, type TokenClaims } from './auth-user';
import { ROLES_KEY } from './roles.decorator';

export interface AuthenticatedRequest extends Request {
  user: AuthUser;
}

/**
 * Bearer-JWT authentication plus @Roles() authorisation:
 * `@UseGuards(AuthGuard) @Roles('admin', 'inspector')` on a controller or handler.
 * 401 without a valid token, 403 with a valid token of the wrong role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = await this.authenticate(request.headers.authorization);
    request.user = user;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed && allowed.length > 0 && !allowed.includes(user.role)) {
      throw new ApiError(403, 'forbidden', 'Not allowed for this account');
    }
    return true;
  }

  /** Also used by the socket.io gateway for the handshake token. */
  async authenticate(authorization: string | undefined): Promise<AuthUser> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    return this.verifyToken(match[1]);
  }

  async verifyToken(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new ApiError(401, 'unauthorized', 'Invalid or expired token');
    }
    if (!ROLES.includes(claims.role) || !/^\d+$/.test(claims.sub)) {
      throw new ApiError(401, 'unauthorized', 'Invalid or expired token');
    }
    return { id: Number(claims.sub), username: claims.name, role: claims.role, enterpriseId: claims.enterpriseId ?? null };
  }
}
