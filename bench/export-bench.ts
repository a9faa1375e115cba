#!/usr/bin/env node
/**
 * Export benchmark (issue #13 §1): seeds N enterprises (default 200,000) directly with SQL into an
 * embedded PostgreSQL, then times a full GET /api/enterprises.csv (and .xlsx) against the app in this
 * process and samples the process's memory growth while it streams. Prints figures; asserts nothing.
 * Targets: CSV ≤ 10 s, ≤ 200 MB growth. Usage: npm run bench:export [-- --enterprises 200000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@envface/backend/dist/platform/db/embedded-postgres';
import { startApp } from '@envface/backend/dist/platform/bootstrap/start-app';
import { fixedClock } from '@envface/backend/dist/platform/clock';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '200000' } } });
const N = Number(values.enterprises);
const PASSWORD = 'export-Bench-pw-1';
const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function seed(sql: Client): Promise<void> {
  // Stars 1–5 with consistent face/colour/grade; every 50th name needs quoting, every 97th starts with '='.
  await sql.query(
    `INSERT INTO enterprises (uscc, name, registered, region_code, industry_code, address, first_day, public_token,
       rated_day, score_tenths, stars, face, colour, grade, veto, streak)
     SELECT '91320102MA' || lpad(upper(to_hex(i)), 8, '0'),
            CASE WHEN i % 97 = 0 THEN '=HYPERLINK("x") ' || i
                 WHEN i % 50 = 0 THEN '南京"测试",企业' || i ELSE '南京市环保测试企业有限公司' || i END,
            true, (ARRAY['320102','320104','320105','320106','320111'])[1 + i % 5], (ARRAY['C2614','C3130','D4411'])[1 + i % 3],
            '南京市玄武区环保路' || i || '号', DATE '2026-01-01', md5(i::text),
            DATE '2026-03-15', 600 + (i * 7) % 400, s, (ARRAY['cry','cry','neutral','smile','smile'])[s],
            (ARRAY['black','red','yellow','blue','green'])[s], (ARRAY['bad','bad','warning','good','trustworthy'])[s], i % 211 = 0, i % 90
     FROM (SELECT i, 1 + CASE WHEN i % 20 = 0 THEN 0 WHEN i % 20 = 1 THEN 1 WHEN i % 10 = 2 THEN 2 WHEN i % 5 = 3 THEN 3 ELSE 4 END AS s
           FROM generate_series(1, $1::int) AS i) x`,
    [N],
  );
  await sql.query('ANALYZE enterprises');
}

async function timedDownload(url: string, token: string): Promise<{ ms: number; bytes: number; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = rss0;
  let peakHeap = heap0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  // Read and discard: the client keeps nothing, so the growth is the server's.
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  const ms = performance.now() - t0;
  clearInterval(sampler);
  return { ms, bytes, peakRssMb: (peakRss - rss0) / MB, peakHeapMb: (peakHeap - heap0) / MB };
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'envface-export-bench-'));
  execFileSync('chmod', ['755', work]);
  const pg = await startEmbeddedPostgres({ dataDir: work });
  const app = await startApp(
    { DATABASE_URL: pg.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
    { print: () => undefined, clock: fixedClock('2026-03-15T12:00:00+08:00') },
  );
  const sql = new Client({ connectionString: pg.url });
  await sql.connect();
  try {
    const tSeed = performance.now();
    await seed(sql);
    console.log(`seeded ${fmt(N)} enterprises with SQL in ${fmt((performance.now() - tSeed) / 1000, 1)} s`);
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    // Warm-up (plans, pool) on a small filter, then the full exports.
    await timedDownload(`${app.url}/api/enterprises.csv?stars=1`, token);
    for (const [label, url] of [
      ['CSV, whole table (sort=uscc)', `${app.url}/api/enterprises.csv?sort=uscc&order=asc`],
      ['CSV, whole table (sort=stars desc, the explorer default)', `${app.url}/api/enterprises.csv?sort=stars&order=desc`],
      ['XLSX, whole table (sort=uscc)', `${app.url}/api/enterprises.xlsx?sort=uscc&order=asc`],
    ] as const) {
      const r = await timedDownload(url, token);
      console.log(`${label}: ${fmt(N)} rows, ${fmt(r.bytes / MB, 1)} MB in ${fmt(r.ms / 1000, 2)} s; memory growth during the export: RSS +${fmt(r.peakRssMb, 1)} MB, heap +${fmt(r.peakHeapMb, 1)} MB`);
    }
    console.log('targets (CSV): ≤ 10 s, ≤ 200 MB growth');
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
