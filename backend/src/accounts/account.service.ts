import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
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
  };
}

/** Enterprise accounts (created by inspectors, bound to one USCC) and password changes. */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountRepository,
  ) {}

  /** The account must change its password at first login; a generated one is shown here only. */
  async createEnterpriseAccount(body: NewAccountRequest) {
    if (!(await this.accounts.enterpriseExists(this.db, body.enterpriseId))) {
      throw new ApiError(404, 'enterprise_not_found', `No enterprise ${body.enterpriseId}`);
    }
    const initialPassword = body.password ?? randomBytes(12).toString('base64url');
    const row = await this.accounts.insertEnterpriseAccount(this.db, body.username, await hashPassword(initialPassword), body.enterpriseId);
    if (!row) throw new ApiError(409, 'username_taken', `The username ${body.username} is taken`);
    return { ...accountJson(row), ...(body.password === undefined ? { initialPassword } : {}) };
  }

  async list(query: AccountListQuery) {
    const rows = await this.accounts.listEnterpriseAccounts(this.db, query.enterpriseId ?? null, query.limit);
    return { items: rows.map(accountJson) };
  }

  async me(user: AuthUser) {
    return accountJson(await this.current(user));
  }

  async changePassword(user: AuthUser, body: ChangePasswordRequest) {
    const hash = await this.accounts.passwordHash(this.db, user.id);
    if (hash === null || !(await verifyPassword(body.currentPassword, hash))) {
      throw new ApiError(400, 'wrong_password', 'The current password is wrong');
    }
    if (body.newPassword === body.currentPassword) throw new ApiError(400, 'same_password', 'Choose a password different from the current one');
    await this.accounts.setPassword(this.db, user.id, await hashPassword(body.newPassword));
    return this.me(user);
  }

  /** The account behind a token, as stored now (tokens outlive password changes and disabling). */
  async current(user: AuthUser): Promise<AccountRow> {
    const row = await this.accounts.find(this.db, user.id);
    if (!row || row.disabled) throw new ApiError(401, 'unauthorized', 'This account no longer exists or is disabled');
    return row;
  }
}
