import { Inject, Injectable } from '@nestjs/common';
import { dayOfInstant, isoFromDay } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { PublicEnterpriseRepository, type PublicEnterpriseRow } from './public-enterprise.repository';
import { isPublicTokenShape } from '../../platform/public-token';
import type { PublicView } from './public-view';

/** Days of the public strip, today included. */
export const PUBLIC_DAYS = 30;
/** Penalties stay on the public page while their effect can last (E2: up to 365 days). */
export const PENALTY_DAYS = 365;
const MAX_PENALTIES = 50;

/** The public view of an enterprise, by its public token. Builds objects field by field: nothing else leaks. */
@Injectable()
export class PublicViewService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: PublicEnterpriseRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The enterprise behind a token; 404 for anything unknown (same answer for malformed and rotated tokens). */
  async resolve(token: unknown): Promise<PublicEnterpriseRow> {
    const row = isPublicTokenShape(token) ? await this.enterprises.findByToken(this.db, token) : null;
    if (!row) throw new ApiError(404, 'not_found', 'No enterprise has this code');
    return row;
  }

  async viewByToken(token: string): Promise<PublicView> {
    return this.viewOf(await this.resolve(token));
  }

  async viewByUscc(uscc: string): Promise<PublicView | null> {
    const row = await this.enterprises.findByUscc(this.db, uscc);
    return row ? this.viewOf(row) : null;
  }

  private async viewOf(row: PublicEnterpriseRow): Promise<PublicView> {
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const [days, penalties, underAppeal] = await Promise.all([
      this.enterprises.days(this.db, row.uscc, isoFromDay(today - (PUBLIC_DAYS - 1)), isoFromDay(today)),
      this.enterprises.penalties(this.db, row.uscc, isoFromDay(today - (PENALTY_DAYS - 1)), isoFromDay(today), MAX_PENALTIES),
      this.enterprises.hasPendingAppeal(this.db, row.uscc),
    ]);
    return {
      name: row.name,
      uscc: row.uscc,
      score: row.score_tenths === null ? null : row.score_tenths / 10,
      stars: row.stars,
      face: row.face,
      colour: row.colour,
      grade: row.grade,
      last30: days.map((d) => ({ day: d.day, stars: d.stars, face: d.face })),
      penalties: penalties.map((p) => ({ day: p.day, caseNo: p.case_no, violation: p.violation, publicText: p.public_text })),
      underAppeal,
    };
  }
}
