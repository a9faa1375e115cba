import { Injectable } from '@nestjs/common';
import type { Queryable } from '../platform/db/database.service';

export interface AccountTokenState {
  tokenVersion: number;
  disabled: boolean;
  /** an initial or reset password still to be replaced */
  mustChangePassword: boolean;
  /** the inspector's jurisdiction (empty: everything) */
  regionPrefixes: string[];
}

/** SQL behind token revocation: account versions, the logout denylist and its pruning. */
@Injectable()
export class SessionRepository {
  /** One account's version and state plus whether one session was logged out; null: no such account. */
  async stateOf(q: Queryable, userId: number, sessionId: string): Promise<(AccountTokenState & { revoked: boolean }) | null> {
    const rows = await q.query<{ token_version: number; disabled: boolean; must_change_password: boolean; region_prefixes: string[]; revoked: boolean }>(
      'sessions.state_of',
      `SELECT u.token_version, u.disabled, u.must_change_password, u.region_prefixes,
              EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.session_id = $2) AS revoked
         FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    );
    const row = rows[0];
    return row
      ? { tokenVersion: row.token_version, disabled: row.disabled, mustChangePassword: row.must_change_password, regionPrefixes: row.region_prefixes, revoked: row.revoked }
      : null;
  }

  /** Many accounts at once (the socket sweep); accounts that no longer exist are absent. */
  async statesOf(q: Queryable, userIds: readonly number[]): Promise<Map<number, AccountTokenState>> {
    if (userIds.length === 0) return new Map();
    const rows = await q.query<{ id: string; token_version: number; disabled: boolean; must_change_password: boolean; region_prefixes: string[] }>(
      'sessions.states_of',
      'SELECT id::text AS id, token_version, disabled, must_change_password, region_prefixes FROM users WHERE id = ANY($1::bigint[])',
      [userIds],
    );
    return new Map(
      rows.map((r) => [Number(r.id), { tokenVersion: r.token_version, disabled: r.disabled, mustChangePassword: r.must_change_password, regionPrefixes: r.region_prefixes }]),
    );
  }

  async revokedAmong(q: Queryable, sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await q.query<{ session_id: string }>(
      'sessions.revoked_among',
      'SELECT session_id FROM revoked_sessions WHERE session_id = ANY($1::text[])',
      [sessionIds],
    );
    return new Set(rows.map((r) => r.session_id));
  }

  async revokeSession(q: Queryable, sessionId: string, userId: number, expiresAt: Date): Promise<void> {
    await q.query(
      'sessions.revoke',
      `INSERT INTO revoked_sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, userId, expiresAt],
    );
  }

  /** Refuses every token issued before; returns the new version (null: no such account). */
  async bumpVersion(q: Queryable, userId: number): Promise<number | null> {
    const rows = await q.query<{ token_version: number }>(
      'sessions.bump_version',
      'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
      [userId],
    );
    return rows[0]?.token_version ?? null;
  }

  /** Denylist rows of tokens that have expired anyway. */
  async pruneExpired(q: Queryable): Promise<void> {
    await q.query('sessions.prune', 'DELETE FROM revoked_sessions WHERE expires_at < now()');
  }
}
