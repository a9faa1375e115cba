import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { readdirSync } from 'node:fs';
import { runMigrations, MIGRATIONS_DIR, MIGRATIONS_TABLE } from '../../backend/src/platform/db/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const TABLES = ['app_settings', 'appeal_evidence', 'appeals', 'audit_log', 'complaint_challenge_uses', 'complaints', 'credit_notices', 'daily_ratings', 'dead_letter_redrives', 'dead_letters', 'enforcement_event_queue', 'enterprise_ledgers', 'enterprises', 'event_ids', 'events', 'hand_registrations', 'inspection_plan_draws', 'inspection_plans', 'list_memberships', 'login_failures', 'outbox', 'peer_percentile_days', 'peer_percentile_folds', 'rating_day_count_deltas', 'rating_day_counts', 'registry_batch_edits', 'registry_imports', 'revoked_sessions', 'rollover_runs', 'service_keys', 'socket_io_attachments', 'users'];
// Every *.sql file in migrations/, in order: each must apply once and undo cleanly.
const MIGRATIONS = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
const USCC = '91320100MA1W9XKE6C';

describe('migrations on real PostgreSQL', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  async function tables(): Promise<string[]> {
    const result = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name`,
      [MIGRATIONS_TABLE],
    );
    return result.rows.map((r) => r.table_name);
  }

  it('applies every migration exactly once, even when two instances start together', async () => {
    const [first, second] = await Promise.all([
      runMigrations({ databaseUrl: database.url }),
      runMigrations({ databaseUrl: database.url }),
    ]);
    // The advisory lock serialises the runs: one applies everything, the other finds nothing to do.
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(3);
    expect([...first, ...second].sort()).toEqual(MIGRATIONS);
    expect(await tables()).toEqual(TABLES);
    const applied = await client.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    expect(applied.rowCount).toBe(MIGRATIONS.length);
  });

  it('enforces the schema rules the pipeline relies on', async () => {
    const insertEnterprise = (uscc: string, token: string) =>
      client.query(`INSERT INTO enterprises (uscc, first_day, public_token) VALUES ($1, '2026-03-01', $2)`, [uscc, token]);
    await insertEnterprise(USCC, 'a'.repeat(22));
    await expect(insertEnterprise('91320100ma1w9xke6c', 'b'.repeat(22))).rejects.toThrow(/check/i); // lower case USCC
    await expect(insertEnterprise('91320100MA1W9XKE6D', 'a'.repeat(22))).rejects.toThrow(/unique/i); // token reuse
    await expect(insertEnterprise('91320100MA1W9XKE6E', 'short')).rejects.toThrow(/check/i); // < 128-bit token
    // A current rating is all or nothing.
    await expect(client.query(`UPDATE enterprises SET stars = 5 WHERE uscc = $1`, [USCC])).rejects.toThrow(/enterprises_rating_complete/);

    const rating = (revision: number) =>
      client.query(
        `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria)
         VALUES ($1, '2026-03-15', $2, 781, 3, 'neutral', 'yellow', 'good', false, '{}')`,
        [USCC, revision],
      );
    await rating(1);
    await rating(2);
    await expect(rating(2)).rejects.toThrow(/duplicate key/);

    await client.query(
      `INSERT INTO event_ids (event_id, enterprise_id, body_sha256, occurred_at) VALUES ('pen-001', $1, decode(repeat('ab', 32), 'hex'), now())`,
      [USCC],
    );
    await expect(
      client.query(
        `INSERT INTO event_ids (event_id, enterprise_id, body_sha256, occurred_at) VALUES ('pen-001', $1, decode(repeat('cd', 32), 'hex'), now())`,
        [USCC],
      ),
    ).rejects.toThrow(/duplicate key/);

    await expect(
      client.query(`INSERT INTO users (username, password_hash, role) VALUES ('x', 'h', 'superuser')`),
    ).rejects.toThrow(/check/i);
    await expect(
      client.query(`INSERT INTO users (username, password_hash, role) VALUES ('x', 'h', 'enterprise')`),
    ).rejects.toThrow(/users_enterprise_role/);
    await client.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('e1', 'h', 'enterprise', $1)`, [USCC]);
    await expect(client.query(`INSERT INTO dead_letters (reason) VALUES ('because')`)).rejects.toThrow(/check/i);
  });

  it('indexes name search (trigram GIN when pg_trgm exists, else btree on lower(name))', async () => {
    const index = await client.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'enterprises_name_search_idx'`);
    const trgm = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    expect(index.rows[0].indexdef).toMatch(trgm.rowCount === 1 ? /gin \(name gin_trgm_ops\)/ : /lower\(name\)/);
  });

  it('indexes Chinese names by trigram (the database has Unicode character classes)', async () => {
    const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
    if (available.rowCount === 0) return; // PostgreSQL without contrib: the btree fallback applies
    const grams = await client.query<{ n: number }>("SELECT array_length(show_trgm('南京恒瑞化工有限公司'), 1) AS n");
    expect(grams.rows[0]!.n).toBeGreaterThan(5);
  });

  it('migrates down completely and up again', async () => {
    const down = await runMigrations({ databaseUrl: database.url, direction: 'down', count: Infinity });
    expect(down).toEqual([...MIGRATIONS].reverse());
    expect(await tables()).toEqual([]);
    const up = await runMigrations({ databaseUrl: database.url });
    expect(up).toEqual(MIGRATIONS);
    expect(await tables()).toEqual(TABLES);
    const rows = await client.query('SELECT count(*)::int AS n FROM enterprises');
    expect(rows.rows[0].n).toBe(0);
  });
});
