import { Injectable } from '@nestjs/common';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

export interface ListEntryRow {
  uscc: string;
  name: string | null;
  region_code: string | null;
  since: string;
}

/** Reads of the credit-list runs the scorer keeps (list_memberships). */
@Injectable()
export class ListQueryRepository {
  /** Members of `list` on `day`, ordered by USCC; since = the first day of the run containing the day (runs are maximal). */
  async membersOn(q: Queryable, list: string, day: string, scope: RegionScope = null): Promise<ListEntryRow[]> {
    return q.query<ListEntryRow>(
      'lists.members_on',
      `SELECT m.enterprise_id AS uscc, e.name, e.region_code::text AS region_code, to_char(m.from_day, 'YYYY-MM-DD') AS since
         FROM list_memberships m LEFT JOIN enterprises e ON e.uscc = m.enterprise_id
        WHERE m.list = $1 AND m.from_day <= $2::date AND (m.to_day IS NULL OR m.to_day >= $2::date)
          AND ${regionScopeSql('e.region_code', 3)}
        ORDER BY m.enterprise_id`,
      [list, day, scopePatterns(scope)],
    );
  }
}
