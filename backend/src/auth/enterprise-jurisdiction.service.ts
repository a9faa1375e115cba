import { Injectable } from '@nestjs/common';
import { Database } from '../platform/db/database.service';
import { inScope, type RegionScope } from './jurisdiction';

/** A region read this long ago is still trusted (a re-registration that moves an enterprise shows within a second). */
const REGION_CACHE_MS = 1_000;
const MAX_CACHED = 50_000;

/** Whether an enterprise (by USCC) lies inside a jurisdiction; used by AuthGuard for every `:uscc` route. */
@Injectable()
export class EnterpriseJurisdictionService {
  private readonly cache = new Map<string, { at: number; region: string | null }>();

  constructor(private readonly db: Database) {}

  async contains(scope: RegionScope, uscc: string): Promise<boolean> {
    if (scope === null) return true;
    return inScope(scope, await this.regionOf(uscc));
  }

  private async regionOf(uscc: string): Promise<string | null> {
    const now = Date.now();
    const hit = this.cache.get(uscc);
    if (hit && now - hit.at < REGION_CACHE_MS) return hit.region;
    const rows = await this.db.query<{ region_code: string | null }>('jurisdiction.region_of', 'SELECT region_code FROM enterprises WHERE uscc = $1', [uscc]);
    const region = rows[0]?.region_code ?? null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(uscc, { at: now, region });
    return region;
  }
}
