import { Injectable } from '@nestjs/common';
import { Database } from '../../../platform/db/database.service';

interface EnterpriseRegionRow {
  uscc: string;
  region_code: string | null;
}

/** Region codes of enterprises, for routing rating changes to `region:<code>` rooms. */
@Injectable()
export class EnterpriseRegionRepository {
  constructor(private readonly db: Database) {}

  /** Unknown enterprises are simply absent from the result; unregistered ones map to null. */
  async regionsOf(usccs: readonly string[]): Promise<Map<string, string | null>> {
    if (usccs.length === 0) return new Map();
    const rows = await this.db.query<EnterpriseRegionRow>(
      'live.enterprise_regions',
      'SELECT uscc, region_code FROM enterprises WHERE uscc = ANY($1::text[])',
      [usccs],
    );
    return new Map(rows.map((r) => [r.uscc, r.region_code]));
  }
}
