import { Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { Database } from './database.service';

describe('Database.transaction (real PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // The test server runs with synchronous_commit off for speed; this database gets production's default.
    const setup = new Database({ connectionString: testDb.url, registry: new Registry(), poolMax: 1 });
    const [{ name }] = (await setup.query<{ name: string }>('t.name', 'SELECT current_database() AS name')) as [{ name: string }];
    await setup.query('t.default', `ALTER DATABASE "${name}" SET synchronous_commit = on`);
    await setup.close();
    // One connection: the setting must not outlive its transaction on the pooled client.
    db = new Database({ connectionString: testDb.url, registry: new Registry(), poolMax: 1 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const setting = (tx: { query: Database['query'] }) =>
    tx.query<{ synchronous_commit: string }>('t.show', 'SHOW synchronous_commit').then((r) => r[0]!.synchronous_commit);

  it('waits for the WAL flush by default', async () => {
    expect(await db.transaction('t', setting)).toBe('on');
  });

  it('commits without waiting for the flush only when asked, and only for that transaction', async () => {
    expect(await db.transaction('t', setting, { synchronousCommit: false })).toBe('off');
    expect(await db.transaction('t', setting)).toBe('on');
    expect(await setting(db)).toBe('on');
  });

  it('still commits and rolls back asynchronously committed transactions', async () => {
    await db.query('t.create', 'CREATE TABLE drained (id int)');
    await db.transaction('t', (tx) => tx.query('t.insert', 'INSERT INTO drained VALUES ($1)', [1]), { synchronousCommit: false });
    await expect(
      db.transaction('t', async (tx) => {
        await tx.query('t.insert', 'INSERT INTO drained VALUES ($1)', [2]);
        throw new Error('sink failed');
      }, { synchronousCommit: false }),
    ).rejects.toThrow('sink failed');
    expect(await db.query<{ id: number }>('t.read', 'SELECT id FROM drained')).toEqual([{ id: 1 }]);
  });
});
