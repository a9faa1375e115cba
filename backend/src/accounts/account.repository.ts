import { Injectable } from '@nestjs/common';
import type { Queryable } from '../platform/db/database.service';
import type { Role } from '../auth/auth-user';
import { regionScopeSql, scopePatterns, type RegionScope } from '../auth/jurisdiction';

export interface AccountRow {
  id: string;
  username: string;
  role: Role;
  enterprise_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  created_at: Date;
  last_login_at: Date | null;
  token_version: number;
  region_prefixes: string[];
}

const COLUMNS = 'id::text AS id, username, role, enterprise_id, must_change_password, disabled, created_at, last_login_at, token_version, region_prefixes';

/** Accounts as managed here; login itself stays in auth/ (UserRepository). */
@Injectable()
export class AccountRepository {
  async find(q: Queryable, id: number): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>('accounts.find', `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByUsername(q: Queryable, username: string): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>('accounts.find_by_username', `SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
    return rows[0] ?? null;
  }

  async passwordHash(q: Queryable, id: number): Promise<string | null> {
    const rows = await q.query<{ password_hash: string }>('accounts.password_hash', 'SELECT password_hash FROM users WHERE id = $1', [id]);
    return rows[0]?.password_hash ?? null;
  }

  /** Null when the username is taken. New accounts must change the password they were given. */
  async insert(q: Queryable, username: string, passwordHash: string, role: Role, enterpriseId: string | null, regionPrefixes: readonly string[] = []): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>(
      'accounts.insert',
      `INSERT INTO users (username, password_hash, role, enterprise_id, must_change_password, region_prefixes)
       VALUES ($1, $2, $3, $4, true, $5::text[]) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
      [username, passwordHash, role, enterpriseId, regionPrefixes],
    );
    return rows[0] ?? null;
  }

  /**
   * New password; every token issued before is refused (version bump). `mustChange`: a reset by an
   * admin (the owner must choose their own at next login) or the owner's own change (false).
   */
  async setPassword(q: Queryable, id: number, passwordHash: string, mustChange = false): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>(
      'accounts.set_password',
      `UPDATE users SET password_hash = $2, must_change_password = $3, token_version = token_version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, passwordHash, mustChange],
    );
    return rows[0] ?? null;
  }

  /** Disabling also bumps the version, so re-enabling does not bring old tokens back. */
  async setDisabled(q: Queryable, username: string, disabled: boolean): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>(
      'accounts.set_disabled',
      `UPDATE users SET disabled = $2, token_version = token_version + CASE WHEN $2 THEN 1 ELSE 0 END WHERE username = $1 RETURNING ${COLUMNS}`,
      [username, disabled],
    );
    return rows[0] ?? null;
  }

  /**
   * A new jurisdiction; the version bump ends the account's sessions (and sockets, whose rooms were
   * chosen under the old one): the inspector signs in again under the new scope.
   */
  async setRegionPrefixes(q: Queryable, username: string, regionPrefixes: readonly string[]): Promise<AccountRow | null> {
    const rows = await q.query<AccountRow>(
      'accounts.set_region_prefixes',
      `UPDATE users SET region_prefixes = $2::text[], token_version = token_version + 1 WHERE username = $1 RETURNING ${COLUMNS}`,
      [username, regionPrefixes],
    );
    return rows[0] ?? null;
  }

  /** Enterprise accounts of enterprises outside `scope` are left out (a scoped inspector's list). */
  async list(q: Queryable, role: Role | null, enterpriseId: string | null, limit: number, scope: RegionScope = null): Promise<AccountRow[]> {
    return q.query<AccountRow>(
      'accounts.list',
      `SELECT ${COLUMNS} FROM users u
        WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR enterprise_id = $2)
          AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = u.enterprise_id AND ${regionScopeSql('e.region_code', 4)}))
        ORDER BY id LIMIT $3`,
      [role, enterpriseId, limit, scopePatterns(scope)],
    );
  }

  /** Whether the enterprise exists inside `scope` (outside it is as good as unknown). */
  async enterpriseExists(q: Queryable, uscc: string, scope: RegionScope = null): Promise<boolean> {
    const rows = await q.query<{ found: boolean }>(
      'accounts.enterprise_exists',
      `SELECT EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = $1 AND ${regionScopeSql('e.region_code', 2)}) AS found`,
      [uscc, scopePatterns(scope)],
    );
    return rows[0]?.found === true;
  }
}
