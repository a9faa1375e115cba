import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/db/database.service';

export type ClaimOutcome = 'claimed' | 'finished' | 'busy';

/** rollover_runs (one row per rolled-over day, shared by all instances) and the enterprise keyset. */
@Injectable()
export class RolloverRepository {
  constructor(private readonly db: Database) {}

  /** First claim of the day wins; an unfinished claim that went stale (its instance died) can be taken over. */
  async claim(day: string, instance: string, staleSeconds: number): Promise<ClaimOutcome> {
    const inserted = await this.db.query<{ day: string }>(
      'rollover.claim',
      'INSERT INTO rollover_runs (day, instance) VALUES ($1::date, $2) ON CONFLICT (day) DO NOTHING RETURNING day::text',
      [day, instance],
    );
    if (inserted.length > 0) return 'claimed';
    const taken = await this.db.query<{ day: string }>(
      'rollover.take_over',
      `UPDATE rollover_runs SET instance = $2, started_at = now()
       WHERE day = $1::date AND finished_at IS NULL AND started_at < now() - make_interval(secs => $3)
       RETURNING day::text`,
      [day, instance, staleSeconds],
    );
    if (taken.length > 0) return 'claimed';
    const rows = await this.db.query<{ finished: boolean }>(
      'rollover.state',
      'SELECT finished_at IS NOT NULL AS finished FROM rollover_runs WHERE day = $1::date',
      [day],
    );
    // The row vanished between the statements (a released claim): let the caller retry later.
    return rows[0]?.finished ? 'finished' : 'busy';
  }

  async finish(day: string, instance: string): Promise<void> {
    await this.db.query(
      'rollover.finish',
      'UPDATE rollover_runs SET finished_at = now() WHERE day = $1::date AND instance = $2 AND finished_at IS NULL',
      [day, instance],
    );
  }

  /** Gives an unfinished claim back (stopping mid-run), so the next start need not wait for it to go stale. */
  async release(day: string, instance: string): Promise<void> {
    await this.db.query(
      'rollover.release',
      'DELETE FROM rollover_runs WHERE day = $1::date AND instance = $2 AND finished_at IS NULL',
      [day, instance],
    );
  }

  async lastFinishedDay(): Promise<string | null> {
    const rows = await this.db.query<{ day: string | null }>(
      'rollover.last_finished',
      'SELECT max(day)::text AS day FROM rollover_runs WHERE finished_at IS NOT NULL',
    );
    return rows[0]?.day ?? null;
  }

  async earliestRatedDay(): Promise<string | null> {
    const rows = await this.db.query<{ day: string | null }>('rollover.earliest_rated', 'SELECT min(rated_day)::text AS day FROM enterprises');
    return rows[0]?.day ?? null;
  }

  /** One keyset page of the enterprises that exist on `day` (first_day ≤ day), after `afterUscc`, by USCC. */
  async enterprisesOn(day: string, afterUscc: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ uscc: string }>(
      'rollover.enterprises_page',
      'SELECT uscc FROM enterprises WHERE uscc > $2 AND first_day <= $1::date ORDER BY uscc LIMIT $3',
      [day, afterUscc, limit],
    );
    return rows.map((r) => r.uscc);
  }
}
