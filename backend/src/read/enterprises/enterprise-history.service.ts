import { Injectable } from '@nestjs/common';
import { dayFromIso, EVENT_CATEGORY_TYPES, isoFromDay, type EnterpriseEventsResponse, type EventCategory, type RatingRevisionsResponse, type RevisionCause } from '@envface/streams';

const READING = 'monitoring.reading';
import { ApiError } from '../../platform/web/api-error';
import { Database } from '../../platform/db/database.service';
import { RatingReadRepository, type RevisionCauseRow } from '../ratings/rating-read.repository';
import { RatingQueryService } from '../ratings/rating-query.service';

function eventData(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {};
  const data = (body as Record<string, unknown>).data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/**
 * Who caused an event, in fields the page turns into a sentence: sent_by is `account:<id>:<name>`,
 * `service-key:<id>:<name>` or `workflow:<what>` for HTTP; no sender and a topic means Kafka; neither, the
 * built-in simulator.
 */
export function revisionCause(r: RevisionCauseRow): RevisionCause {
  const sent = r.sent_by ?? '';
  const named = /^(?:account|service-key):\d+:(.+)$/.exec(sent);
  const via: RevisionCause['via'] = sent.startsWith('workflow:') ? 'workflow' : sent !== '' ? 'http' : r.source_topic ? 'kafka' : 'simulator';
  return {
    eventId: r.event_id,
    type: r.type,
    via,
    sender: named ? named[1]! : via === 'kafka' ? r.source_topic : via === 'workflow' ? r.workflow_user : null,
    decidedBy: r.complaint_decider ?? r.appeal_decider,
    reason: r.complaint_reason ?? r.appeal_reason ?? r.event_reason,
  };
}

/** The history behind an enterprise's ratings: every revision of a day, and the stored events. */
@Injectable()
export class EnterpriseHistoryService {
  constructor(
    private readonly db: Database,
    private readonly ratingQuery: RatingQueryService,
    private readonly ratings: RatingReadRepository,
    private readonly eventRepo: RatingReadRepository,
  ) {}

  async revisions(uscc: string, day: string): Promise<RatingRevisionsResponse> {
    let d: number;
    try {
      d = dayFromIso(day);
    } catch {
      throw new ApiError(400, 'invalid_date', `day: expected a calendar date YYYY-MM-DD, got '${day}'`);
    }
    // 400/404 for a bad or unknown USCC, like the contract rating routes.
    await this.ratingQuery.enterprise(uscc);
    const iso = isoFromDay(d);
    const rows = await this.ratings.revisionsOfDay(this.db, uscc, iso);
    if (rows.length === 0) throw new ApiError(404, 'rating_not_found', `No rating of ${uscc} on ${iso}`);
    const causeIds = [...new Set(rows.flatMap((r) => r.cause_event_ids))];
    const causes = await this.ratings.causesOf(this.db, uscc, causeIds);
    return {
      enterpriseId: uscc,
      day: iso,
      revisions: rows.map((r) => ({
        day: r.day,
        revision: r.revision,
        score: r.score_tenths / 10,
        stars: r.stars,
        face: r.face,
        colour: r.colour,
        grade: r.grade,
        veto: r.veto,
        criteria: r.criteria,
        bonus: r.bonus,
        causeEventIds: r.cause_event_ids,
        recordedAt: r.recorded_at.toISOString(),
      })),
      causes: causes.map(revisionCause),
    };
  }

  async events(
    uscc: string,
    limit: number,
    before: string | undefined,
    options: { category?: EventCategory; readings?: 'list' | 'summary' } = {},
  ): Promise<EnterpriseEventsResponse> {
    await this.ratingQuery.enterprise(uscc);
    const types = options.category ? EVENT_CATEGORY_TYPES[options.category] : undefined;
    // Hourly readings can be thousands a quarter: summarised, they are counted once instead of paged through.
    const summarise = options.readings === 'summary' && (types === undefined || types.includes(READING));
    // One extra row tells whether an older page exists without a count query.
    const [rows, readings] = await Promise.all([
      this.eventRepo.listForEnterprise(this.db, uscc, limit + 1, before ?? null, { types, skipTypes: summarise ? [READING] : undefined }),
      summarise ? this.eventRepo.readingSummary(this.db, uscc) : Promise.resolve(null),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      enterpriseId: uscc,
      items: page.map((r) => ({
        eventId: r.event_id,
        type: r.type,
        occurredAt: r.occurred_at.toISOString(),
        day: r.event_day,
        data: eventData(r.body),
        source: { topic: r.source_topic, partition: r.source_partition, offset: r.source_offset },
      })),
      // Events sharing the boundary instant would be skipped by `occurred_at < before`; rare enough at
      // millisecond precision that a simple timestamp cursor is the better trade.
      nextBefore: rows.length > limit && last ? last.occurred_at.toISOString() : null,
      readings,
    };
  }
}
