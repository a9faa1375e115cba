import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../platform/db/database.service';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';

export type CopiedRatingRow = Pick<StoredRatingRow, 'enterprise_id' | 'score_tenths' | 'stars' | 'face' | 'colour' | 'grade' | 'veto'>;

/** The ratings a `ratings_copy` outbox row stands for (the rollover copied them in SQL). */
@Injectable()
export class CopiedRatingRepository {
  /** A day's first revisions of the given enterprises (expanding a ratings_copy outbox row). */
  async firstRevisionsOfDay(q: Queryable, enterpriseIds: readonly string[], day: string): Promise<CopiedRatingRow[]> {
    if (enterpriseIds.length === 0) return [];
    return q.query<CopiedRatingRow>(
      'ratings.first_revisions_of_day',
      `SELECT enterprise_id, score_tenths, stars, face, colour, grade, veto FROM daily_ratings
       WHERE day = $2::date AND revision = 1 AND enterprise_id = ANY($1::text[])
       ORDER BY enterprise_id`,
      [enterpriseIds, day],
    );
  }
}
