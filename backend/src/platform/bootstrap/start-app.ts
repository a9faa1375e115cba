import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ClusterIoAdapter } from '../web/cluster-io.adapter';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../../app.module';
import { ensureAdminAccount, resolveJwtSecret } from '../../auth/auth-bootstrap';
import { UserRepository } from '../../auth/user.repository';
import { createAppLogger } from '../logging/app-logger';
import { jsonBodyMiddleware } from '../web/json-body.middleware';
import { loadConfig, type AppConfig } from '../config/app-config';
import { Database } from '../db/database.service';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../db/embedded-postgres';
import { runMigrations } from '../db/migration-runner';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { AppSettingsRepository } from '../settings/app-settings.repository';
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
    // Behind a reverse proxy the client address (rate limiting) comes from X-Forwarded-For.
    app.set('trust proxy', 'loopback, linklocal, uniquelocal');
    app.disable('x-powered-by');
    // socket.io (/live, /public) on the same HTTP server, fanned out across instances through PostgreSQL.
    app.useWebSocketAdapter(new ClusterIoAdapter(app, databaseUrl));
    app.use(jsonBodyMiddleware('1mb'));
    app.use(webApp.staticMiddleware());
    if (!webApp.built) logger.warn(`web app not built (${webApp.distDir} missing): run npm run build`);
    SwaggerModule.setup(
      'api/docs',
      app,
      () => SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('EnvFace API').setVersion('1').addBearerAuth().build()),
    );

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
