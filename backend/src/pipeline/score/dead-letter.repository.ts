import type { RejectReason } from '@envface/streams';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';

export interface DeadLetter {
  reason: RejectReason;
  detail: string;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: string;
  encoding: 'utf8' | 'base64';
}

export interface DeadLetterRow extends DeadLetter {
  id: string;
  at: Date;
}

@Injectable()
export class DeadLetterRepository {
  /**
   * Records rejects and returns those that are new: a redelivered message (same topic, partition and
   * offset) is recorded once, and so reaches the dead-letter topic once even when a topic is replayed.
   */
  async add(q: Queryable, rows: readonly DeadLetter[]): Promise<DeadLetter[]> {
    if (rows.length === 0) return [];
    const inserted = await q.query<{ topic: string | null; partition: number | null; kafka_offset: string | null }>(
      'dead_letters.add',
      `INSERT INTO dead_letters (reason, detail, topic, partition, kafka_offset, key, value, encoding)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (topic, partition, kafka_offset) WHERE topic IS NOT NULL AND partition IS NOT NULL AND kafka_offset IS NOT NULL
       DO NOTHING
       RETURNING topic, partition, kafka_offset`,
      [
        rows.map((r) => r.reason),
        rows.map((r) => r.detail),
        rows.map((r) => r.topic),
        rows.map((r) => r.partition),
        rows.map((r) => r.offset),
        rows.map((r) => r.key),
        rows.map((r) => r.value),
        rows.map((r) => r.encoding),
      ],
    );
    const fresh = new Set(inserted.map((r) => `${r.topic}|${r.partition}|${r.kafka_offset}`));
    return rows.filter((r) => r.topic === null || r.partition === null || r.offset === null || fresh.has(`${r.topic}|${r.partition}|${r.offset}`));
  }

  async list(q: Queryable, limit: number, reason: string | null): Promise<DeadLetterRow[]> {
    return q.query<DeadLetterRow>(
      'dead_letters.list',
      `SELECT id::text AS id, reason, detail, topic, partition, kafka_offset AS "offset", key, value, encoding, at
       FROM dead_letters WHERE ($2::text IS NULL OR reason = $2) ORDER BY dead_letters.id DESC LIMIT $1`,
      [limit, reason],
    );
  }

  async countsByReason(q: Queryable): Promise<Record<string, number>> {
    const rows = await q.query<{ reason: string; n: number }>('dead_letters.counts', 'SELECT reason, count(*)::int AS n FROM dead_letters GROUP BY reason');
    return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
  }
}
