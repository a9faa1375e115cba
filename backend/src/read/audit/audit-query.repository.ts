import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actor_name: string | null;
  target: string | null;
  client: string | null;
  reason: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
}

/** Filters as SQL parameters; null: no condition. `actionPrefix` is an exact action or a LIKE prefix pattern. */
export interface AuditQueryFilter {
  actor: string | null;
  action: string | null;
  actionIsPrefix: boolean;
  target: string | null;
  from: string | null;
  to: string | null;
}

/** Reads of the append-only audit_log, newest first by id (ids grow with insertion). */
@Injectable()
export class AuditQueryRepository {
  async page(q: Queryable, f: AuditQueryFilter, beforeId: string | null, limit: number): Promise<AuditRow[]> {
    return q.query<AuditRow>(
      'audit_log.page',
      `SELECT id::text AS id, at, action, actor_name, target, client, reason, request_id, detail
         FROM audit_log
        WHERE ($1::text IS NULL OR actor_name = $1)
          AND ($2::text IS NULL OR (CASE WHEN $3 THEN action LIKE $2 ELSE action = $2 END))
          AND ($4::text IS NULL OR target = $4)
          AND ($5::timestamptz IS NULL OR at >= $5::timestamptz)
          AND ($6::timestamptz IS NULL OR at < $6::timestamptz)
          AND ($7::bigint IS NULL OR id < $7::bigint)
        ORDER BY audit_log.id DESC -- the table's bigint, not the text alias (which would sort '9' after '10')
        LIMIT $8`,
      [f.actor, f.action, f.actionIsPrefix, f.target, f.from, f.to, beforeId, limit],
    );
  }
}
