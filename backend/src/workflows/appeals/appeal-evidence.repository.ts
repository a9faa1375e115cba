import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

/** One evidence file's metadata (the bytes are read only for a download). */
export interface AppealEvidenceRow {
  id: string;
  appeal_id: string;
  file_name: string;
  content_type: string;
  size: number;
  created_at: Date;
}

const COLUMNS = `id::text AS id, appeal_id::text AS appeal_id, file_name, content_type, octet_length(bytes) AS size, created_at`;

@Injectable()
export class AppealEvidenceRepository {
  /** Evidence of these appeals, oldest first. */
  async listFor(q: Queryable, appealIds: string[]): Promise<AppealEvidenceRow[]> {
    if (appealIds.length === 0) return [];
    return q.query<AppealEvidenceRow>('appeal_evidence.list', `SELECT ${COLUMNS} FROM appeal_evidence WHERE appeal_id = ANY($1::bigint[]) ORDER BY id`, [appealIds]);
  }

  /**
   * Stores one file unless the appeal already has `maxFiles` (counted under the appeal's row lock, so
   * two simultaneous uploads cannot both pass). Null when full.
   */
  async insert(q: Queryable, appealId: string, file: { fileName: string; contentType: string; bytes: Buffer; userId: number }, maxFiles: number): Promise<AppealEvidenceRow | null> {
    const rows = await q.query<AppealEvidenceRow>(
      'appeal_evidence.insert',
      `WITH locked AS (SELECT id FROM appeals WHERE id = $1 FOR UPDATE)
       INSERT INTO appeal_evidence (appeal_id, file_name, content_type, bytes, uploaded_by)
       SELECT $1, $2, $3, $4, $5 FROM locked
        WHERE (SELECT count(*) FROM appeal_evidence WHERE appeal_id = $1) < $6
       RETURNING ${COLUMNS}`,
      [appealId, file.fileName, file.contentType, file.bytes, file.userId, maxFiles],
    );
    return rows[0] ?? null;
  }

  async file(q: Queryable, appealId: string, evidenceId: string): Promise<{ file_name: string; content_type: string; bytes: Buffer } | null> {
    const rows = await q.query<{ file_name: string; content_type: string; bytes: Buffer }>(
      'appeal_evidence.file',
      `SELECT file_name, content_type, bytes FROM appeal_evidence WHERE id = $1 AND appeal_id = $2`,
      [evidenceId, appealId],
    );
    return rows[0] ?? null;
  }
}
