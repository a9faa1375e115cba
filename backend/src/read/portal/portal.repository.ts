import { Injectable } from '@nestjs/common';
import type { AppealStatus, Face, StarLevel } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';

export interface PortalEventRow {
  event_id: string;
  type: string;
  event_day: string;
  occurred_at: Date;
  data: Record<string, unknown> | null;
  voided: boolean;
  appeal_status: AppealStatus | null;
}

export interface RevisionRow {
  day: string;
  revision: number;
  score_tenths: number;
  stars: StarLevel;
  face: Face;
  previous_stars: StarLevel | null;
  previous_score_tenths: number | null;
  cause_event_ids: string[];
  recorded_at: Date;
}

/** The enterprise portal's own reads (always for the caller's own USCC). */
@Injectable()
export class PortalRepository {
  /** The enterprise's events, newest first, with whether each is void and its latest appeal's status. */
  async events(q: Queryable, uscc: string, limit: number, eventIds: readonly string[] | null): Promise<PortalEventRow[]> {
    return q.query<PortalEventRow>(
      'portal.events',
      `SELECT ev.event_id, ev.type, ev.event_day::text AS event_day, ev.occurred_at, ev.body->'data' AS data,
              EXISTS (SELECT 1 FROM events v WHERE v.enterprise_id = ev.enterprise_id AND v.type = 'enforcement.voided'
                        AND v.body->'data'->>'targetEventId' = ev.event_id) AS voided,
              (SELECT a.status FROM appeals a WHERE a.enterprise_id = ev.enterprise_id AND a.event_id = ev.event_id
                ORDER BY a.id DESC LIMIT 1) AS appeal_status
         FROM events ev
        WHERE ev.enterprise_id = $1 AND ($3::text[] IS NULL OR ev.event_id = ANY($3::text[]))
          -- hourly readings within their limit are the bulk of events and never affect a rating
          AND (ev.type <> 'monitoring.reading' OR (ev.body->'data'->>'value')::numeric > (ev.body->'data'->>'limit')::numeric)
        ORDER BY ev.occurred_at DESC, ev.event_id DESC LIMIT $2`,
      [uscc, limit, eventIds],
    );
  }

  /** Days whose rating was revised after it was first published, most recent revision first. */
  async revisions(q: Queryable, uscc: string, limit: number): Promise<RevisionRow[]> {
    return q.query<RevisionRow>(
      'portal.revisions',
      `SELECT day, revision, score_tenths, stars, face, previous_stars, previous_score_tenths, cause_event_ids, recorded_at
         FROM (SELECT day::text AS day, revision, score_tenths, stars, face, cause_event_ids, recorded_at,
                      lag(stars) OVER w AS previous_stars, lag(score_tenths) OVER w AS previous_score_tenths
                 FROM daily_ratings WHERE enterprise_id = $1
               WINDOW w AS (PARTITION BY day ORDER BY revision)) r
        WHERE revision > 1
        ORDER BY recorded_at DESC, day DESC, revision DESC LIMIT $2`,
      [uscc, limit],
    );
  }
}
