import type { Registry } from 'prom-client';
import type { AppConfig } from '../config/app-config';
import type { Database } from '../db/database.service';
import type { EmbeddedPostgresHandle } from '../db/embedded-postgres';
import type { WebAppAssets } from '../web/web-app-assets';
import type { Clock } from '../clock';

/** Everything created before Nest starts (it must exist before migrations and the JWT module). */
export interface AppDependencies {
  config: AppConfig;
  database: Database;
  registry: Registry;
  jwtSecret: string;
  webApp: WebAppAssets;
  /** Present when the app runs its own embedded PostgreSQL. */
  embeddedPostgres: EmbeddedPostgresHandle | null;
  /** The server clock (tests fix it). */
  clock: Clock;
}
