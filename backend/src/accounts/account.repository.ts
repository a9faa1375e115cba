import { Injectable } from '@nestjs/common';
import type { Queryable } from '../platform/db/database.service';
import type { Role } from '../auth/auth-user';

export interface AccountRow {
  id: string;
  username: string;
  role: Role;
  enterprise_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  created_at: Date;
}

const COLUMNS = 'id::text AS id, username, role, enterprise_id, must_change_password, disabled, created_at';

/** Accounts as managed here; login itself stays in auth/ (UserRepository). */
@Injectable()
export class AccountRepository {
  async find(q: Queryable, id: number): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>('accounts.find', `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async passwordHash(q: Queryable, id: number): Promise<string | null> {
    const rows = await q.query<{ password_hash: string }>('accounts.password_hash', 'SELECT password_hash FROM users WHERE id = $1', [id]);
    return rows[0]?.password_hash ?? null;
  }

  /** Null when the username is taken. */
  async insertEnterpriseAccount(q: Queryable, username: string, passwordHash: string, enterpriseId: string): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>(
      'accounts.insert_enterprise',
      `INSERT INTO users (username, password_hash, role, enterprise_id, must_change_password)
       VALUES ($1, $2, 'enterprise', $3, true) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
      [username, passwordHash, enterpriseId],
    );
    return rows[0] ?? null;
  }

  async setPassword(q: Queryable, id: number, passwordHash: string): Promise<void> {
    await q.query('accounts.set_password', 'UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [id, passwordHash]);
  }

  async listEnterpriseAccounts(q: Queryable, enterpriseId: string | null, limit: number): Promise<AccountRow[]> {
    return q.query<AccountRow>(
      'accounts.list_enterprise',
      `SELECT ${COLUMNS} FROM users WHERE role = 'enterprise' AND ($1::text IS NULL OR enterprise_id = $1) ORDER BY id LIMIT $2`,
      [enterpriseId, limit],
    );
  }

  async enterpriseExists(q: Queryable, uscc: string): Promise<boolean> {
    const rows = await q.query<{ found: boolean }>('accounts.enterprise_exists', 'SELECT EXISTS (SELECT 1 FROM enterprises WHERE uscc = $1) AS found', [uscc]);
    return rows[0]?.found === true;
  }
}
