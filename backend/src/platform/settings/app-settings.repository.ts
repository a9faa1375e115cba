import { Injectable } from '@nestjs/common';
import { Database } from '../db/database.service';

interface SettingRow {
  value: string;
}

/** Key/value settings shared by all instances (table app_settings). */
@Injectable()
export class AppSettingsRepository {
  constructor(private readonly db: Database) {}

  async find(key: string): Promise<string | null> {
    const rows = await this.db.query<SettingRow>('settings.find', 'SELECT value FROM app_settings WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  /** Inserts unless the key exists, then returns the stored value: the first writer wins across instances. */
  async findOrInsert(key: string, value: string): Promise<string> {
    const rows = await this.db.query<SettingRow>(
      'settings.find_or_insert',
      `WITH inserted AS (
         INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value
       )
       SELECT value FROM inserted UNION ALL SELECT value FROM app_settings WHERE key = $1 LIMIT 1`,
      [key, value],
    );
    return rows[0].value;
  }
}
