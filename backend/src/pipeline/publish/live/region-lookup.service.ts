import { Injectable } from '@nestjs/common';
import { EnterpriseRegionRepository } from './enterprise-region.repository';

/** Long enough to absorb bursts (one query per flush at most), short enough that a re-registration shows soon. */
export const REGION_TTL_MS = 10_000;
/**
 * "No region" usually means "not registered yet"; the registry event that sets the region also
 * changes ratings, so that answer must not outlive the next flush or two.
 */
export const NO_REGION_TTL_MS = 1_000;
/** Beyond this the cache is dropped wholesale: it is an optimisation, never a second copy of the table. */
export const REGION_CACHE_MAX = 250_000;

interface Cached {
  region: string | null;
  until: number;
}

/** Enterprise → region code, cached briefly; misses of one flush are fetched in one query. */
@Injectable()
export class RegionLookupService {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly repository: EnterpriseRegionRepository) {}

  async regionsOf(usccs: Iterable<string>, nowMs = Date.now()): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>();
    const missing: string[] = [];
    for (const uscc of new Set(usccs)) {
      const hit = this.cache.get(uscc);
      if (hit && hit.until > nowMs) result.set(uscc, hit.region);
      else missing.push(uscc);
    }
    if (missing.length === 0) return result;
    const fetched = await this.repository.regionsOf(missing);
    if (this.cache.size + missing.length > REGION_CACHE_MAX) this.cache.clear();
    for (const uscc of missing) {
      const region = fetched.get(uscc) ?? null;
      this.cache.set(uscc, { region, until: nowMs + (region === null ? NO_REGION_TTL_MS : REGION_TTL_MS) });
      result.set(uscc, region);
    }
    return result;
  }
}
