import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/db/database.service';

/** app_settings keys of the built-in simulator. */
export const SIMULATOR_KEYS = {
  /** Where live simulated time began (ISO instant): fixed at the first start, so every restart replays the same world. */
  start: 'simulator.start',
  /** Everything before this instant (ISO) has been fed and committed. */
  fedUntil: 'simulator.fed_until',
  /** How many enterprises' registrations and history have been fed. */
  registered: 'simulator.registered',
} as const;

export interface SimulatorState {
  start: string | null;
  fedUntil: string | null;
  registered: number | null;
}

/** The simulator's progress in app_settings, so a restart resumes instead of re-feeding everything. */
@Injectable()
export class SimulatorStateRepository {
  constructor(private readonly db: Database) {}

  async load(): Promise<SimulatorState> {
    const rows = await this.db.query<{ key: string; value: string }>(
      'simulator.load_state',
      'SELECT key, value FROM app_settings WHERE key = ANY($1::text[])',
      [Object.values(SIMULATOR_KEYS)],
    );
    const get = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
    const registered = get(SIMULATOR_KEYS.registered);
    return { start: get(SIMULATOR_KEYS.start), fedUntil: get(SIMULATOR_KEYS.fedUntil), registered: registered === null ? null : Number(registered) };
  }

  /** Only ever moves forward: ISO instants in UTC (toISOString) compare correctly as text. */
  async advanceFedUntil(iso: string): Promise<void> {
    await this.db.query(
      'simulator.advance_fed_until',
      `INSERT INTO app_settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE app_settings.value < EXCLUDED.value`,
      [SIMULATOR_KEYS.fedUntil, iso],
    );
  }

  async setRegistered(count: number): Promise<void> {
    await this.db.query(
      'simulator.set_registered',
      `INSERT INTO app_settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE app_settings.value::int < EXCLUDED.value::int`,
      [SIMULATOR_KEYS.registered, String(count)],
    );
  }
}
