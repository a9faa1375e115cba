import { Injectable } from '@nestjs/common';
import { Database } from '../platform/db/database.service';
import type { Role } from './auth-user';

export interface UserRow {
  id: string; // bigserial arrives as a string from pg
  username: string;
  password_hash: string;
  role: Role;
  enterprise_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  token_version: number;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  enterpriseId: string | null;
  mustChangePassword: boolean;
}

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  async findByUsername(username: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(
      'users.find_by_username',
      `SELECT id, username, password_hash, role, enterprise_id, must_change_password, disabled, token_version
         FROM users WHERE username = $1`,
      [username],
    );
    return rows[0] ?? null;
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.db.query('users.touch_last_login', 'UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /** Inserts unless the username exists; true when this call created the user. */
  async insertIfMissing(user: NewUser): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'users.insert_if_missing',
      `INSERT INTO users (username, password_hash, role, enterprise_id, must_change_password)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.passwordHash, user.role, user.enterpriseId, user.mustChangePassword],
    );
    return rows.length === 1;
  }
}
