import { Injectable } from '@nestjs/common';
import type { Queryable } from '../db/database.service';

export interface DeadLetterListRow {
  id: string;
  reason: string;
  detail: string;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: string;
  value_length: number;
  encoding: 'utf8' | 'base64';
  at: Date;
}

/** Reads of dead letters for operators (newest first, by id: ids grow with insertion). */
@Injectable()
export class DeadLetterQueryRepository {
  /** A page of dead letters older than `beforeId`; values cut to `valueChars` (a too_large value is megabytes). */
  async page(q: Queryable, reason: string | null, beforeId: string | null, limit: number, valueChars: number): Promise<DeadLetterListRow[]> {
    return q.query<DeadLetterListRow>(
      'dead_letters.page',
      `SELECT id::text AS id, reason, detail, topic, partition, kafka_offset AS "offset", key, left(value, $4) AS value,
         length(value) AS value_length, encoding, at
       FROM dead_letters
       WHERE ($1::text IS NULL OR reason = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY dead_letters.id DESC -- the table's bigint, not the text alias
       LIMIT $3`,
      [reason, beforeId, limit, valueChars],
    );
  }

  async find(q: Queryable, id: string): Promise<DeadLetterListRow | null> {
    const rows = await q.query<DeadLetterListRow>(
      'dead_letters.find',
      `SELECT id::text AS id, reason, detail, topic, partition, kafka_offset AS "offset", key, value, length(value) AS value_length, encoding, at
       FROM dead_letters WHERE id = $1::bigint`,
      [id],
    );
    return rows[0] ?? null;
  }

  async countsByReason(q: Queryable): Promise<{ reason: string; n: number; last: Date }[]> {
    return q.query<{ reason: string; n: number; last: Date }>(
      'dead_letters.counts_by_reason',
      'SELECT reason, count(*)::int AS n, max(at) AS last FROM dead_letters GROUP BY reason ORDER BY reason',
    );
  }
}
