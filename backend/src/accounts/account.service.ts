import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../auth/audit-log.repository';
import { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { weakPasswordReason } from '../auth/password-policy';
import { scopeOf } from '../auth/jurisdiction';
import { SessionValidityService } from '../auth/session-validity.service';
import { ApiError } from '../platform/web/api-error';
import { Database } from '../platform/db/database.service';
import { AccountRepository, type AccountRow } from './account.repository';
import type { AccountListQuery, ChangePasswordRequest, NewAccountRequest } from './account-requests';

function accountJson(r: AccountRow) {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    enterpriseId: r.enterprise_id,
    mustChangePassword: r.must_change_password,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    regionPrefixes: r.role === 'inspector' ? r.region_prefixes : [],
  };
}

/** A generated one-time password: 16 random base64url characters (96 bits), always strong. */
const generatedPassword = (): string => randomBytes(12).toString('base64url');

/** Who may do what: accounts (admin any role, inspectors enterprise accounts), password changes, disable/enable. */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountRepository,
    private readonly auth: AuthService,
    private readonly sessions: SessionValidityService,
    private readonly audit: AuditLogRepository,
  ) {}

  /** The account must change its password at first login; a generated one is shown here only. */
  async create(actor: AuthUser, body: NewAccountRequest) {
    if (body.role !== 'enterprise' && actor.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin creates staff accounts');
    // A scoped inspector creates accounts only for enterprises of their jurisdiction (others do not exist for them).
    if (body.enterpriseId !== undefined && !(await this.accounts.enterpriseExists(this.db, body.enterpriseId, scopeOf(actor)))) {
      throw new ApiError(404, 'enterprise_not_found', `No enterprise ${body.enterpriseId}`);
    }
    if (body.password !== undefined) assertStrong(body.password, body.username);
    const initialPassword = body.password ?? generatedPassword();
    const row = await this.accounts.insert(this.db, body.username, await hashPassword(initialPassword), body.role, body.enterpriseId ?? null, body.regionPrefixes ?? []);
    if (!row) throw new ApiError(409, 'username_taken', `The username ${body.username} is taken`);
    void this.audit.record({
      action: 'account.created',
      actor: actorOf(actor),
      target: row.username,
      detail: { role: row.role, enterpriseId: row.enterprise_id, ...(row.role === 'inspector' ? { regionPrefixes: row.region_prefixes } : {}) },
    });
    return { ...accountJson(row), ...(body.password === undefined ? { initialPassword } : {}) };
  }

  /** Inspectors see enterprise accounts only. */
  async list(actor: AuthUser, query: AccountListQuery) {
    const role = actor.role === 'admin' ? (query.role ?? null) : 'enterprise';
    const rows = await this.accounts.list(this.db, role, query.enterpriseId ?? null, query.limit, scopeOf(actor));
    return { items: rows.map(accountJson) };
  }

  async me(user: AuthUser) {
    return accountJson(await this.current(user));
  }

  /**
   * Every token issued before is refused from now on (this one too): the answer carries a new token
   * so the caller stays signed in, and their other devices are signed out.
   */
  async changePassword(user: AuthUser, body: ChangePasswordRequest) {
    const hash = await this.accounts.passwordHash(this.db, user.id);
    const matches = hash !== null && (await this.auth.hashSlots.run(() => verifyPassword(body.currentPassword, hash)));
    if (!matches) throw new ApiError(400, 'wrong_password', 'The current password is wrong');
    if (body.newPassword === body.currentPassword) throw new ApiError(400, 'same_password', 'Choose a password different from the current one');
    assertStrong(body.newPassword, user.username);
    const newHash = await this.auth.hashSlots.run(() => hashPassword(body.newPassword));
    const row = await this.accounts.setPassword(this.db, user.id, newHash);
    if (!row) throw new ApiError(401, 'unauthorized', 'This account no longer exists');
    this.sessions.revoked({ userId: user.id, sessionId: null });
    void this.audit.record({ action: 'password.changed', actor: actorOf(user), target: row.username });
    return { ...accountJson(row), token: await this.auth.issueToken(row) };
  }

  /** Admin: a new one-time password (shown once); the account must choose its own at next login; its tokens end. */
  async resetPassword(actor: AuthUser, username: string) {
    const account = await this.accounts.findByUsername(this.db, username);
    if (!account) throw new ApiError(404, 'account_not_found', `No account ${username}`);
    const password = generatedPassword();
    const row = await this.accounts.setPassword(this.db, Number(account.id), await hashPassword(password), true);
    if (!row) throw new ApiError(404, 'account_not_found', `No account ${username}`);
    this.sessions.revoked({ userId: Number(row.id), sessionId: null });
    void this.audit.record({ action: 'password.reset', actor: actorOf(actor), target: row.username });
    return { ...accountJson(row), initialPassword: password };
  }

  /** Admin: the account's tokens are refused and its sockets closed (≤ 1 s on every instance). */
  async setDisabled(actor: AuthUser, username: string, disabled: boolean): Promise<void> {
    if (disabled && username === actor.username) throw new ApiError(409, 'cannot_disable_self', 'An admin cannot disable their own account');
    const row = await this.accounts.setDisabled(this.db, username, disabled);
    if (!row) throw new ApiError(404, 'account_not_found', `No account ${username}`);
    if (disabled) this.sessions.revoked({ userId: Number(row.id), sessionId: null });
    void this.audit.record({ action: disabled ? 'account.disabled' : 'account.enabled', actor: actorOf(actor), target: row.username });
  }

  /** Admin: an inspector's jurisdiction. Their sessions end (≤ 1 s everywhere), so nothing keeps the old scope. */
  async setJurisdiction(actor: AuthUser, username: string, regionPrefixes: readonly string[]) {
    const account = await this.accounts.findByUsername(this.db, username);
    if (!account) throw new ApiError(404, 'account_not_found', `No account ${username}`);
    if (account.role !== 'inspector') throw new ApiError(400, 'not_an_inspector', 'Only inspector accounts have a limited jurisdiction');
    const row = await this.accounts.setRegionPrefixes(this.db, username, regionPrefixes);
    if (!row) throw new ApiError(404, 'account_not_found', `No account ${username}`);
    this.sessions.revoked({ userId: Number(row.id), sessionId: null });
    void this.audit.record({
      action: 'account.jurisdiction_changed',
      actor: actorOf(actor),
      target: row.username,
      detail: { from: account.region_prefixes, to: row.region_prefixes },
    });
    return accountJson(row);
  }

  /** The account behind a token, as stored now. */
  async current(user: AuthUser): Promise<AccountRow> {
    const row = await this.accounts.find(this.db, user.id);
    if (!row || row.disabled) throw new ApiError(401, 'unauthorized', 'This account no longer exists or is disabled');
    return row;
  }
}

function actorOf(user: AuthUser): { id: number; username: string } {
  return { id: user.id, username: user.username };
}

function assertStrong(password: string, username: string): void {
  const reason = weakPasswordReason(password, [username]);
  if (reason) throw new ApiError(400, 'weak_password', reason);
}
