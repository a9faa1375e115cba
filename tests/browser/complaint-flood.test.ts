import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Client } from 'pg';
import { COMPLAINT_LIMITS } from '../../backend/src/workflows/complaints/complaint.service';
import { registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * Issue #15 finding 5 in Debian's Chromium: after a flood of reports about one enterprise, a passer-by
 * on a phone (390 px) still gets a report through — the page solves the proof-of-work challenge by
 * itself — and the inspectors' queue (1440 px) shows the flood warning and the flagged report.
 * Screenshots go to tests/artifacts/complaints/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'complaints');
const E1 = usccOf('320106', 7);

describe('complaint flood in Chromium', () => {
  let t: PublicTestApp;
  let sql: Client;
  let browser: Browser;
  let distDir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-flood-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore' });
    t = await startPublicTestApp({ webDistDir: distDir });
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    await t.ingest('registry', registration(E1, '南京栖霞印染有限公司', 'flood-br-reg', '320106'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('a fresh reporter on a phone gets through a flood (challenge solved in the page), flagged for inspectors', async () => {
    const token = new URL((await t.call('GET', `/api/enterprises/${E1}/sign`, { token: t.adminToken })).body.publicUrl).pathname.split('/').pop()!;
    for (let i = 0; i < COMPLAINT_LIMITS.highVolume.count; i++) {
      const client = `198.51.100.${Math.floor(i / COMPLAINT_LIMITS.perClient.count) + 1}`;
      expect((await t.call('POST', `/api/public/${token}/complaints`, { body: { category: 'noise', text: `刷屏 ${i}` }, headers: { 'x-forwarded-for': client } })).status).toBe(201);
    }
    expect((await t.call('GET', `/api/public/${token}/complaints/challenge`)).body.required).toBe(true);

    for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale });
      if (lang === 'en') await context.addInitScript(() => localStorage.setItem('envface.language', 'en'));
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${t.app.url}/q/${token}`);
      await page.locator('select[name="category"]').selectOption('water');
      await page.locator('textarea[name="text"]').fill(`${lang}: 印染废水直排河道，颜色发红`);
      await page.locator('.q-complaint button[type="submit"]').click();
      const sent = page.getByTestId('complaint-sent');
      await sent.waitFor({ timeout: 30_000 });
      await expect(sent.textContent()).resolves.toMatch(/CMP-\d+/);
      expect(requests).toContain(`/api/public/${token}/complaints/challenge`);
      await sent.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `public-form-after-flood-390-${lang}.png`), fullPage: true });
      await context.close();
    }
    const stored = (await sql.query(`SELECT flagged FROM complaints WHERE enterprise_id = $1 AND text LIKE '%印染废水%' ORDER BY id`, [E1])).rows;
    expect(stored).toEqual([{ flagged: true }, { flagged: true }]);

    const inspector = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await inspector.goto(`${t.app.url}/login`);
    await inspector.locator('input[name="username"]').fill('admin');
    await inspector.locator('input[name="password"]').fill('public-Admin-pw-1');
    await inspector.locator('button[type="submit"]').click();
    await inspector.waitForURL((u) => !u.pathname.startsWith('/login'));
    await inspector.goto(`${t.app.url}/complaints`);
    const alert = inspector.getByTestId('complaint-flood-alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('南京栖霞印染有限公司');
    const item = inspector.getByTestId('complaint-item').filter({ hasText: '印染废水直排河道' }).first();
    await item.waitFor();
    await expect(item.getByTestId('complaint-flagged').count()).resolves.toBe(1);
    await expect(inspector.getByTestId('complaints-export-csv').isVisible()).resolves.toBe(true);
    await inspector.screenshot({ path: path.join(ARTIFACTS, 'complaint-queue-flood-1440.png') });
    // The queue and its banner on a phone too.
    await inspector.setViewportSize({ width: 390, height: 844 });
    await alert.waitFor();
    await inspector.screenshot({ path: path.join(ARTIFACTS, 'complaint-queue-flood-390.png') });
    // The export buttons download the queue (as the page's filter), saved by the browser.
    await inspector.setViewportSize({ width: 1440, height: 900 });
    const [download] = await Promise.all([inspector.waitForEvent('download'), inspector.getByTestId('complaints-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('complaints-pending.csv');
    await inspector.close();
  });
});
