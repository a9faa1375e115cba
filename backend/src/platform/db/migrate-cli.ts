import { Logger } from '@nestjs/common';
import { createAppLogger } from '../logging/app-logger';
import { ConfigError, loadConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { runMigrations } from './migration-runner';

/**
 * `npm run migrate` / `npm run migrate:down [count]`: same config as the app, so it also works on the
 * embedded database under ENVFACE_DATA_DIR when DATABASE_URL is unset.
 */
async function main(argv: string[]): Promise<void> {
  const direction = argv[0] === 'down' ? 'down' : 'up';
  const count = argv[1] === undefined ? undefined : Number(argv[1]);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new Error('count must be a positive integer');
  const config = loadConfig(process.env);
  Logger.overrideLogger(createAppLogger(config.logLevel));
  let embedded: EmbeddedPostgresHandle | undefined;
  try {
    let url = config.databaseUrl;
    if (url === null) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
      url = embedded.url;
    }
    const applied = await runMigrations({ databaseUrl: url, direction, count });
    process.stdout.write(`${applied.length === 0 ? 'no migrations to run' : `${direction}: ${applied.join(', ')}`}\n`);
  } finally {
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
