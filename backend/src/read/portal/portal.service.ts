import { Inject, Injectable } from '@nestjs/common';
import {
  dayFromIso,
  dayOfInstant,
  isoFromDay,
  type EarlyEnd,
  type PortalEvent,
  type PortalEvents,
  type PortalOverview,
  type PortalRevisions,
  type RatingDayDetail,
  type RatingsRangeResponse,
  type StoredEffect,
} from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError } from '../../platform/web/api-error';
import { currentRatingOf } from '../../platform/web/current-rating';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { RatingReadRepository } from '../ratings/rating-read.repository';
import { RatingQueryService } from '../ratings/rating-query.service';
import { PortalRepository, type PortalEventRow } from './portal.repository';

export type { EarlyEnd };

function str(data: Record<string, unknown> | null, key: string): string | null {
  const v = data?.[key];
  return typeof v === 'string' ? v : null;
}

/** E1 inspection, E2 penalty (not before day+90), E3/E4 order: a completion naming them; P1: the overdue report. */
export function earlyEndOf(effect: StoredEffect, source: PortalEventRow | undefined): EarlyEnd {
  if (!effect.repairable || !source) return null;
  const data = source.data;
  switch (effect.indicator) {
    case 'E1': {
      const ref = str(data, 'inspectionId');
      return ref ? { kind: 'rectification_completed', ref, notBefore: null } : null;
    }
    case 'E2': {
      const ref = str(data, 'caseNo');
      return ref ? { kind: 'rectification_completed', ref, notBefore: isoFromDay(dayFromIso(source.event_day) + 90) } : null;
    }
    case 'E3':
    case 'E4': {
      const ref = str(data, 'orderNo');
      return ref ? { kind: 'rectification_completed', ref, notBefore: null } : null;
    }
    case 'P1': {
      const [permitNo, reportType, period] = [str(data, 'permitNo'), str(data, 'reportType'), str(data, 'period')];
      return permitNo && reportType && period ? { kind: 'report_submitted', permitNo, reportType, period } : null;
    }
    default:
      return null;
  }
}

function eventJson(e: PortalEventRow): PortalEvent {
  return { eventId: e.event_id, type: e.type, day: e.event_day, occurredAt: e.occurred_at.toISOString(), data: e.data, voided: e.voided, appealStatus: e.appeal_status };
}

/**
 * The enterprise portal. Every read takes the USCC from the caller's token, never from the request,
 * so an enterprise account cannot even name another enterprise.
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: RatingReadRepository,
    private readonly ratings: RatingReadRepository,
    private readonly ratingQuery: RatingQueryService,
    private readonly portal: PortalRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async overview(user: AuthUser): Promise<PortalOverview> {
    const uscc = own(user);
    const row = await this.enterprises.find(this.db, uscc);
    if (!row) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    const today = isoFromDay(dayOfInstant(this.clock.now(), this.config.timeZone));
    const todays = (await this.ratings.range(this.db, uscc, today, today))[0];
    const effects: StoredEffect[] = Array.isArray(todays?.effects) ? todays.effects : [];
    const sources = effects.length === 0 ? [] : await this.portal.events(this.db, uscc, effects.length, [...new Set(effects.map((e) => e.eventId))]);
    const byId = new Map(sources.map((s) => [s.event_id, s]));
    return {
      uscc: row.uscc,
      name: row.name,
      address: row.address,
      regionCode: row.region_code,
      industryCode: row.industry_code,
      firstDay: row.first_day,
      today,
      current: currentRatingOf(row),
      streak: row.streak,
      effects: effects.map((e) => {
        const source = byId.get(e.eventId);
        return {
          ...e,
          // the last day the effect applies (`until` is exclusive); null while open-ended
          endsOn: e.until === null ? null : isoFromDay(dayFromIso(e.until) - 1),
          sourceType: source?.type ?? null,
          // the event behind it, for a sentence (#14)
          source: source ? { type: source.type, day: source.event_day, data: source.data } : null,
          earlyEnd: earlyEndOf(e, source),
        };
      }),
    };
  }

  ratingsRange(user: AuthUser, from: string | undefined, to: string | undefined): Promise<RatingsRangeResponse> {
    return this.ratingQuery.range(own(user), from, to);
  }

  ratingDetail(user: AuthUser, day: string): Promise<RatingDayDetail> {
    return this.ratingQuery.detail(own(user), day);
  }

  async events(user: AuthUser, limit: number): Promise<PortalEvents> {
    const rows = await this.portal.events(this.db, own(user), limit, null);
    return { items: rows.map(eventJson) };
  }

  async revisions(user: AuthUser, limit: number): Promise<PortalRevisions> {
    const rows = await this.portal.revisions(this.db, own(user), limit);
    return {
      items: rows.map((r) => ({
        day: r.day,
        revision: r.revision,
        score: r.score_tenths / 10,
        stars: r.stars,
        face: r.face,
        previous: r.previous_stars === null ? null : { stars: r.previous_stars, score: r.previous_score_tenths! / 10 },
        causeEventIds: r.cause_event_ids,
        recordedAt: r.recorded_at.toISOString(),
      })),
    };
  }
}

function own(user: AuthUser): string {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ApiError(403, 'forbidden', 'Only an enterprise account has a portal');
  return user.enterpriseId;
}
