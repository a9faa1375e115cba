import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Database } from '../../backend/src/platform/db/database.service';
import { runMigrations } from '../../backend/src/platform/db/migration-runner';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A migrated database of its own for one medium test file (`*.medium.spec.ts`), and the app's `Database` on it. */
export interface MediumDatabase {
  db: Database;
  testDb: TestDatabase;
  /** Closes the pool and drops the database (afterAll). */
  close(): Promise<void>;
}

/** Migrations log every file at debug and a summary at log level: keep only warnings and errors. */
class QuietLogger extends Logger {
  override log(): void {}
  override debug(): void {}
}

export async function createMediumDatabase(): Promise<MediumDatabase> {
  const testDb = await createTestDatabase();
  try {
    await runMigrations({ databaseUrl: testDb.url, logger: new QuietLogger('Migrations') });
  } catch (error) {
    await testDb.drop();
    throw error;
  }
  const db = new Database({ connectionString: testDb.url, registry: new Registry(), poolMax: 4 });
  return {
    db,
    testDb,
    close: async () => {
      await db.close();
      await testDb.drop();
    },
  };
}

/**
 * Registers `medium` in beforeAll/afterAll and returns a getter (the database exists only once
 * beforeAll ran): `const medium = useMediumDatabase(); … medium().db`.
 */
export function useMediumDatabase(): () => MediumDatabase {
  let current: MediumDatabase | undefined;
  beforeAll(async () => {
    current = await createMediumDatabase();
  });
  afterAll(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('medium database not ready (use it inside a test or hook)');
    return current;
  };
}

let usccSerial = 0;
/** A fresh enterprise id per call, unique within a test file (the tables check only the USCC alphabet). */
export function testUscc(): string {
  usccSerial += 1;
  return `9111000000${String(usccSerial).padStart(8, '0')}`;
}
