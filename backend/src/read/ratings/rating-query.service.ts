import { Inject, Injectable } from '@nestjs/common';
import { dayFromIso, dayOfInstant, isoFromDay, usccProblem, type DailyRating, type RatingDayDetail, type RatingsRangeResponse } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';
import { RatingReadRepository, type EnterpriseRow } from './rating-read.repository';

export const MAX_RANGE_DAYS = 400;

function summary(r: StoredRatingRow): DailyRating {
  return { day: r.day, score: r.score_tenths / 10, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, revision: r.revision };
}

/** Reads of stored ratings for the contract routes; every rule about days and ranges lives here. */
@Injectable()
export class RatingQueryService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: RatingReadRepository,
    private readonly ratings: RatingReadRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async enterprise(uscc: string): Promise<EnterpriseRow> {
    const problem = usccProblem(uscc);
    if (problem) throw new ApiError(400, 'invalid_uscc', `enterprise id: ${problem}`);
    const row = await this.enterprises.find(this.db, uscc);
    if (!row) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    return row;
  }

  async range(uscc: string, from: string | undefined, to: string | undefined): Promise<RatingsRangeResponse> {
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const toDay = to === undefined ? today : this.day('to', to);
    const fromDay = from === undefined ? toDay - 29 : this.day('from', from);
    if (fromDay > toDay) throw new ApiError(400, 'invalid_range', 'from must not be after to');
    if (toDay - fromDay + 1 > MAX_RANGE_DAYS) throw new ApiError(400, 'invalid_range', `at most ${MAX_RANGE_DAYS} days per request`);
    const ent = await this.enterprise(uscc);
    const rows = await this.ratings.range(this.db, uscc, isoFromDay(Math.max(fromDay, dayFromIso(ent.first_day))), isoFromDay(Math.min(toDay, today)));
    return { enterpriseId: uscc, ratings: rows.map(summary) };
  }

  private day(name: string, value: string): number {
    try {
      return dayFromIso(value);
    } catch {
      throw new ApiError(400, 'invalid_date', `${name}: expected a calendar date YYYY-MM-DD, got '${value}'`);
    }
  }

  async detail(uscc: string, day: string): Promise<RatingDayDetail> {
    const d = this.day('day', day);
    await this.enterprise(uscc);
    const rows = await this.ratings.range(this.db, uscc, isoFromDay(d), isoFromDay(d));
    const r = rows[0];
    if (!r) throw new ApiError(404, 'rating_not_found', `No rating of ${uscc} on ${isoFromDay(d)}`);
    return { enterpriseId: uscc, ...summary(r), criteria: r.criteria, bonus: r.bonus, effects: r.effects, causeEventIds: r.cause_event_ids, recordedAt: r.recorded_at.toISOString() };
  }
}
