#!/usr/bin/env node
// Benchmark (not a test): first useful paint of the inspector overview with 200,000 enterprises in the database.
//
//   npm run build && node bench/overview-paint-bench.mjs [--enterprises 200000] [--runs 5]
//
// Starts a throw-away embedded PostgreSQL (or uses BENCH_DATABASE_URL's server), lets the built backend migrate a
// fresh database, bulk-seeds N enterprises with 30 days of ratings (tests/support/seed-enterprises.ts, the same SQL
// the query-API checks use), then opens the overview in Debian Chromium and reads the page's own performance mark
// `envface:overview-useful` (set once the KPI tiles and the overview/trend charts have their data and the frame is
// painted), measured from navigation start. The first run has a cold browser cache; the others reuse it as an
// inspector's browser would. Target: under 2 s.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const ts = require('typescript');
const { Client } = require('pg');
const { chromium } = require('playwright-core');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTERPRISES = arg('enterprises', 200_000);
const RUNS = arg('runs', 5);
const TZ = 'Asia/Shanghai';
const PASSWORD = 'bench-Admin-pw-1';

/** Loads one of the repo's TypeScript helpers without a build step (type-only imports vanish when transpiled). */
function loadTs(file) {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const mod = { exports: {} };
  new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const log = (...a) => console.log(`[bench] ${a.join(' ')}`);

const { startEmbeddedPostgres, useExternalPostgres } = loadTs(path.join(ROOT, 'tests/support/postgres-server.harness.ts'));
const { seedEnterprises } = loadTs(path.join(ROOT, 'tests/support/seed-enterprises.ts'));

const server = process.env.BENCH_DATABASE_URL ? await useExternalPostgres(process.env.BENCH_DATABASE_URL) : await startEmbeddedPostgres();
const dbName = `envface_paint_bench_${Date.now()}`;
const admin = new Client({ connectionString: server.adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(server.adminUrl);
dbUrl.pathname = `/${dbName}`;

let app;
let browser;
try {
  const port = 3900 + Math.floor(Math.random() * 90);
  app = spawn(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: dbUrl.toString(), PORT: String(port), ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error('backend did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }

  log(`seeding ${ENTERPRISES} enterprises, 30 days each, today ${today} …`);
  const client = new Client({ connectionString: dbUrl.toString() });
  await client.connect();
  const started = Date.now();
  await seedEnterprises(client, { enterprises: ENTERPRISES, days: 30, today, thresholds: { five: 900, four: 800, three: 700, two: 600 }, recentEvents: 20_000 });
  const { rows } = await client.query('SELECT count(*)::int AS n FROM enterprises');
  await client.end();
  log(`seeded ${rows[0].n} enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { token } = await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json();
  // The API answers on their own, for reference (the page requests them in parallel).
  for (const route of ['/api/stats/overview', '/api/stats/trend', '/api/stats/early-warnings?limit=30', '/api/stats/recent-changes?limit=40']) {
    const t0 = performance.now();
    await (await fetch(base + route, { headers: { authorization: `Bearer ${token}` } })).text();
    log(`${route}: ${Math.round(performance.now() - t0)} ms`);
  }

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: TZ });
  await context.addInitScript((t) => sessionStorage.setItem('envface.token', t), token);
  const page = await context.newPage();
  const results = [];
  for (let run = 1; run <= RUNS; run++) {
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    const ms = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no envface:overview-useful mark within 30 s')), 30_000);
          const check = () => {
            const mark = performance.getEntriesByName('envface:overview-useful')[0];
            if (mark) {
              clearTimeout(timer);
              resolve(mark.startTime);
            } else setTimeout(check, 20);
          };
          check();
        }),
    );
    const kpi = await page.locator('[data-kpi="rated"] .kpi__value').textContent();
    results.push(ms);
    log(`run ${run}${run === 1 ? ' (cold cache)' : ''}: first useful paint ${Math.round(ms)} ms (rated enterprises shown: ${kpi})`);
  }
  const warm = results.slice(1).sort((a, b) => a - b);
  const median = warm.length ? warm[Math.floor(warm.length / 2)] : results[0];
  log(`cold ${Math.round(results[0])} ms, warm median ${Math.round(median)} ms (target < 2000 ms)`);
} finally {
  await browser?.close();
  if (app) {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  await server.stop();
}
