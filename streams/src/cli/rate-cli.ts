#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dayFromIso, dayOfInstant, isValidTimeZone, type Day } from '../engine/day';
import { ratingDetailJson } from '../engine/rating-json';
import { defaultRuleBook, loadRuleBook, type RuleBook } from '../engine/rule-set';
import { parseStreamFile, runStream } from './stream-file';

const USAGE = `Usage: npm run rate -- --events FILE.jsonl [--now ISO] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rules FILE] [--tz ZONE] [--explain]

Rates every enterprise in a stream file (one {"topic","key","value","encoding"} per line, in send order)
and prints one JSON object per enterprise-day on stdout. Rejected messages go to stderr.
  --now      the server clock (default: now); also decides which events are "in the future"
  --from/--to  the days to print (default: each enterprise's first day to the day of --now)
  --rules    a rule-set JSON file (default: the model's own numbers)
  --tz       rating timezone (default Asia/Shanghai)
  --explain  include the active effects of each day`;

export interface CliIo {
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
}

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

/** Exit codes: 0 input read (even with rejected messages), 2 bad arguments or unreadable input. */
export function runRateCli(argv: string[], io: CliIo): number {
  try {
    rate(argv, io);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rate: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
}

function rate(argv: string[], io: CliIo): void {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        events: { type: 'string' },
        now: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        rules: { type: 'string' },
        tz: { type: 'string', default: 'Asia/Shanghai' },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return;
  }
  if (!args.events) fail('--events FILE is required');
  const tz = args.tz!;
  if (!isValidTimeZone(tz)) fail(`--tz: unknown time zone ${tz}`);
  const nowMs = args.now ? Date.parse(args.now) : Date.now();
  if (!Number.isFinite(nowMs)) fail(`--now: not an ISO date-time: ${args.now}`);
  const parseDay = (name: string, v: string | undefined): Day | undefined => {
    if (v === undefined) return undefined;
    try {
      return dayFromIso(v);
    } catch {
      fail(`--${name}: not a YYYY-MM-DD date: ${v}`);
    }
  };
  const from = parseDay('from', args.from);
  const to = parseDay('to', args.to) ?? dayOfInstant(nowMs, tz);
  let book: RuleBook = defaultRuleBook();
  if (args.rules) {
    try {
      book = loadRuleBook(JSON.parse(readFileSync(args.rules, 'utf8')));
    } catch (e) {
      fail(`--rules ${args.rules}: ${(e as Error).message}`);
    }
  }
  let lines;
  try {
    lines = parseStreamFile(args.events);
  } catch (e) {
    fail(`--events ${args.events}: ${(e as Error).message}`);
  }

  const run = runStream(lines, nowMs, book, tz);
  for (const r of run.rejections) io.stderr(`${JSON.stringify({ rejected: r })}\n`);

  const out: string[] = [];
  for (const id of [...run.engine.enterpriseIds()].sort()) {
    const ledger = run.engine.get(id)!;
    const first = ledger.firstDay!;
    for (let d = Math.max(first, from ?? first); d <= to; d++) {
      const { effects, ...rating } = ratingDetailJson(ledger.rate(d));
      out.push(JSON.stringify({ enterpriseId: id, ...rating, ...(args.explain ? { effects } : {}) }));
      if (out.length >= 10_000) io.stdout(`${out.splice(0).join('\n')}\n`);
    }
  }
  if (out.length) io.stdout(`${out.join('\n')}\n`);
  const byReason: Record<string, number> = {};
  for (const r of run.rejections) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
  io.stderr(
    `${JSON.stringify({ summary: { messages: lines.length, accepted: run.accepted.length, duplicates: run.duplicates, rejected: byReason } })}\n`,
  );
}

if (require.main === module) {
  // `rate ... | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
  process.exitCode = runRateCli(process.argv.slice(2), {
    stdout: (c) => process.stdout.write(c),
    stderr: (c) => process.stderr.write(c),
  });
}
