#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyPlan } from '../supervision/verify-plan';

const USAGE = `Usage: npm run verify-draw -- --plan URL-or-FILE [--population URL-or-FILE]

Recomputes a published inspection plan (双随机、一公开) offline from its seed and population file and
says whether it matches: the file's SHA-256 must be the plan's snapshotSha256 and the weighted draw from
the seed must give exactly the published ranks, enterprises, stars, weights and keys.
  --plan        the public plan JSON: https://…/api/public/inspection-plans/{id} or a saved file
  --population  the population file (default: the plan URL + /population.csv, or population.csv
                next to the plan file)
Exit codes: 0 the plan matches, 1 it does not, 2 bad arguments or unreadable input.`;

export interface VerifyIo {
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
}

class UsageError extends Error {}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

async function load(source: string): Promise<string> {
  if (!isUrl(source)) return readFile(source, 'utf8').catch((e: Error) => Promise.reject(new UsageError(`cannot read ${source}: ${e.message}`)));
  const res = await fetch(source).catch((e: Error) => Promise.reject(new UsageError(`cannot fetch ${source}: ${e.message}`)));
  if (!res.ok) throw new UsageError(`cannot fetch ${source}: HTTP ${res.status}`);
  // The population file's hash is over its exact bytes: read them as UTF-8 text without any rewrite.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

export async function runVerifyDrawCli(argv: string[], io: VerifyIo): Promise<number> {
  try {
    let values;
    try {
      values = parseArgs({ args: argv, options: { plan: { type: 'string' }, population: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (!values.plan) throw new UsageError('--plan is required');
    const plan = values.plan;
    const populationSource = values.population ?? (isUrl(plan) ? `${plan.replace(/\/+$/, '')}/population.csv` : join(dirname(plan), 'population.csv'));
    const planText = await load(plan);
    let planJson: unknown;
    try {
      planJson = JSON.parse(planText);
    } catch {
      throw new UsageError(`${plan} is not JSON`);
    }
    const populationText = await load(populationSource);
    const result = verifyPlan(planJson, populationText);
    io.stdout(`plan ${plan}\npopulation ${populationSource}\n${result.lines.join('\n')}\n${result.ok ? 'MATCH: the published draw is exactly what the seed and population give' : 'MISMATCH: the published draw is not what the seed and population give'}\n`);
    return result.ok ? 0 : 1;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`verify-draw: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
}

if (require.main === module) {
  void runVerifyDrawCli(process.argv.slice(2), { stdout: (c) => process.stdout.write(c), stderr: (c) => process.stderr.write(c) }).then((code) => {
    process.exitCode = code;
  });
}
