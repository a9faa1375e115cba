import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * Supervision pages in Debian's Chromium: an inspector creates an inspection plan through the form, sees
 * the draw and records a result as one of the drawn inspectors; the public plan opens at a 390 px phone
 * viewport without inspectors' names, with the seed, the snapshot hash and the verification steps; the
 * credit list page and the public red list render. Screenshots in tests/artifacts/supervision/.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'supervision');
const PHONE = { width: 390, height: 844 };
const ENTERPRISES = Array.from({ length: 8 }, (_, i) => usccOf(i < 5 ? '320102' : '320104', i + 1));
const INSPECTORS = ['zhang.wei', 'li.na', 'wang.fang'];
const PASSWORD = 'inspector-pw-123';

describe('supervision pages in Chromium', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let distDir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-supervision-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore' });
    t = await startPublicTestApp({ webDistDir: distDir });
    for (const [i, uscc] of ENTERPRISES.entries()) await t.ingest('registry', registration(uscc, `南京第${i + 1}化工有限公司`, `sv-reg-${i}`, i < 5 ? '320102' : '320104'));
    await t.ingest('enforcement', penalty(ENTERPRISES[1]!, 'sv-pen-1', 'SV-001'));
    await t.ingest('enforcement', penalty(ENTERPRISES[6]!, 'sv-pen-6', 'SV-006'));
    const sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    const hash = await hashPassword(PASSWORD);
    for (const name of INSPECTORS) await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ($1, $2, 'inspector')`, [name, hash]);
    await sql.end();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('creates a plan in the form, records a result, and shows the public plan on a phone', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await desktop.newPage();
    await page.goto(`${t.app.url}/inspection-plans/new`);
    await page.waitForURL(/\/login$/);
    await page.fill('input[name="username"]', 'zhang.wei');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/inspection-plans\/new$/);
    await page.fill('input[name="name"]', '2026年3月 玄武区双随机抽查');
    await page.fill('input[name="regions"]', '3201');
    await page.fill('input[name="size"]', '4');
    await page.fill('input[name="inspectors"]', INSPECTORS.join(', '));
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-create.png'), fullPage: true });
    await page.click('[data-testid="plan-submit"]');
    await page.waitForURL(/\/inspection-plans\/\d+$/);
    const planId = page.url().split('/').pop()!;
    await page.waitForSelector('[data-testid="plan-drawn"] tbody tr');
    expect(await page.locator('[data-testid="plan-drawn"] tbody tr').count()).toBe(4);
    expect(await page.locator('[data-testid="plan-expected"] li').count()).toBe(5);
    const seed = (await page.textContent('[data-testid="plan-seed"]'))!.trim();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-page.png'), fullPage: true });

    // Record a violation on one of my inspections (zhang.wei is drawn for at least one: cap 3, 8 slots over 3 people).
    const mine = page.locator('[data-testid="plan-mine-item"]');
    expect(await mine.count()).toBeGreaterThan(0);
    const uscc = await mine.first().getAttribute('data-uscc');
    await mine.first().locator('textarea').fill('雨水排口发现废水');
    await mine.first().locator('[data-testid="record-violation"]').click();
    await page.waitForSelector(`[data-testid="plan-mine-item"][data-uscc="${uscc}"] .sv-result--violation_found`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-recorded.png'), fullPage: true });

    // The public plan at a phone viewport: seed, hash, population link, how to verify, no inspectors.
    const phone = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const mobile = await phone.newPage();
    await mobile.goto(`${t.app.url}/public/inspection-plans/${planId}`);
    await mobile.waitForSelector('[data-testid="public-plan-drawn"] li');
    expect((await mobile.textContent('[data-testid="public-plan-seed"]'))!.trim()).toBe(seed);
    expect(await mobile.locator('[data-testid="public-plan-drawn"] li').count()).toBe(4);
    expect(await mobile.textContent('[data-testid="public-plan-verify"]')).toContain('SHA-256');
    const body = (await mobile.textContent('body'))!;
    for (const name of INSPECTORS) expect(body).not.toContain(name);
    expect(body).toContain('发现违法');
    // Nothing wider than the phone.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const href = await mobile.getAttribute('[data-testid="public-plan-population"]', 'href');
    const csv = await fetch(`${t.app.url}${href}`);
    expect(csv.status).toBe(200);
    await mobile.screenshot({ path: path.join(ARTIFACTS, 'public-plan-phone.png'), fullPage: true });
    await phone.close();

    // The credit list page and the public red list.
    await page.goto(`${t.app.url}/lists/red`);
    await page.waitForSelector('[data-testid="list-table"] tbody tr');
    expect(await page.textContent('[data-testid="list-count"]')).toContain('共');
    await page.screenshot({ path: path.join(ARTIFACTS, 'list-red.png'), fullPage: true });
    await desktop.close();

    const phone2 = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, locale: 'zh-CN' });
    const pub = await phone2.newPage();
    await pub.goto(`${t.app.url}/public/lists/red`);
    await pub.waitForSelector('[data-testid="public-list"] li');
    expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await pub.screenshot({ path: path.join(ARTIFACTS, 'public-red-phone.png'), fullPage: true });
    await phone2.close();
  });

  it('shows the credit notice in the enterprise portal, takes the receipt, and prints it on A4', async () => {
    // The penalty of enterprise 2 produced a notice (the sync runs every 2 s).
    const { CreditNoticeService } = await import('../../backend/src/workflows/credit-notices/credit-notice.service');
    await t.app.app.get(CreditNoticeService).sync();
    const uscc = ENTERPRISES[1]!;
    expect((await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'company-2', enterpriseId: uscc, password: 'first-pw-12345' } })).status).toBe(201);
    const first = await t.login('company-2', 'first-pw-12345');
    expect((await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: 'first-pw-12345', newPassword: 'company-pw-12345' } })).status).toBe(200);

    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${t.app.url}/portal`);
    await page.waitForURL(/\/login$/);
    await page.fill('input[name="username"]', 'company-2');
    await page.fill('input[name="password"]', 'company-pw-12345');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="portal-notices"] [data-testid="notice-item"]');
    await page.locator('[data-testid="notice-item"] summary').first().click();
    expect(await page.textContent('[data-testid="portal-notices"]')).toContain('案号 SV-001');
    await page.click('[data-testid="notice-acknowledge"]');
    await page.waitForSelector('[data-testid="notice-item"] .sv-result--compliant');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-notice-phone.png'), fullPage: true });
    const id = await page.locator('[data-testid="notice-item"]').first().getAttribute('data-id');
    await context.close();

    const desk = await browser.newContext({ viewport: { width: 1000, height: 1300 }, locale: 'zh-CN' });
    const print = await desk.newPage();
    await print.goto(`${t.app.url}/login`);
    await print.fill('input[name="username"]', 'company-2');
    await print.fill('input[name="password"]', 'company-pw-12345');
    await print.click('button[type="submit"]');
    await print.waitForURL(/\/portal$/);
    await print.goto(`${t.app.url}/print/notice/${id}`);
    await print.waitForSelector('[data-testid="notice-print"]');
    const notice = (await t.call('GET', `/api/notices/${id}`, { token: t.adminToken })).body;
    expect((await print.textContent('[data-testid="notice-print"]'))!.trim()).toBe(notice.text.trim());
    await print.screenshot({ path: path.join(ARTIFACTS, 'notice-print.png'), fullPage: true });
    const pdf = await print.pdf({ format: 'A4' }).catch(() => null); // headless Chromium can print: A4 layout check
    if (pdf) expect(pdf.length).toBeGreaterThan(1000);
    await desk.close();
  });
});
