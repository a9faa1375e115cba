import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { dayOfInstant } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { ListMembershipRepository } from './list-membership.repository';
import { ListMembershipService } from './list-membership.service';

/**
 * A database that held ratings before the lists existed (flag set by the migration) gets its runs
 * computed once, in the background after start-up, chunk by chunk under the scorer's row locks.
 * Another instance doing the same meanwhile is harmless: a recompute of an up-to-date enterprise
 * writes nothing.
 */
@Injectable()
export class ListBackfillService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Lists');

  constructor(
    private readonly db: Database,
    private readonly repo: ListMembershipRepository,
    private readonly lists: ListMembershipService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((e: unknown) => this.logger.error(`credit-list backfill failed (retried at next start): ${String(e)}`));
  }

  private async run(): Promise<void> {
    if (!(await this.repo.backfillPending(this.db))) return;
    const started = Date.now();
    const n = await this.lists.backfill(dayOfInstant(this.clock.now(), this.config.timeZone));
    await this.repo.markBackfilled(this.db);
    this.logger.log(`credit lists computed for ${n} enterprises in ${Date.now() - started} ms`);
  }
}
