import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ClusterIoAdapter } from '../web/cluster-io.adapter';
import { AppModule } from '../../app.module';
import { ensureAdminAccount, resolveJwtSecret } from '../../auth/auth-bootstrap';
import { UserRepository } from '../../auth/user.repository';
import { createAppLogger } from '../logging/app-logger';
import { jsonBodyMiddleware } from '../web/json-body.middleware';
import { InputSanityPipe, inputSanityMiddleware } from '../web/input-sanity';
import { securityHeadersMiddleware } from '../web/security-headers';
import { requestIdMiddleware } from '../web/request-id';
import { loadConfig, type AppConfig } from '../config/app-config';
import { Database } from '../db/database.service';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../db/embedded-postgres';
import { runMigrations } from '../db/migration-runner';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { AppSettingsRepository } from '../settings/app-settings.repository';
import { apiDocsRouter } from '../web/api-docs';
import { WebAppAssets } from '../web/web-app-assets';
import { systemClock, type Clock } from '../clock';
import { ProcessShutdown } from './process-shutdown';

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** http://127.0.0.1:<actual port> (PORT=0 picks a free port, handy in tests) */
  url: string;
  /** Stops Nest, then the pool, then the embedded PostgreSQL. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Override where the built web app is looked for (tests). */
  webDistDir?: string;
  /** Where a generated admin password is printed (default stdout). */
  print?: (line: string) => void;
  /** Handle SIGINT/SIGTERM: ordered close within a deadline (the real server yes, in-process tests no). */
  shutdownHooks?: boolean;
  /** The server clock (default: the system clock); tests fix it. */
  clock?: Clock;
}

/** config → (embedded) database → migrations → auth bootstrap → Nest app listening on PORT. */
export async function startApp(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const appLogger = createAppLogger(config.logLevel);
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Bootstrap');

  let embedded: EmbeddedPostgresHandle | null = null;
  let database: Database | null = null;
  // Signals are handled from the first moment: a SIGTERM during start-up must end the process too.
  const shutdown = options.shutdownHooks ? new ProcessShutdown() : null;
  shutdown?.install();
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === null) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
      const started = embedded;
      shutdown?.database(() => started.stop());
      databaseUrl = embedded.url;
    }
    await runMigrations({ databaseUrl });
    const registry = createMetricsRegistry();
    database = new Database({ connectionString: databaseUrl, registry });
    const jwtSecret = await resolveJwtSecret(config, new AppSettingsRepository(database));
    await ensureAdminAccount(config, new UserRepository(database), options.print);

    const webApp = new WebAppAssets(options.webDistDir);
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, database, registry, jwtSecret, webApp, embeddedPostgres: embedded, clock: options.clock ?? systemClock }),
      { logger: appLogger, bodyParser: false },
    );
    // The client address (rate limits, login backoff, audit) comes from X-Forwarded-For only when the
    // TCP peer is one of ENVFACE_TRUSTED_PROXIES; by default nobody is believed, so a client cannot
    // pick its own address.
    app.set('trust proxy', config.trustedProxies.length > 0 ? [...config.trustedProxies] : false);
    app.disable('x-powered-by');
    // CSP, nosniff, no-referrer … on every answer: HTML pages, API, errors, static files.
    app.use(requestIdMiddleware());
    app.use(securityHeadersMiddleware());
    // socket.io (/live, /public) on the same HTTP server, fanned out across instances through PostgreSQL.
    app.useWebSocketAdapter(new ClusterIoAdapter(app, databaseUrl));
    app.use(inputSanityMiddleware());
    app.use(jsonBodyMiddleware('1mb'));
    app.use(requestIdMiddleware());
    app.useGlobalPipes(new InputSanityPipe());
    app.use(webApp.staticMiddleware());
    if (!webApp.built) logger.warn(`web app not built (${webApp.distDir} missing): run npm run build`);
    // OpenAPI document generated from the contract's zod schemas, with Swagger UI (off with ENVFACE_API_DOCS=off).
    if (config.apiDocs) app.use(apiDocsRouter());

    await app.listen(config.port);
    const { port } = app.getHttpServer().address() as AddressInfo;
    logger.log(`EnvFace listening on port ${port} (public base URL ${config.publicBaseUrl})`);
    shutdown?.ready(() => app.close());
    return { app, config, url: `http://127.0.0.1:${port}`, close: () => app.close() };
  } catch (error) {
    // Nothing of a half-started app may outlive the failure (stray postgres, open pool).
    shutdown?.failed();
    await database?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
