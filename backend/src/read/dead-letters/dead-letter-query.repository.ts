import { Injectable } from '@nestjs/common';
import type { RejectReason } from '@envface/streams';
import { regionScopeSql, scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import type { Queryable } from '../../platform/db/database.service';

/**
 * A scoped inspector sees the letters whose Kafka key names an enterprise of their regions; letters
 * naming no known enterprise are the operators' (admins, unscoped inspectors).
 */
const scopeOnKey = (table: string, parameter: number): string =>
  `($${parameter}::text[] IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = ${table}.key AND ${regionScopeSql('e.region_code', parameter)}))`;

export interface DeadLetterListRow {
  id: string;
  reason: RejectReason;
  detail: string;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: string;
  value_length: number;
  encoding: 'utf8' | 'base64';
  at: Date;
  redrives: number;
  last_redrive_at: Date | null;
  /** The three are set together with last_redrive_at (one joined row). */
  last_redrive_by: string | null;
  last_redrive_outcome: 'accepted' | 'duplicate' | 'rejected' | null;
  last_redrive_reason: RejectReason | null;
}

export interface RedriveRecord {
  deadLetterId: string;
  byUsername: string;
  outcome: 'accepted' | 'duplicate' | 'rejected';
  reason: RejectReason | null;
  detail: string;
}

/** Each letter's re-drive count and latest re-drive (one index probe per letter shown). */
const REDRIVE_COLUMNS = `COALESCE(r.n, 0)::int AS redrives, r.at AS last_redrive_at, r.by_username AS last_redrive_by,
  r.outcome AS last_redrive_outcome, r.reason AS last_redrive_reason`;
const REDRIVE_JOIN = `LEFT JOIN LATERAL (
    SELECT x.at, x.by_username, x.outcome, x.reason, (SELECT count(*) FROM dead_letter_redrives c WHERE c.dead_letter_id = d.id) AS n
    FROM dead_letter_redrives x WHERE x.dead_letter_id = d.id ORDER BY x.id DESC LIMIT 1) r ON true`;

/** Reads of dead letters for operators (newest first, by id: ids grow with insertion). */
@Injectable()
export class DeadLetterQueryRepository {
  /** A page of dead letters older than `beforeId`; values cut to `valueChars` (a too_large value is megabytes). */
  async page(q: Queryable, reason: string | null, beforeId: string | null, limit: number, valueChars: number, scope: RegionScope = null): Promise<DeadLetterListRow[]> {
    return q.query<DeadLetterListRow>(
      'dead_letters.page',
      `SELECT d.id::text AS id, d.reason, d.detail, d.topic, d.partition, d.kafka_offset AS "offset", d.key, left(d.value, $4) AS value,
         length(d.value) AS value_length, d.encoding, d.at, ${REDRIVE_COLUMNS}
       FROM (SELECT * FROM dead_letters
             WHERE ($1::text IS NULL OR reason = $1) AND ($2::bigint IS NULL OR id < $2::bigint) AND ${scopeOnKey('dead_letters', 5)}
             ORDER BY dead_letters.id DESC -- the table's bigint, not the text alias
             LIMIT $3) d
       ${REDRIVE_JOIN}
       ORDER BY d.id DESC`,
      [reason, beforeId, limit, valueChars, scopePatterns(scope)],
    );
  }

  /** Null when unknown or outside `scope`. */
  async find(q: Queryable, id: string, scope: RegionScope = null): Promise<DeadLetterListRow | null> {
    const rows = await q.query<DeadLetterListRow>(
      'dead_letters.find',
      `SELECT d.id::text AS id, d.reason, d.detail, d.topic, d.partition, d.kafka_offset AS "offset", d.key, d.value,
         length(d.value) AS value_length, d.encoding, d.at, ${REDRIVE_COLUMNS}
       FROM dead_letters d ${REDRIVE_JOIN} WHERE d.id = $1::bigint AND ${scopeOnKey('d', 2)}`,
      [id, scopePatterns(scope)],
    );
    return rows[0] ?? null;
  }

  async countsByReason(q: Queryable, scope: RegionScope = null): Promise<{ reason: string; n: number; last: Date }[]> {
    return q.query<{ reason: string; n: number; last: Date }>(
      'dead_letters.counts_by_reason',
      `SELECT reason, count(*)::int AS n, max(at) AS last FROM dead_letters WHERE ${scopeOnKey('dead_letters', 1)} GROUP BY reason ORDER BY reason`,
      [scopePatterns(scope)],
    );
  }

  /** Records a re-drive (append-only: the table refuses UPDATE and DELETE). */
  async recordRedrive(q: Queryable, r: RedriveRecord): Promise<void> {
    await q.query(
      'dead_letters.record_redrive',
      `INSERT INTO dead_letter_redrives (dead_letter_id, by_username, outcome, reason, detail) VALUES ($1::bigint, $2, $3, $4, $5)`,
      [r.deadLetterId, r.byUsername, r.outcome, r.reason, r.detail],
    );
  }
}
