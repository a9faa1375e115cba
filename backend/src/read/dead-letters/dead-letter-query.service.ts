import { Injectable } from '@nestjs/common';
import { STORED_DEAD_LETTER_REASONS, type DeadLetterJson, type DeadLetterPage, type DeadLetterSummary } from '@envface/streams';
import type { RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { Database } from '../../platform/db/database.service';
import { DeadLetterQueryRepository, type DeadLetterListRow } from './dead-letter-query.repository';

export const DLQ_REASONS = STORED_DEAD_LETTER_REASONS;
/** Enough to recognise a message in a list; the full value is one request away (GET /api/dead-letters/{id}). */
export const LIST_VALUE_CHARS = 4096;

export function json(r: DeadLetterListRow): DeadLetterJson {
  return {
    id: r.id,
    reason: r.reason,
    detail: r.detail,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    key: r.key,
    value: r.value,
    valueTruncated: r.value.length < r.value_length,
    encoding: r.encoding,
    at: r.at.toISOString(),
    redrives: r.redrives,
    lastRedrive:
      r.last_redrive_at === null
        ? null
        : { at: r.last_redrive_at.toISOString(), by: r.last_redrive_by ?? '', outcome: r.last_redrive_outcome ?? 'rejected', reason: r.last_redrive_reason },
  };
}

/** Dead letters (rejected inputs) for operators. */
@Injectable()
export class DeadLetterQueryService {
  constructor(
    private readonly db: Database,
    private readonly deadLetters: DeadLetterQueryRepository,
  ) {}

  async list(reason: string | undefined, cursor: string | undefined, limit: number, scope: RegionScope = null): Promise<DeadLetterPage> {
    const rows = await this.deadLetters.page(this.db, reason ?? null, cursor ?? null, limit + 1, LIST_VALUE_CHARS, scope);
    const page = rows.slice(0, limit);
    // The cursor is the last id shown: the next page is everything older.
    const nextCursor = rows.length > limit ? (page[page.length - 1]?.id ?? null) : null;
    return { items: page.map(json), nextCursor };
  }

  /** Every dead letter (of a reason), newest first, in keyset pages: for the exports. */
  async *pages(reason: string | undefined, size: number, scope: RegionScope = null): AsyncIterable<DeadLetterJson[]> {
    let before: string | null = null;
    for (;;) {
      const rows = await this.deadLetters.page(this.db, reason ?? null, before, size, LIST_VALUE_CHARS, scope);
      if (rows.length > 0) yield rows.map(json);
      if (rows.length < size) return;
      before = rows[rows.length - 1]!.id;
    }
  }

  async one(id: string, scope: RegionScope = null): Promise<DeadLetterJson> {
    const row = await this.deadLetters.find(this.db, id, scope);
    if (!row) throw new ApiError(404, 'dead_letter_not_found', `No dead letter ${id}`);
    return json(row);
  }

  async summary(scope: RegionScope = null): Promise<DeadLetterSummary> {
    const rows = await this.deadLetters.countsByReason(this.db, scope);
    const byReason: Record<string, number> = Object.fromEntries(DLQ_REASONS.map((r) => [r, 0]));
    let total = 0;
    let last: Date | null = null;
    for (const r of rows) {
      byReason[r.reason] = r.n;
      total += r.n;
      if (last === null || r.last > last) last = r.last;
    }
    return { total, byReason, lastAt: last?.toISOString() ?? null };
  }
}
