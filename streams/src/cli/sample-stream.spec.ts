import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayFromIso, isoFromDay } from '../engine/day';
import { ratingSummaryJson } from '../engine/rating-json';
import { defaultRuleBook } from '../engine/rule-set';
import { parseStreamFile, runStream, todayOf } from './stream-file';

const FIXTURES = join(__dirname, '../../../tests/fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  messages: number;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, { day: string }[]>;
};

describe('sample stream 2026-03-15 through validation and rating', () => {
  const lines = parseStreamFile(join(FIXTURES, 'stream-2026-03-15.jsonl'));
  const nowMs = Date.parse(expected.now);
  const tz = 'Asia/Shanghai';
  const run = runStream(lines, nowMs, defaultRuleBook(), tz);

  it('reads every message', () => {
    expect(lines.length).toBe(expected.messages);
  });

  it('accepts exactly the expected number', () => {
    expect(run.accepted.length).toBe(expected.accepted);
  });

  it('rejects with exactly the expected reasons', () => {
    const counts: Record<string, number> = {};
    for (const r of run.rejections) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
    expect(counts).toEqual(expected.dlq);
    for (const r of run.rejections) expect(r.detail.length).toBeGreaterThan(5);
  });

  it('rates exactly the expected enterprises', () => {
    expect([...run.engine.enterpriseIds()].sort()).toEqual(Object.keys(expected.ratings).sort());
  });

  it('matches every enterprise-day', () => {
    const today = todayOf(nowMs, tz);
    const mismatches: string[] = [];
    for (const [id, days] of Object.entries(expected.ratings)) {
      const ledger = run.engine.get(id)!;
      expect(isoFromDay(ledger.firstDay!)).toBe(days[0]!.day);
      expect(days[days.length - 1]!.day).toBe(isoFromDay(today));
      expect(days.length).toBe(today - ledger.firstDay! + 1);
      for (const want of days) {
        const got = ratingSummaryJson(ledger.rate(dayFromIso(want.day)));
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${id} ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
