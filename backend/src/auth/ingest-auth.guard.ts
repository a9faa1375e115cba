import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard } from './auth.guard';
import type { AuthUser } from './auth-user';
import { ServiceKeyService, isServiceKey, type ServiceKeyIdentity } from './service-key.service';

export interface IngestRequest extends Request {
  /** set when a staff token authenticated the request */
  user?: AuthUser;
  /** set when a service key authenticated the request */
  serviceKey?: ServiceKeyIdentity;
}

/**
 * `Authorization: Bearer efk_…` (a service key) or a staff token (AuthGuard with the handler's
 * @Roles). What each may send is decided by the ingest controller.
 */
@Injectable()
export class IngestAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AuthGuard,
    private readonly keys: ServiceKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<IngestRequest>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && isServiceKey(bearer)) {
      request.serviceKey = await this.keys.authenticate(bearer);
      return true;
    }
    return this.tokens.canActivate(context);
  }
}
