import { Inject, Injectable } from '@nestjs/common';
import { dayFromIso, dayOfInstant, isoFromDay, type CreditList, type ListJson } from '@envface/streams';
import type { RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { ListQueryRepository } from './list-query.repository';

@Injectable()
export class ListQueryService {
  constructor(
    private readonly db: Database,
    private readonly lists: ListQueryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `scope`: a scoped inspector sees only the members inside their jurisdiction. */
  async list(list: CreditList, day?: string, scope: RegionScope = null): Promise<ListJson> {
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const d = day ?? isoFromDay(today);
    if (dayFromIso(d) > today) throw new ApiError(400, 'invalid_input', `day ${d} is in the future`);
    const rows = await this.lists.membersOn(this.db, list, d, scope);
    return { list, day: d, enterprises: rows.map((r) => ({ uscc: r.uscc, name: r.name, regionCode: r.region_code, since: r.since })) };
  }
}
