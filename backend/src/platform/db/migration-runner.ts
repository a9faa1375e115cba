import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { runner } from 'node-pg-migrate';
import { Client } from 'pg';

// src/platform/db and dist/platform/db sit at the same depth, so this is <repo>/migrations in both.
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'migrations');
export const MIGRATIONS_TABLE = 'pgmigrations';

export interface MigrateOptions {
  databaseUrl: string;
  direction?: 'up' | 'down';
  /** How many migrations to apply (up: all by default; down: 1 by default). */
  count?: number;
  dir?: string;
  logger?: Logger;
}

// Any constant works; it only has to be the same for every instance of the app.
const WAIT_LOCK_KEY = 0x656e7666; // "envf"

/**
 * Applies the plain-SQL migrations so several instances starting together apply each migration
 * exactly once. node-pg-migrate's own advisory lock is try-only (the loser fails with "Another
 * migration is already running"), so we first wait on a blocking advisory lock of our own: the
 * others queue behind the first instance and then find nothing left to do.
 */
export async function runMigrations(options: MigrateOptions): Promise<string[]> {
  const lockClient = new Client({ connectionString: options.databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [WAIT_LOCK_KEY]);
    return await runLocked(options);
  } finally {
    // Ending the session releases the lock even if the explicit unlock fails.
    await lockClient.query('SELECT pg_advisory_unlock($1)', [WAIT_LOCK_KEY]).catch(() => undefined);
    await lockClient.end();
  }
}

async function runLocked(options: MigrateOptions): Promise<string[]> {
  const logger = options.logger ?? new Logger('Migrations');
  const direction = options.direction ?? 'up';
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: options.dir ?? MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    // Only *.sql files are migrations (the folder also holds a README); matched as ^pattern$.
    ignorePattern: '(?!.*\\.sql$).*',
    direction,
    count: options.count ?? (direction === 'up' ? Infinity : 1),
    checkOrder: true,
    singleTransaction: true,
    noLock: false,
    // node-pg-migrate logs every statement at info level; keep it at debug except real news.
    logger: {
      debug: (msg: string) => logger.debug(msg),
      info: (msg: string) => logger.debug(msg),
      warn: (msg: string) => logger.warn(msg),
      error: (msg: string) => logger.error(msg),
    },
  });
  const names = applied.map((m) => m.name);
  if (names.length > 0) logger.log(`migrations ${direction}: ${names.join(', ')}`);
  return names;
}
