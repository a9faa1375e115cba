#!/usr/bin/env node
/**
 * Registry import benchmark (issue #13 §2): a CSV of N enterprises (default 10,000) is uploaded (dry run),
 * applied (N enterprise.upserted events through the pipeline) and the registry is read back until all N
 * carry the file's data — first as new enterprises, then the same N with a new region (changes). The app
 * runs in this process on an embedded PostgreSQL without Kafka (events go through the scorer directly,
 * as with HTTP ingest). Prints figures; asserts nothing. Target: upload → all updated ≤ 30 s.
 * Usage: npm run bench:import [-- --rows 10000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { withUsccCheck } from '@envface/streams';
import { startEmbeddedPostgres } from '@envface/backend/dist/platform/db/embedded-postgres';
import { startApp } from '@envface/backend/dist/platform/bootstrap/start-app';
import { fixedClock } from '@envface/backend/dist/platform/clock';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const N = Number(values.rows);
const PASSWORD = 'import-Bench-pw-1';
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const usccs = Array.from({ length: N }, (_, i) => withUsccCheck(`91320102MA${i.toString(16).toUpperCase().padStart(7, '0')}`));

function csv(region: string): Buffer {
  const lines = ['统一社会信用代码,企业名称,行政区划代码,行业代码,地址,纬度,经度'];
  usccs.forEach((u, i) => lines.push(`${u},南京市导入测试企业有限公司${i},${region},C2614,南京市玄武区环保路${i}号,32.0${i % 10},118.7${i % 10}`));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function run(label: string, base: string, token: string, sql: Client, region: string): Promise<void> {
  const body = csv(region);
  const form = new FormData();
  form.set('file', new Blob([body]), 'bench.csv');
  const t0 = performance.now();
  const dry = await fetch(`${base}/api/registry/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (dry.status !== 201) throw new Error(`dry run: ${dry.status} ${await dry.text()}`);
  const report = (await dry.json()) as { id: string; counts: Record<string, number> };
  const tDry = performance.now();
  const applied = await fetch(`${base}/api/registry/imports/${report.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
  const result = (await applied.json()) as { events: number };
  // "All enterprises updated": every row of the file is in the registry with the file's region.
  for (;;) {
    const n = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises WHERE registered AND region_code = $1 AND uscc = ANY($2::text[])', [region, usccs])).rows[0]!.n;
    if (n === N) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const tDone = performance.now();
  console.log(
    `${label}: ${fmt(N)} rows (${fmt(body.length / 1024)} KiB; report add ${fmt(report.counts.add!)}, change ${fmt(report.counts.change!)}, errors ${fmt(report.counts.errorRows!)}) — ` +
      `upload + dry run ${fmt((tDry - t0) / 1000, 2)} s, apply (${fmt(result.events)} events) ${fmt((tDone - tDry) / 1000, 2)} s, upload → all updated ${fmt((tDone - t0) / 1000, 2)} s`,
  );
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'envface-import-bench-'));
  execFileSync('chmod', ['755', work]);
  const pg = await startEmbeddedPostgres({ dataDir: work });
  const app = await startApp(
    { DATABASE_URL: pg.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
    { print: () => undefined, clock: fixedClock('2026-03-15T12:00:00+08:00') },
  );
  const sql = new Client({ connectionString: pg.url });
  await sql.connect();
  try {
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    await run('new enterprises', app.url, token, sql, '320102');
    await run('same enterprises, new region', app.url, token, sql, '320104');
    console.log('target: upload → all updated ≤ 30 s');
  } finally {
    await sql.end();
    await app.close();
    await pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
