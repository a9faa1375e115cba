import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Database } from '../platform/db/database.service';
import type { TokenSession } from './auth-user';
import { SessionRepository, type AccountTokenState } from './session.repository';

/** How stale a cached "this token is still good" may be. The issue allows 1 s; half leaves room for the socket sweep. */
export const SESSION_CACHE_MS = 500;
const MAX_CACHED_ACCOUNTS = 20_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** A revocation made by this instance: listeners (socket gateways) disconnect at once. */
export interface Revocation {
  userId: number;
  /** null: every session of the account (disable, password change) */
  sessionId: string | null;
}

/** What AuthGuard needs (a fake in unit tests). */
export interface SessionChecker {
  /**
   * Throws (SessionRevokedError) when the account is gone or disabled, the version is old or the
   * session logged out; else tells whether the account must still replace its password.
   */
  assertValid(userId: number, session: TokenSession): Promise<SessionState>;
}

/** What a valid session carries beyond "valid": read from the account, so changes apply within SESSION_CACHE_MS. */
export interface SessionState {
  mustChangePassword: boolean;
  /** the inspector's jurisdiction (empty: everything; absent from fakes: everything) */
  regionPrefixes?: readonly string[];
}

export class SessionRevokedError extends Error {
  constructor(readonly reason: 'no_account' | 'disabled' | 'old_version' | 'logged_out') {
    super(`session revoked (${reason})`);
  }
}

interface CacheEntry {
  at: number;
  state: AccountTokenState | null;
  /** per session id: logged out or not, as read at `at` */
  sessions: Map<string, boolean>;
}

/**
 * Token revocation for every request and socket, shared by all instances through the database:
 * - tokens carry the account's token_version; disabling the account or changing its password bumps it;
 * - logout puts that token's session id on a denylist until the token expires;
 * - every check reads the database at most every SESSION_CACHE_MS per account, so a revocation made
 *   by any instance is seen everywhere within that time; the revoking instance drops its cache and
 *   tells its listeners at once.
 */
@Injectable()
export class SessionValidityService implements SessionChecker, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private readonly cache = new Map<number, CacheEntry>();
  private readonly listeners = new Set<(r: Revocation) => void>();
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionRepository,
  ) {}

  onModuleInit(): void {
    this.pruneTimer = setInterval(() => {
      this.sessions.pruneExpired(this.db).catch((e: unknown) => this.logger.warn(`pruning revoked sessions failed: ${String(e)}`));
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  async assertValid(userId: number, session: TokenSession): Promise<SessionState> {
    const now = Date.now();
    let entry = this.cache.get(userId);
    let revoked = entry && now - entry.at < SESSION_CACHE_MS ? entry.sessions.get(session.id) : undefined;
    if (!entry || revoked === undefined) {
      const row = await this.sessions.stateOf(this.db, userId, session.id);
      if (!entry || now - entry.at >= SESSION_CACHE_MS) {
        if (this.cache.size >= MAX_CACHED_ACCOUNTS) this.cache.clear();
        entry = {
          at: now,
          state: row ? { tokenVersion: row.tokenVersion, disabled: row.disabled, mustChangePassword: row.mustChangePassword, regionPrefixes: row.regionPrefixes } : null,
          sessions: new Map(),
        };
        this.cache.set(userId, entry);
      }
      revoked = row?.revoked ?? false;
      entry.sessions.set(session.id, revoked);
    }
    const reason = refusal(entry.state, session, revoked);
    if (reason) throw new SessionRevokedError(reason);
    return { mustChangePassword: entry.state?.mustChangePassword ?? false, regionPrefixes: entry.state?.regionPrefixes ?? [] };
  }

  /**
   * For connected sockets: which of these sessions are no longer valid, read from the database now
   * (two queries for all of them). Refreshes the cache on the way.
   */
  async invalidAmong(sessions: readonly { userId: number; session: TokenSession }[]): Promise<Set<string>> {
    const invalid = new Set<string>();
    if (sessions.length === 0) return invalid;
    const [states, revoked] = await Promise.all([
      this.sessions.statesOf(this.db, [...new Set(sessions.map((s) => s.userId))]),
      this.sessions.revokedAmong(this.db, [...new Set(sessions.map((s) => s.session.id))]),
    ]);
    const now = Date.now();
    for (const { userId, session } of sessions) {
      const state = states.get(userId) ?? null;
      if (refusal(state, session, revoked.has(session.id))) invalid.add(session.id);
      this.cache.set(userId, { at: now, state, sessions: new Map() });
    }
    return invalid;
  }

  /** Logout: this session only. */
  async revokeSession(userId: number, session: TokenSession): Promise<void> {
    await this.sessions.revokeSession(this.db, session.id, userId, new Date(session.expiresAtMs));
    this.revoked({ userId, sessionId: session.id });
  }

  /** After the account's version was bumped or it was disabled (by the caller, possibly in its transaction). */
  revoked(revocation: Revocation): void {
    this.cache.delete(revocation.userId);
    for (const listener of this.listeners) {
      try {
        listener(revocation);
      } catch (error) {
        this.logger.warn(`revocation listener failed: ${String(error)}`);
      }
    }
  }

  onRevoked(listener: (r: Revocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function refusal(state: AccountTokenState | null, session: TokenSession, revoked: boolean): SessionRevokedError['reason'] | null {
  if (state === null) return 'no_account';
  if (state.disabled) return 'disabled';
  if (state.tokenVersion !== session.version) return 'old_version';
  if (revoked) return 'logged_out';
  return null;
}
