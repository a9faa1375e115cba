#!/usr/bin/env node
// Benchmark (not a test): first rating on screen of the public QR page on emulated "Fast 3G" (#14 §6).
//
//   npm run build && node bench/public-page-3g-bench.mjs [--runs 3]
//
// Starts a throw-away embedded PostgreSQL (or uses BENCH_DATABASE_URL's server), the built backend on a fresh
// database, registers one enterprise, and opens its public page (/q/<token>) in Debian Chromium at a phone
// viewport with Chrome DevTools' Fast 3G profile (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) and an
// empty cache. Measured: navigation start → the rating (stars and score) visible; then, for information, until the
// app has taken over the server-rendered first paint (and how many /api/public requests it made: none expected). Each run is done twice:
// with the precompressed assets (brotli, as a browser asks) and with `Accept-Encoding: identity` (what the
// server sent before precompression), so the figure and the gain are printed side by side. Target: ≤ 1.5 s.
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
const RUNS = arg('runs', 3);
const PASSWORD = 'bench-Admin-pw-1';
// Chrome DevTools' "Fast 3G" preset (throughput in bytes per second).
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const log = (...a) => console.log(`[bench] ${a.join(' ')}`);

function loadTs(file) {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const mod = { exports: {} };
  new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

const { startEmbeddedPostgres, useExternalPostgres } = loadTs(path.join(ROOT, 'tests/support/postgres-server.harness.ts'));
const server = process.env.BENCH_DATABASE_URL ? await useExternalPostgres(process.env.BENCH_DATABASE_URL) : await startEmbeddedPostgres();
const dbName = `envface_3g_bench_${Date.now()}`;
const admin = new Client({ connectionString: server.adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(server.adminUrl);
dbUrl.pathname = `/${dbName}`;

let app;
let browser;
try {
  const port = 3990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: dbUrl.toString(), PORT: String(port), PUBLIC_BASE_URL: base, ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error('backend did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  const { token } = await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const uscc = '91320102MA1P00001' + '9';
  const { withUsccCheck } = loadTs(path.join(ROOT, 'streams/src/contract/uscc.ts'));
  const id = withUsccCheck(uscc.slice(0, 17));
  const registered = await fetch(`${base}/api/ingest/registry`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ eventId: 'bench-reg-1', type: 'enterprise.upserted', enterpriseId: id, occurredAt: new Date().toISOString(), data: { name: '南京绿源化工有限公司', regionCode: '320102', industryCode: 'C2614', address: '南京市玄武区环保路1号' } }),
  });
  if (registered.status !== 202) throw new Error(`registration: ${registered.status} ${await registered.text()}`);
  const { publicUrl } = await (await fetch(`${base}/api/enterprises/${id}/sign`, { headers: auth })).json();

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const results = { compressed: [], identity: [] };
  const takeovers = { compressed: [], identity: [] };
  for (let run = 1; run <= RUNS; run++) {
    for (const mode of ['compressed', 'identity']) {
      // A new context per run: an empty cache, as a passer-by scanning the code for the first time.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      if (mode === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
      let bytes = 0;
      let apiCalls = 0;
      cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
      cdp.on('Network.requestWillBeSent', (e) => (apiCalls += e.request.url.includes('/api/public/') ? 1 : 0));
      const started = Date.now();
      await page.goto(publicUrl, { waitUntil: 'commit' });
      await page.locator('[data-testid="public-score"]').waitFor({ state: 'visible', timeout: 60_000 });
      const ms = await page.evaluate(() => performance.now());
      const wall = Date.now() - started;
      results[mode].push(ms);
      const shown = Math.round(bytes / 1024);
      // The app taking over the server-rendered first paint (it removes #q-first-paint when its own page is up).
      await page.locator('#q-first-paint').waitFor({ state: 'detached', timeout: 60_000 });
      const takeover = await page.evaluate(() => performance.now());
      takeovers[mode].push(takeover);
      log(`run ${run} ${mode.padEnd(10)}: rating on screen after ${Math.round(ms)} ms (wall ${wall} ms, ${shown} KiB transferred); app took over after ${Math.round(takeover)} ms (${Math.round(bytes / 1024)} KiB, ${apiCalls} /api/public request(s))`);
      await context.close();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  log(`Fast 3G, median of ${RUNS}: precompressed ${Math.round(median(results.compressed))} ms, uncompressed ${Math.round(median(results.identity))} ms (target ≤ 1500 ms); app took over after ${Math.round(median(takeovers.compressed))} / ${Math.round(median(takeovers.identity))} ms`);
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
