import { Injectable } from '@nestjs/common';
import type { ComplaintCategory, ComplaintStatus } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';

export interface FollowedComplaintRow {
  id: string;
  enterprise_name: string | null;
  category: ComplaintCategory;
  status: ComplaintStatus;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** The citizen's side of a report: its follow code (hash only) and what the citizen may read back. */
@Injectable()
export class ComplaintFollowRepository {
  async setCodeHash(q: Queryable, id: string, hash: string): Promise<void> {
    await q.query('complaints.set_follow_code', `UPDATE complaints SET follow_code_hash = $2 WHERE id = $1`, [id, hash]);
  }

  /** Null when the id is unknown or the hash does not match: the caller cannot tell which. */
  async find(q: Queryable, id: string, hash: string): Promise<FollowedComplaintRow | null> {
    const rows = await q.query<FollowedComplaintRow>(
      'complaints.follow',
      `SELECT c.id::text AS id, e.name AS enterprise_name, c.category, c.status, c.decision_reason, c.decided_at, c.created_at
         FROM complaints c LEFT JOIN enterprises e ON e.uscc = c.enterprise_id
        WHERE c.id = $1 AND c.follow_code_hash = $2`,
      [id, hash],
    );
    return rows[0] ?? null;
  }
}
