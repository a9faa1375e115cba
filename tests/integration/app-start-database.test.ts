import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { Database } from '../../backend/src/platform/db/database.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The Database service the app starts with, against real PostgreSQL. */
describe('Database', () => {
  let database: TestDatabase;
  let registry: Registry;
  let db: Database;
  const logged: string[] = [];
  const logger = { error: (m: string) => logged.push(m), warn: (m: string) => logged.push(m) } as unknown as Logger;

  beforeAll(async () => {
    database = await createTestDatabase();
    registry = new Registry();
    db = new Database({ connectionString: database.url, registry, logger, poolMax: 2, slowQueryMs: 50 });
    await db.query('test.create', 'CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('returns typed rows and times every query by tag', async () => {
    await db.query('items.insert', 'INSERT INTO items VALUES ($1, $2)', [1, 'one']);
    const rows = await db.query<{ id: number; label: string }>('items.all', 'SELECT id, label FROM items');
    expect(rows).toEqual([{ id: 1, label: 'one' }]);
    await expect(db.query('items.bad', 'SELECT nope FROM items')).rejects.toThrow(/nope/);
    const metrics = await registry.getSingleMetricAsString('envface_db_query_duration_seconds');
    expect(metrics).toMatch(/_count\{tag="items.all",outcome="ok"\} 1/);
    expect(metrics).toMatch(/_count\{tag="items.bad",outcome="error"\} 1/);
  });

  it('logs slow queries by tag', async () => {
    await db.query('test.sleep', 'SELECT pg_sleep(0.08)');
    expect(logged.some((line) => line.includes('slow query test.sleep'))).toBe(true);
  });

  it('commits a transaction, and rolls back and releases the client on error', async () => {
    await db.transaction('items.tx', async (tx) => {
      await tx.query('insert', 'INSERT INTO items VALUES (2, $1)', ['two']);
    });
    // More failing transactions than the pool has clients: a leaked client would hang the next one.
    for (let i = 0; i < 3; i += 1) {
      await expect(
        db.transaction('items.tx', async (tx) => {
          await tx.query('insert', 'INSERT INTO items VALUES (3, $1)', ['three']);
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
    }
    const rows = await db.query<{ id: number }>('items.ids', 'SELECT id FROM items ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    const metrics = await registry.getSingleMetricAsString('envface_db_query_duration_seconds');
    expect(metrics).toMatch(/tag="items.tx.insert"/);
  });

  it('survives idle connections being killed by the server and keeps working', async () => {
    // Make sure the pool holds idle clients, then terminate them from another session.
    await Promise.all([db.query('a', 'SELECT 1'), db.query('b', 'SELECT 1')]);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'envface'`,
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged.some((line) => line.includes('idle database client error'))).toBe(true);
    await expect(db.ping()).resolves.toBe(true);
  });

  it('reports the database down after close', async () => {
    const other = new Database({ connectionString: database.url, registry, logger });
    await expect(other.ping()).resolves.toBe(true);
    await other.close();
    await expect(other.ping()).resolves.toBe(false);
  });
});
