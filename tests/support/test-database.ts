import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readHarnessConfig } from './harness-config';

export interface TestDatabase {
  /** Connection URL of a fresh, empty database owned by this test file. */
  url: string;
  /** Database name, e.g. envface_test_k3j9x0a1b2c3. */
  name: string;
  /** Drops the database, terminating connections the test forgot to close. */
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database of its own for one test file on the harness PostgreSQL
 * server, so test files can run in parallel and migrate freely.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { pgAdminUrl } = readHarnessConfig();
  // Lower-case hex keeps the name a valid unquoted identifier.
  const name = `envface_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(pgAdminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) (PostgreSQL 13+) so a leaked pool cannot make cleanup fail.
      await withAdmin(pgAdminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}
