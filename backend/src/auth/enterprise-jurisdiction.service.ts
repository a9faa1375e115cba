import { Injectable } from '@nestjs/common';
import { Database } from '../platform/db/database.service';
import { inScope, type RegionScope } from './jurisdiction';

/** A region read this long ago is still trusted (a re-registration that moves an enterprise shows within a second). */
const REGION_CACHE_MS = 1_000;
const MAX_CACHED = 50_000;

/** Whether an enterprise (by USCC) lies inside a jurisdiction; used by AuthGuard for every `:uscc` route. */
@Injectable()
export class EnterpriseJurisdictionService {
  private readonly cache = new Map<string, { at: number; exists: boolean; region: string | null }>();

  constructor(private readonly db: Database) {}

  async contains(scope: RegionScope, uscc: string): Promise<boolean> {
    if (scope === null) return true;
    return inScope(scope, (await this.lookup(uscc)).region);
  }

  /** Whether the enterprise is known at all, and its region code. */
  async lookup(uscc: string): Promise<{ exists: boolean; region: string | null }> {
    const now = Date.now();
    const hit = this.cache.get(uscc);
    if (hit && now - hit.at < REGION_CACHE_MS) return hit;
    const rows = await this.db.query<{ region_code: string | null }>('jurisdiction.region_of', 'SELECT region_code FROM enterprises WHERE uscc = $1', [uscc]);
    const entry = { at: now, exists: rows.length > 0, region: rows[0]?.region_code ?? null };
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(uscc, entry);
    return entry;
  }
}
