import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runRateCli } from './rate-cli';

const STREAM = join(__dirname, '../../../tests/fixtures/stream-2026-03-15.jsonl');
const expected = JSON.parse(readFileSync(join(__dirname, '../../../tests/fixtures/expected-2026-03-15.json'), 'utf8')) as {
  ratings: Record<string, Record<string, unknown>[]>;
  dlq: Record<string, number>;
};

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runRateCli(args, { stdout: (c) => (stdout += c), stderr: (c) => (stderr += c) });
  const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, stderr };
}

describe('rate CLI', () => {
  it('prints every enterprise-day of the sample stream exactly as expected', () => {
    const { code, lines, stderr } = run(['--events', STREAM, '--now', '2026-03-15T12:00:00+08:00']);
    expect(code).toBe(0);
    const want = Object.entries(expected.ratings).flatMap(([id, days]) => days.map((d) => ({ enterpriseId: id, ...d })));
    const got = lines.map(({ enterpriseId, day, score, stars, face, colour, grade, veto }) => ({ enterpriseId, day, score, stars, face, colour, grade, veto }));
    const key = (r: { enterpriseId: unknown; day: unknown }) => `${r.enterpriseId} ${r.day}`;
    expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
    expect(lines[0]).toHaveProperty('criteria');
    const rejected = stderr.split('\n').filter((l) => l.startsWith('{"rejected"')).map((l) => JSON.parse(l).rejected.reason as string);
    const counts: Record<string, number> = {};
    for (const r of rejected) counts[r] = (counts[r] ?? 0) + 1;
    expect(counts).toEqual(expected.dlq);
    expect(stderr).toMatch(/"summary":\{"messages":535,"accepted":497/);
  });

  it('honours --from/--to and --explain', () => {
    const { lines } = run(['--events', STREAM, '--now', '2026-03-15T12:00:00+08:00', '--from', '2026-03-10', '--to', '2026-03-11', '--explain']);
    expect(new Set(lines.map((l) => l.day))).toEqual(new Set(['2026-03-10', '2026-03-11']));
    expect(lines.length).toBe(2 * Object.keys(expected.ratings).length);
    expect(lines.some((l) => Array.isArray(l.effects) && (l.effects as unknown[]).length > 0)).toBe(true);
  });

  it('applies a rule-set file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rate-cli-'));
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ default: { points: { readingSevere: 50 }, caps: { readingPerPointPollutantDay: 50 } } }));
    const base = run(['--events', STREAM, '--now', '2026-03-15T12:00:00+08:00', '--to', '2026-03-15', '--from', '2026-03-15']);
    const strict = run(['--events', STREAM, '--now', '2026-03-15T12:00:00+08:00', '--to', '2026-03-15', '--from', '2026-03-15', '--rules', rules]);
    const sum = (ls: Record<string, unknown>[]) => ls.reduce((a, l) => a + (l.score as number), 0);
    expect(sum(strict.lines)).toBeLessThan(sum(base.lines));
  });

  it.each([
    [[], /--events FILE is required/],
    [['--events', 'missing.jsonl'], /missing\.jsonl: ENOENT/],
    [['--events', STREAM, '--from', '2026-02-30'], /--from: not a YYYY-MM-DD date/],
    [['--events', STREAM, '--now', 'yesterday'], /--now: not an ISO date-time/],
    [['--events', STREAM, '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a clear message for bad arguments %#', (args, why) => {
    const { code, stderr } = run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(why);
    expect(stderr).not.toMatch(/    at /); // no stack trace
  });

  it('refuses a bad rule set, naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rate-cli-'));
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ default: { matrix: [[1, 9, 0.1111111111111111, 1], [0.1111111111111111, 1, 9, 1], [9, 0.1111111111111111, 1, 1], [1, 1, 1, 1]] } }));
    const { code, stderr } = run(['--events', STREAM, '--rules', rules]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/inconsistent judgements: consistency ratio CR = /);
  });
});
