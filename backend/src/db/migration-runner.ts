import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { runner } from 'node-pg-migrate';

// src/db and dist/db sit at the same depth, so this is <repo>/migrations in both.
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');
export const MIGRATIONS_TABLE = 'pgmigrations';

export interface MigrateOptions {
  databaseUrl: string;
  direction?: 'up' | 'down';
  /** How many migrations to apply (up: all by default; down: 1 by default). */
  count?: number;
  dir?: string;
  logger?: Logger;
}

/**
 * Applies the plain-SQL migrations. node-pg-migrate takes a PostgreSQL advisory lock for the run,
 * so several instances starting together apply each migration exactly once; the others wait and
 * then find nothing left to do.
 */
export async function runMigrations(options: MigrateOptions): Promise<string[]> {
  const logger = options.logger ?? new Logger('Migrations');
  const direction = options.direction ?? 'up';
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: options.dir ?? MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
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
