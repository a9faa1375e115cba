import { Injectable } from '@nestjs/common';
import type { ComplaintCategory, ComplaintStatus } from '@envface/streams';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

export type { ComplaintStatus };

export interface NewComplaint {
  enterpriseId: string;
  category: string;
  text: string;
  contact: string | null;
  photo: Buffer | null;
  photoType: string | null;
  clientKey: string;
  /** received past the enterprise's volume threshold */
  flagged?: boolean;
}

/** A complaint as inspectors see it (the photo itself is fetched separately). */
export interface ComplaintRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string | null;
  category: ComplaintCategory;
  text: string;
  contact: string | null;
  has_photo: boolean;
  status: ComplaintStatus;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  event_id: string | null;
  created_at: Date;
  flagged: boolean;
  /** the enterprise's industry (its rule-book profile prices a verification) */
  industry_code: string | null;
  /** verifications taken back so far (the next one gets a new event id) */
  undone_count: number;
}

export interface ComplaintFilter {
  status: ComplaintStatus | null;
  enterpriseId: string | null;
  limit: number;
  /** id of the last row of the previous page */
  afterId: string | null;
  /** a scoped inspector's jurisdiction (complaints about enterprises elsewhere are left out) */
  scope?: RegionScope;
}

const COLUMNS = `c.id::text AS id, c.enterprise_id, e.name AS enterprise_name, c.category, c.text, c.contact,
  c.photo IS NOT NULL AS has_photo, c.status, c.decision_reason, c.decided_by::text AS decided_by, c.decided_at, c.event_id, c.created_at, c.flagged,
  e.industry_code, c.undone_count`;

@Injectable()
export class ComplaintRepository {
  /**
   * Serialises reports for one enterprise across instances for the rest of the transaction, so two
   * simultaneous reports cannot both slip under a rate limit.
   */
  async lockEnterprise(q: Queryable, enterpriseId: string): Promise<void> {
    await q.query('complaints.lock_enterprise', `SELECT pg_advisory_xact_lock(hashtext('complaints:' || $1))`, [enterpriseId]);
  }

  /** Reports in the last `seconds` from one client and for one enterprise. */
  async recentCounts(q: Queryable, clientKey: string, enterpriseId: string, clientSeconds: number, enterpriseSeconds: number): Promise<{ client: number; enterprise: number }> {
    const rows = await q.query<{ client: number; enterprise: number }>(
      'complaints.recent_counts',
      `SELECT (SELECT count(*)::int FROM complaints WHERE client_key = $1 AND created_at > now() - make_interval(secs => $3)) AS client,
              (SELECT count(*)::int FROM complaints WHERE enterprise_id = $2 AND created_at > now() - make_interval(secs => $4)) AS enterprise`,
      [clientKey, enterpriseId, clientSeconds, enterpriseSeconds],
    );
    return rows[0] ?? { client: 0, enterprise: 0 };
  }

  async insert(q: Queryable, c: NewComplaint): Promise<{ id: string; created_at: Date }> {
    const rows = await q.query<{ id: string; created_at: Date }>(
      'complaints.insert',
      `INSERT INTO complaints (enterprise_id, category, text, contact, photo, photo_type, client_key, flagged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id, created_at`,
      [c.enterpriseId, c.category, c.text, c.contact, c.photo, c.photoType, c.clientKey, c.flagged ?? false],
    );
    return rows[0]!;
  }

  /**
   * Spends a solved challenge: false when its signature was spent before (a replay). Spent
   * signatures older than an hour are dropped on the way (challenges expire long before).
   */
  async spendChallenge(q: Queryable, signature: string): Promise<boolean> {
    await q.query('complaints.challenge_prune', `DELETE FROM complaint_challenge_uses WHERE used_at < now() - interval '1 hour'`, []);
    const rows = await q.query<{ signature: string }>(
      'complaints.challenge_spend',
      `INSERT INTO complaint_challenge_uses (signature) VALUES ($1) ON CONFLICT DO NOTHING RETURNING signature`,
      [signature],
    );
    return rows.length === 1;
  }

  /** Enterprises (inside `scope`) with flagged reports in the last `seconds`: the flood early warning. */
  async highVolume(
    q: Queryable,
    seconds: number,
    scope: RegionScope,
  ): Promise<Array<{ enterprise_id: string; enterprise_name: string | null; reports: number; flagged: number; first_flagged_at: Date }>> {
    return q.query(
      'complaints.high_volume',
      `SELECT c.enterprise_id, e.name AS enterprise_name, count(*)::int AS reports, count(*) FILTER (WHERE c.flagged)::int AS flagged,
              min(c.created_at) FILTER (WHERE c.flagged) AS first_flagged_at
         FROM complaints c LEFT JOIN enterprises e ON e.uscc = c.enterprise_id
        WHERE c.created_at > now() - make_interval(secs => $1) AND ${regionScopeSql('e.region_code', 2)}
        GROUP BY c.enterprise_id, e.name
       HAVING count(*) FILTER (WHERE c.flagged) > 0
        ORDER BY count(*) DESC, c.enterprise_id`,
      [seconds, scopePatterns(scope)],
    );
  }

  /** Oldest first (a queue), keyset-paged by id. */
  async list(q: Queryable, f: ComplaintFilter): Promise<ComplaintRow[]> {
    return q.query<ComplaintRow>(
      'complaints.list',
      `SELECT ${COLUMNS} FROM complaints c LEFT JOIN enterprises e ON e.uscc = c.enterprise_id
        WHERE ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.enterprise_id = $2) AND ($4::bigint IS NULL OR c.id > $4)
          AND ${regionScopeSql('e.region_code', 5)}
        ORDER BY c.id LIMIT $3`,
      [f.status, f.enterpriseId, f.limit, f.afterId, scopePatterns(f.scope ?? null)],
    );
  }

  /** Null when unknown or outside `scope`. */
  async find(q: Queryable, id: string, scope: RegionScope = null): Promise<ComplaintRow | null> {
    const rows = await q.query<ComplaintRow>(
      'complaints.find',
      `SELECT ${COLUMNS} FROM complaints c LEFT JOIN enterprises e ON e.uscc = c.enterprise_id WHERE c.id = $1 AND ${regionScopeSql('e.region_code', 2)}`,
      [id, scopePatterns(scope)],
    );
    return rows[0] ?? null;
  }

  async photo(q: Queryable, id: string, scope: RegionScope = null): Promise<{ photo: Buffer; photo_type: string } | null> {
    const rows = await q.query<{ photo: Buffer; photo_type: string }>(
      'complaints.photo',
      `SELECT c.photo, c.photo_type FROM complaints c LEFT JOIN enterprises e ON e.uscc = c.enterprise_id
        WHERE c.id = $1 AND c.photo IS NOT NULL AND ${regionScopeSql('e.region_code', 2)}`,
      [id, scopePatterns(scope)],
    );
    return rows[0] ?? null;
  }

  /** pending → verified/dismissed, once: null when the complaint is unknown or already decided. */
  async decide(
    q: Queryable,
    id: string,
    status: Exclude<ComplaintStatus, 'pending'>,
    reason: string | null,
    userId: number,
    eventId: string | null,
    scope: RegionScope = null,
    /** the app clock's time (a verification's undo window is measured on it); the database's now() when absent */
    at: Date | null = null,
  ): Promise<{ enterprise_id: string } | null> {
    const rows = await q.query<{ enterprise_id: string }>(
      'complaints.decide',
      `UPDATE complaints c SET status = $2, decision_reason = $3, decided_by = $4, decided_at = coalesce($7::timestamptz, now()), event_id = $5
        WHERE id = $1 AND status = 'pending'
          AND ($6::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = c.enterprise_id AND ${regionScopeSql('e.region_code', 6)}))
        RETURNING enterprise_id`,
      [id, status, reason, userId, eventId, scopePatterns(scope), at],
    );
    return rows[0] ?? null;
  }

  /** Undo a verification whose event could not be recorded, so it can be tried again. */
  async reopen(q: Queryable, id: string): Promise<void> {
    await q.query(
      'complaints.reopen',
      `UPDATE complaints SET status = 'pending', decision_reason = NULL, decided_by = NULL, decided_at = NULL, event_id = NULL WHERE id = $1`,
      [id],
    );
  }

  /**
   * verified → pending, only if still the verification with `eventId` (two undo clicks cannot both
   * pass); counts the undo so the next verification gets a new event id.
   */
  async undoVerification(q: Queryable, id: string, eventId: string): Promise<{ enterprise_id: string } | null> {
    const rows = await q.query<{ enterprise_id: string }>(
      'complaints.undo_verification',
      `UPDATE complaints SET status = 'pending', decision_reason = NULL, decided_by = NULL, decided_at = NULL, event_id = NULL,
              undone_count = undone_count + 1
        WHERE id = $1 AND status = 'verified' AND event_id = $2
        RETURNING enterprise_id`,
      [id, eventId],
    );
    return rows[0] ?? null;
  }

  /** Puts back a verification whose undo could not be recorded (its void event was refused). */
  async restoreVerification(q: Queryable, id: string, row: Pick<ComplaintRow, 'decision_reason' | 'decided_by' | 'decided_at' | 'event_id'>): Promise<void> {
    await q.query(
      'complaints.restore_verification',
      `UPDATE complaints SET status = 'verified', decision_reason = $2, decided_by = $3, decided_at = $4, event_id = $5, undone_count = undone_count - 1
        WHERE id = $1 AND status = 'pending'`,
      [id, row.decision_reason, row.decided_by, row.decided_at, row.event_id],
    );
  }
}
