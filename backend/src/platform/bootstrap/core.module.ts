import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import { within } from '../within';
import { Database } from '../db/database.service';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { AppSettingsRepository } from '../settings/app-settings.repository';
import { WebAppAssets } from '../web/web-app-assets';
import type { AppDependencies } from './app-dependencies';
import { CLOCK } from '../clock';
import { RULE_BOOK, ruleBookProvider } from '../rule-book';

const APP_DEPENDENCIES = Symbol('APP_DEPENDENCIES');
/** pool.end() waits for clients still checked out or connecting: with the database gone, up to its 5 s connect timeout. */
const CLOSE_POOL_MS = 2_000;

/**
 * Closes the pool, then the embedded server, after Nest has stopped the HTTP server. Modules that
 * need the database while stopping (consumers flushing work) must do so in onModuleDestroy or
 * beforeApplicationShutdown, which Nest runs before any onApplicationShutdown.
 */
class ResourcesShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(@Inject(APP_DEPENDENCIES) private readonly deps: AppDependencies) {}

  async onApplicationShutdown(): Promise<void> {
    const closing = this.deps.database.close().catch((e: unknown) => this.logger.error(`closing the pool failed: ${String(e)}`));
    if (!(await within(CLOSE_POOL_MS, closing))) this.logger.warn(`the database pool did not close within ${CLOSE_POOL_MS} ms (database unreachable?)`);
    await this.deps.embeddedPostgres?.stop();
  }
}

/** Process-wide singletons, available to every module without imports. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_DEPENDENCIES, useValue: deps },
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: Database, useValue: deps.database },
        { provide: METRICS_REGISTRY, useValue: deps.registry },
        { provide: WebAppAssets, useValue: deps.webApp },
        { provide: CLOCK, useValue: deps.clock },
        ruleBookProvider,
        AppSettingsRepository,
        ResourcesShutdown,
      ],
      exports: [APP_CONFIG, CLOCK, RULE_BOOK, Database, METRICS_REGISTRY, WebAppAssets, AppSettingsRepository],
    };
  }
}
