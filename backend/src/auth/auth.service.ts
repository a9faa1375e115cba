import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { ApiError } from '../platform/web/api-error';
import { METRICS_REGISTRY } from '../platform/metrics/metrics-registry';
import { Database } from '../platform/db/database.service';
import type { AuthUser, TokenClaims, TokenSession } from './auth-user';
import { AuditLogRepository } from './audit-log.repository';
import { HashSlots } from './hash-slots';
import { JwtKeyRing } from './jwt-key-ring';
import { LoginFailureRepository } from './login-failure.repository';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { SessionValidityService } from './session-validity.service';
import { UserRepository } from './user.repository';

const LOGINS_METRIC = 'envface_logins_total';

/** 2, but never all the machine's cores. */
export function hashConcurrency(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores - 1));
}

/** The one answer while a name is locked, whether or not an account has that name. */
class LoginLockedError extends ApiError {
  constructor() {
    super(429, 'rate_limited', 'Too many failed sign-in attempts; try again later');
  }
}
const LOCKED = (): ApiError => new LoginLockedError();

export interface SignableAccount {
  id: string | number;
  username: string;
  role: TokenClaims['role'];
  enterprise_id: string | null;
  token_version: number;
}

@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  /**
   * Password hashing of logins and password changes: 2 at a time (1 on a machine with 2 cores or
   * fewer, so one core always stays for the rest of the API), 8 waiting, the rest 429.
   */
  readonly hashSlots = new HashSlots(hashConcurrency(), 8);
  private readonly logger = new Logger('Auth');
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly logins: Counter<'outcome'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly failures: LoginFailureRepository,
    private readonly audit: AuditLogRepository,
    private readonly sessions: SessionValidityService,
    private readonly keys: JwtKeyRing,
  ) {
    this.logins =
      (registry.getSingleMetric(LOGINS_METRIC) as Counter<'outcome'> | undefined) ??
      new Counter({ name: LOGINS_METRIC, help: 'Login attempts by outcome (success, failure, locked, busy)', labelNames: ['outcome'], registers: [registry] });
  }

  onModuleInit(): void {
    // Failure counts older than a day (and not locking) are forgotten.
    this.pruneTimer = setInterval(() => {
      this.failures.pruneOld(this.db).catch((e: unknown) => this.logger.warn(`pruning login failures failed: ${String(e)}`));
    }, 15 * 60_000);
    this.pruneTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  /**
   * A signed token for valid credentials; the same 401 for unknown user, wrong password or disabled
   * account, and the same 429 while the name is locked after repeated failures (counted for any
   * name, so the lock reveals nothing either). Everything, database reads included, happens inside a
   * hashing slot, so a flood of logins holds at most two database connections.
   */
  async login(username: string, password: string, client: string | null): Promise<{ token: string }> {
    try {
      const result = await this.attemptLogin(username, password, client);
      this.logins.inc({ outcome: 'success' });
      return result;
    } catch (error) {
      const status = error instanceof ApiError ? error.getStatus() : 500;
      const outcome = error instanceof LoginLockedError ? 'locked' : status === 401 ? 'failure' : status === 429 ? 'busy' : 'error';
      this.logins.inc({ outcome });
      throw error;
    }
  }

  private attemptLogin(username: string, password: string, client: string | null): Promise<{ token: string }> {
    return this.hashSlots.run(async () => {
      if ((await this.failures.lockedFor(this.db, username)) > 0) {
        // The typed name only when it is an account's: a name that is none is often a password typed in the wrong field.
        const known = await this.users.findByUsername(username);
        void this.audit.record({ action: 'login.locked', target: known ? username : null, client, detail: { knownAccount: known !== null } });
        throw LOCKED();
      }
      const user = await this.users.findByUsername(username);
      // Hash even for unknown users so response time does not reveal which usernames exist.
      const matches = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
      if (user === null || !matches || user.disabled) {
        const count = await this.failures.recordFailure(this.db, username);
        void this.audit.record({ action: 'login.failure', target: user ? username : null, client, detail: { knownAccount: user !== null, consecutiveFailures: count } });
        throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
      }
      await this.failures.clear(this.db, username);
      await this.users.touchLastLogin(user.id);
      void this.audit.record({ action: 'login.success', actor: { id: Number(user.id), username: user.username }, client });
      return { token: await this.issueToken(user) };
    });
  }

  /** A new token (new session id) under the account's current token version. */
  issueToken(account: SignableAccount): Promise<string> {
    const claims: TokenClaims = {
      sub: String(account.id),
      name: account.username,
      role: account.role,
      enterpriseId: account.enterprise_id,
      ver: account.token_version,
      jti: randomBytes(18).toString('base64url'),
    };
    return this.keys.sign(claims);
  }

  /** Ends this session only (other devices of the account stay signed in). */
  async logout(user: AuthUser, session: TokenSession, client: string | null): Promise<void> {
    await this.sessions.revokeSession(user.id, session);
    void this.audit.record({ action: 'logout', actor: { id: user.id, username: user.username }, client });
  }
}
