import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { useMediumDatabase } from '../../../../tests/support/medium-database';
import { runMigrations } from '../../platform/db/migration-runner';

// Medium test of migration 20261202600000000_trend-counts-in-scorer: up drops the outbox trigger
// that fed the trend counts (the scorer writes them now), down restores it.
const medium = useMediumDatabase();
const quiet = new (class extends Logger {
  override log(): void {}
  override debug(): void {}
})('Migrations');

const MIGRATION = '20261202600000000_trend-counts-in-scorer';
/** This migration and every later one: going down to it undoes them all (later migrations keep coming). */
const fromThisOn = readdirSync(join(__dirname, '../../../../migrations'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''))
  .filter((name) => name >= MIGRATION)
  .sort();

async function deltasAfterOutboxInsert(day: string): Promise<number> {
  await medium().db.query(
    'test.outbox',
    `INSERT INTO outbox (kind, key, payload) VALUES ('ratings', 'K', jsonb_build_object('day', $1::text, 'stars', 4))`,
    [day],
  );
  const [row] = await medium().db.query<{ n: number }>('test.deltas', 'SELECT count(*)::int AS n FROM rating_day_count_deltas WHERE day = $1::date', [day]);
  return row!.n;
}

describe('migration trend-counts-in-scorer (medium, real PostgreSQL)', () => {
  it('up: an outbox row no longer writes trend counts; down: the trigger is back; up again: gone', async () => {
    const url = medium().testDb.url;
    expect(await deltasAfterOutboxInsert('2026-07-01')).toBe(0);
    const down = await runMigrations({ databaseUrl: url, direction: 'down', count: fromThisOn.length, logger: quiet });
    expect([...down].sort()).toEqual(fromThisOn);
    expect(await deltasAfterOutboxInsert('2026-07-02')).toBe(1);
    expect(await runMigrations({ databaseUrl: url, logger: quiet })).toEqual(fromThisOn);
    expect(await deltasAfterOutboxInsert('2026-07-03')).toBe(0);
  });
});
