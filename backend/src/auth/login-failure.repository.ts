import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../platform/db/database.service';

/** Failures after which a name is locked, and the longest lock. */
export const FREE_FAILURES = 5;
export const MAX_LOCK_SECONDS = 15 * 60;

/** Lock after the n-th consecutive failure: none up to 4, then 30 s, 60 s, 120 s … capped at 15 min. */
export function lockSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, 30 * 2 ** (failures - FREE_FAILURES));
}

/** Names are stored as hashes (case-insensitive), never as typed: a mistyped name is often a password. */
export function nameHash(username: string): Buffer {
  return createHash('sha256').update(`envface-login\u0000${username.normalize('NFKC').toLowerCase()}`).digest();
}

/** Consecutive failed logins per attempted name, shared by every instance. */
@Injectable()
export class LoginFailureRepository {
  /** Seconds the name stays locked (0: not locked). */
  async lockedFor(q: Queryable, username: string): Promise<number> {
    const rows = await q.query<{ seconds: number }>(
      'login_failures.locked_for',
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_failures WHERE name_hash = $1 AND locked_until > now()`,
      [nameHash(username)],
    );
    return rows[0]?.seconds ?? 0;
  }

  /** Counts one more failure (a day after the last one the count starts again) and locks per lockSecondsAfter. */
  async recordFailure(q: Queryable, username: string): Promise<number> {
    const hash = nameHash(username);
    const rows = await q.query<{ failures: number }>(
      'login_failures.record',
      `INSERT INTO login_failures (name_hash, failures) VALUES ($1, 1)
       ON CONFLICT (name_hash) DO UPDATE SET
         failures = CASE WHEN login_failures.last_failure_at < now() - interval '1 day' THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = now()
       RETURNING failures`,
      [hash],
    );
    const failures = rows[0]?.failures ?? 1;
    const lock = lockSecondsAfter(failures);
    if (lock > 0) {
      await q.query('login_failures.lock', `UPDATE login_failures SET locked_until = now() + $2 * interval '1 second' WHERE name_hash = $1`, [hash, lock]);
    }
    return failures;
  }

  async clear(q: Queryable, username: string): Promise<void> {
    await q.query('login_failures.clear', 'DELETE FROM login_failures WHERE name_hash = $1', [nameHash(username)]);
  }

  async pruneOld(q: Queryable): Promise<void> {
    await q.query(
      'login_failures.prune',
      `DELETE FROM login_failures WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
    );
  }
}
