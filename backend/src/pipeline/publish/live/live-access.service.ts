import { Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from '../../../auth/auth.guard';
import type { AuthUser, TokenSession } from '../../../auth/auth-user';
import { EnterpriseJurisdictionService } from '../../../auth/enterprise-jurisdiction.service';
import { inScope, scopeOf } from '../../../auth/jurisdiction';
import { errorBody } from '../../../platform/web/api-error';
import { subscriptionRequestSchema, type SubscriptionAck } from './live-messages';
import { ALL_ROOM, ENTERPRISE_ROOM_PREFIX, REGION_ROOM_PREFIX, enterpriseRoom, regionRoom, withinRoom } from './live-rooms';

/** Who is on a socket, and until when the token that let them in is valid. */
export interface LiveSession {
  user: AuthUser;
  /** epoch ms of the token's `exp`; null for a token without one */
  expiresAtMs: number | null;
  /** the token's session (re-checked while connected: logout, disable and password change end it) */
  token: TokenSession;
}

/** Refusal of a handshake; socket.io sends only `message` and `data` to the client (never a stack). */
export class LiveAuthError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = 'LiveAuthError';
    this.data = { code };
  }
}

/** A socket may hold this many extra rooms, so one client cannot make the server track unbounded state. */
export const MAX_SUBSCRIPTIONS = 100;

/**
 * The rules of the live channel: who may connect, which rooms the server puts them in, and which
 * extra rooms they may ask for. Staff see everything; an enterprise account sees only itself.
 */
@Injectable()
export class LiveAccessService {
  constructor(
    private readonly guard: AuthGuard,
    private readonly jwt: JwtService,
    @Optional() private readonly jurisdiction?: EnterpriseJurisdictionService,
  ) {}

  /** Verifies the handshake token exactly as the HTTP API does (HS256 only, so `alg: none` fails too). */
  async authenticate(token: unknown): Promise<LiveSession> {
    if (typeof token !== 'string' || token.length === 0) {
      throw new LiveAuthError('unauthorized', 'Missing token: connect with auth: { token }');
    }
    let user: AuthUser;
    let session: TokenSession;
    let mustChangePassword: boolean;
    try {
      ({ user, session, mustChangePassword } = await this.guard.verifySession(token));
    } catch {
      throw new LiveAuthError('unauthorized', 'Invalid or expired token');
    }
    if (mustChangePassword) throw new LiveAuthError('password_change_required', 'Change the initial password first');
    if (user.role === 'enterprise' && user.enterpriseId === null) {
      throw new LiveAuthError('forbidden', 'Enterprise account without an enterprise');
    }
    // Safe to read unverified here: verifyToken has just checked signature and expiry.
    const claims = this.jwt.decode<{ exp?: unknown } | null>(token);
    const expiresAtMs = claims && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
    return { user, expiresAtMs, token: session };
  }

  /** The rooms a socket joins on connect. */
  baseRooms(user: AuthUser): string[] {
    if (user.role === 'enterprise') return user.enterpriseId === null ? [] : [enterpriseRoom(user.enterpriseId)];
    // A scoped inspector's "everything" is their jurisdiction (changing it ends their sessions, so these rooms never go stale).
    const scope = scopeOf(user);
    if (scope !== null) return scope.map(withinRoom);
    return [ALL_ROOM];
  }

  /**
   * The room a `subscribe`/`unsubscribe` body names (shape only, no permission check: leaving a room
   * never lets anyone see more).
   */
  roomNamed(body: unknown): SubscriptionAck {
    const parsed = subscriptionRequestSchema.safeParse(body);
    if (!parsed.success) {
      return errorBody('invalid_input', 'Expected {"region":"<6-digit code>"}, {"enterpriseId":"<USCC>"} or {"all":true}');
    }
    const request = parsed.data;
    if ('all' in request) return { ok: true, room: ALL_ROOM };
    return { ok: true, room: 'region' in request ? regionRoom(request.region) : enterpriseRoom(request.enterpriseId) };
  }

  /**
   * The room a `subscribe` body names, if this user may be in it. `held` are the extra rooms the
   * socket already has (for the subscription limit).
   */
  requestedRoom(user: AuthUser, body: unknown, held: ReadonlySet<string> = new Set()): SubscriptionAck {
    const named = this.roomNamed(body);
    if ('error' in named) return named;
    if (user.role === 'enterprise') {
      // The only room an enterprise account may see is its own, which it joined on connect.
      return user.enterpriseId !== null && named.room === enterpriseRoom(user.enterpriseId)
        ? named
        : errorBody('forbidden', 'An enterprise account sees only its own enterprise');
    }
    if (!held.has(named.room) && held.size >= MAX_SUBSCRIPTIONS) {
      return errorBody('too_many_subscriptions', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection`);
    }
    return named;
  }

  /**
   * requestedRoom plus the jurisdiction of a scoped inspector: `all`, a region outside their prefixes
   * and an enterprise outside them answer not_found (as for REST: nothing elsewhere exists for them).
   */
  async permittedRoom(user: AuthUser, body: unknown, held: ReadonlySet<string> = new Set()): Promise<SubscriptionAck> {
    const ack = this.requestedRoom(user, body, held);
    const scope = scopeOf(user);
    if (scope === null || 'error' in ack) return ack;
    const outside = errorBody('not_found', 'Nothing of that name in your jurisdiction');
    if (ack.room.startsWith(REGION_ROOM_PREFIX)) return inScope(scope, ack.room.slice(REGION_ROOM_PREFIX.length)) ? ack : outside;
    if (ack.room.startsWith(ENTERPRISE_ROOM_PREFIX)) {
      const uscc = ack.room.slice(ENTERPRISE_ROOM_PREFIX.length);
      return this.jurisdiction && (await this.jurisdiction.contains(scope, uscc)) ? ack : outside;
    }
    return outside;
  }
}
