import { Injectable, Logger } from '@nestjs/common';
import { Database, type Queryable } from '../platform/db/database.service';
import { currentRequestId } from '../platform/web/request-id';

export type AuditAction =
  | 'login.success'
  | 'login.failure'
  | 'login.locked'
  | 'logout'
  | 'password.changed'
  | 'password.reset'
  | 'account.created'
  | 'account.disabled'
  | 'account.enabled'
  | 'account.jurisdiction_changed'
  | 'service_key.created'
  | 'service_key.revoked'
  | 'dead_letter.redriven'
  | 'inspection_plan.created'
  | 'inspection_plan.cancelled'
  | 'complaint.verified'
  | 'complaint.dismissed'
  | 'complaint.high_volume'
  | 'complaint.verification_undone'
  | 'appeal.accepted'
  | 'appeal.rejected'
  | 'event.ingested'
  | 'export.downloaded'
  | 'public_token.rotated'
  | 'registry.imported'
  | 'registry.hand_registered'
  | 'registry.hand_verified'
  | 'registry.batch_edited';

export interface AuditEntry {
  action: AuditAction;
  actor?: { id: number; username: string } | null;
  target?: string | null;
  client?: string | null;
  /** why (a decision's reason, as typed) */
  reason?: string | null;
  /** the HTTP request it came from (X-Request-Id, or one made up by the app) */
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

/** The append-only audit_log (the database refuses UPDATE, DELETE and TRUNCATE on it). */
@Injectable()
export class AuditLogRepository {
  private readonly logger = new Logger('Audit');

  constructor(private readonly db: Database) {}

  async append(q: Queryable, entry: AuditEntry): Promise<void> {
    await q.query(
      'audit_log.append',
      `INSERT INTO audit_log (action, actor_id, actor_name, target, client, detail, reason, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.action,
        entry.actor?.id ?? null,
        entry.actor?.username ?? null,
        entry.target?.slice(0, 200) ?? null,
        entry.client?.slice(0, 64) ?? null,
        JSON.stringify(entry.detail ?? {}),
        entry.reason?.slice(0, 2000) ?? null,
        (entry.requestId ?? currentRequestId())?.slice(0, 100) ?? null,
      ],
    );
  }

  /**
   * Outside any transaction, and never failing the request it records: a login must not fail because
   * the audit insert did (it is logged instead).
   */
  record(entry: AuditEntry): Promise<void> {
    return this.append(this.db, entry).catch((error: unknown) => this.logger.error(`audit ${entry.action} not recorded: ${String(error)}`));
  }
}
