import { Injectable } from '@nestjs/common';
import type { Face, Grade, RatingColour, StarLevel } from '@envface/streams';
import type { Queryable } from '../../platform/db/database.service';

/** What the public page and the printed sign may show of an enterprise (plus its key). */
export interface PublicEnterpriseRow {
  uscc: string;
  name: string | null;
  address: string | null;
  region_code: string | null;
  public_token: string;
  rated_day: string | null;
  score_tenths: number | null;
  stars: StarLevel | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
}

export interface PublicPenaltyRow {
  day: string;
  case_no: string;
  violation: string;
  public_text: string | null;
}

export interface PublicDayRow {
  day: string;
  stars: StarLevel;
  face: Face;
}

const COLUMNS = `uscc, name, address, region_code, public_token, rated_day::text AS rated_day, score_tenths, stars, face, colour, grade`;

/** Reads and writes behind the public token: lookups by token, rotation, penalties, the 30-day strip. */
@Injectable()
export class PublicEnterpriseRepository {
  async findByToken(q: Queryable, token: string): Promise<PublicEnterpriseRow | null> {
    const rows = await q.query<PublicEnterpriseRow>('public.find_by_token', `SELECT ${COLUMNS} FROM enterprises WHERE public_token = $1`, [token]);
    return rows[0] ?? null;
  }

  async findByUscc(q: Queryable, uscc: string): Promise<PublicEnterpriseRow | null> {
    const rows = await q.query<PublicEnterpriseRow>('public.find_by_uscc', `SELECT ${COLUMNS} FROM enterprises WHERE uscc = $1`, [uscc]);
    return rows[0] ?? null;
  }

  /** Registered enterprises of one region, by name, for the batch print page. */
  async listInRegion(q: Queryable, regionCode: string, limit: number): Promise<PublicEnterpriseRow[]> {
    return q.query<PublicEnterpriseRow>(
      'public.list_in_region',
      `SELECT ${COLUMNS} FROM enterprises WHERE region_code = $1 AND registered ORDER BY name, uscc LIMIT $2`,
      [regionCode, limit],
    );
  }

  /** Replaces the token; the old one stops resolving at once. False when the enterprise does not exist. */
  async rotateToken(q: Queryable, uscc: string, token: string): Promise<boolean> {
    const rows = await q.query<{ uscc: string }>(
      'public.rotate_token',
      'UPDATE enterprises SET public_token = $2, updated_at = now() WHERE uscc = $1 RETURNING uscc',
      [uscc, token],
    );
    return rows.length === 1;
  }

  /**
   * Penalties decided on days from..to, newest first, without those an enforcement.voided of the same
   * enterprise targets (a voided penalty "never arrived"; a void of a void changes nothing, so any
   * void of the penalty's id hides it).
   */
  async penalties(q: Queryable, uscc: string, from: string, to: string, limit: number): Promise<PublicPenaltyRow[]> {
    return q.query<PublicPenaltyRow>(
      'public.penalties',
      `SELECT p.event_day::text AS day, p.body->'data'->>'caseNo' AS case_no, p.body->'data'->>'violation' AS violation,
              p.body->'data'->>'publicText' AS public_text
         FROM events p
        WHERE p.enterprise_id = $1 AND p.type = 'enforcement.penalty' AND p.event_day BETWEEN $2::date AND $3::date
          AND NOT EXISTS (SELECT 1 FROM events v
                           WHERE v.enterprise_id = p.enterprise_id AND v.type = 'enforcement.voided'
                             AND v.body->'data'->>'targetEventId' = p.event_id)
        ORDER BY p.occurred_at DESC, p.event_id DESC
        LIMIT $4`,
      [uscc, from, to, limit],
    );
  }

  /** Latest revision of each rated day from..to, ascending. */
  async days(q: Queryable, uscc: string, from: string, to: string): Promise<PublicDayRow[]> {
    return q.query<PublicDayRow>(
      'public.days',
      `SELECT DISTINCT ON (day) day::text AS day, stars, face
         FROM daily_ratings WHERE enterprise_id = $1 AND day BETWEEN $2::date AND $3::date
        ORDER BY day, revision DESC`,
      [uscc, from, to],
    );
  }

  async hasPendingAppeal(q: Queryable, uscc: string): Promise<boolean> {
    const rows = await q.query<{ pending: boolean }>(
      'public.has_pending_appeal',
      `SELECT EXISTS (SELECT 1 FROM appeals WHERE enterprise_id = $1 AND status = 'pending') AS pending`,
      [uscc],
    );
    return rows[0]?.pending === true;
  }
}
