import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';
import { apiJson, openSignedIn } from '../support/browser-pages';

/**
 * Issue #14 §4 in Chromium: at 390 px the explorer, the enterprise event log and the portal are cards, with no
 * horizontal overflow; on desktop the event log has the full width. The event log filters by category, sums up
 * hourly readings in one line and pages through older events. Screenshots at 1440 px and 390 px, zh and en, go
 * to tests/artifacts/layouts/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'layouts');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  ratings: Record<string, { day: string; stars: number; score: number; veto: boolean }[]>;
};
const ADMIN_PASSWORD = 'browser-Admin-pw-1';
const COMPANY_PASSWORD = 'company-New-pw-1';

interface EventsPage {
  items: { type: string }[];
  nextBefore: string | null;
  readings: { count: number; exceeded: number } | null;
}

describe('layouts on phones and the event log (#14 §4), in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let token = '';
  let companyToken = '';
  /** The enterprise with the most events among the sample's first ones (readings included). */
  let busy = '';
  const contexts: BrowserContext[] = [];

  const api = <T,>(url: string, init: RequestInit = {}, bearer = token): Promise<T> => apiJson<T>(app.url, url, bearer, init);

  async function open(bearer: string, width: number, language: 'zh-CN' | 'en', start: string): Promise<Page> {
    const page = await openSignedIn(browser, contexts, { url: `${app.url}${start}`, bearer, width, language });
    return page;
  }

  async function noOverflow(page: Page): Promise<void> {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        // Content of a deliberate sideways scroller (a chart, a wide table such as the 13-quarter table,
        // focusable and labelled) may extend past the edge; the scroller itself may not.
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest('.chart-scroll, .table-scroll:not(.table-scroll--cards)'))
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  }

  /** Rows shown as cards: block boxes inside the viewport, the header row hidden. */
  async function expectCards(page: Page, table: string): Promise<void> {
    const rows = await page.evaluate((selector) => {
      const el = document.querySelector(selector)!;
      const head = el.querySelector('thead')!.getBoundingClientRect();
      return {
        head: head.width * head.height,
        rows: [...el.querySelectorAll('tbody tr')].slice(0, 5).map((tr) => ({ display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right, width: tr.getBoundingClientRect().width })),
      };
    }, table);
    expect(rows.head).toBeLessThanOrEqual(1);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) {
      expect(row.display).toBe('block');
      expect(row.right).toBeLessThanOrEqual(390);
      expect(row.width).toBeGreaterThan(300);
    }
  }

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, expected.now);
    token = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).token;
    let most = -1;
    for (const uscc of Object.keys(expected.ratings).slice(0, 60)) {
      const { eventCount } = await api<{ eventCount: number }>(`/api/enterprises/${uscc}`);
      if (eventCount > most) [most, busy] = [eventCount, uscc];
    }
    const account = await api<{ initialPassword: string }>('/api/accounts', { method: 'POST', body: JSON.stringify({ username: 'company', enterpriseId: busy }) });
    const first = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: account.initialPassword }) })).token;
    await api('/api/accounts/me/password', { method: 'POST', body: JSON.stringify({ currentPassword: account.initialPassword, newPassword: COMPANY_PASSWORD }) }, first);
    companyToken = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: COMPANY_PASSWORD }) })).token;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('filters the event log by category, sums up readings and pages through older events (API)', async () => {
    const base = `/api/enterprises/${busy}/events`;
    const all = await api<EventsPage>(`${base}?limit=200`);
    const summed = await api<EventsPage>(`${base}?limit=200&readings=summary`);
    const readings = all.items.filter((e) => e.type === 'monitoring.reading').length;
    expect(summed.items.some((e) => e.type === 'monitoring.reading')).toBe(false);
    expect(summed.readings!.count).toBeGreaterThanOrEqual(readings);
    expect(all.readings).toBeNull();
    const enforcement = await api<EventsPage>(`${base}?limit=200&category=enforcement`);
    expect(enforcement.items.every((e) => e.type.startsWith('enforcement.') && e.type !== 'enforcement.complaint_verified')).toBe(true);
    const permit = await api<EventsPage>(`${base}?limit=200&category=permit`);
    expect(permit.items.every((e) => e.type.startsWith('permit.'))).toBe(true);
    const res = await fetch(`${app.url}${base}?category=weather`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
  });

  it.each([
    ['zh-CN', 390],
    ['en', 390],
    ['zh-CN', 1440],
    ['en', 1440],
  ] as const)('explorer and enterprise page (%s, %i px)', async (language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const page = await open(token, width, language, '/enterprises');
    await page.waitForSelector('[data-testid="explorer-row"]');
    await page.waitForTimeout(300);
    if (width === 390) {
      await expectCards(page, '[data-testid="explorer-table"]');
      await noOverflow(page);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `explorer-${tag}.png`), fullPage: width === 390 });

    await page.goto(`${app.url}/enterprises/${busy}`);
    await page.waitForSelector('[data-testid="event-log"] tbody tr');
    // Hourly readings are one line, not hundreds of rows.
    const summary = page.locator('[data-testid="event-log-readings"]');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(language === 'en' ? /[\d,]+ monitoring readings, \d+ above the limit/ : /[\d,]+ 条监测数据，\d+ 条超标/);
    expect(await page.locator('[data-testid="event-log"] tr[data-type="monitoring.reading"]').count()).toBe(0);
    if (width === 390) {
      await expectCards(page, '[data-testid="event-log"]');
      await noOverflow(page);
    } else {
      // The event log has the page's full width, not a third of it.
      const ratio = await page.evaluate(
        () => document.querySelector('.enterprise__events')!.getBoundingClientRect().width / document.querySelector('.enterprise-grid')!.getBoundingClientRect().width,
      );
      expect(ratio).toBeGreaterThan(0.95);
    }
    await page.waitForFunction(() => document.querySelectorAll('.enterprise__timeline .chart__overlay').length === 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ARTIFACTS, `enterprise-${tag}.png`), fullPage: true });

    // Category filter: only enforcement records remain.
    await page.click('[data-testid="event-log-filter"] button[data-category="enforcement"]');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="event-log"] tbody tr')];
      return rows.length === 0 || rows.every((tr) => tr.getAttribute('data-type')?.startsWith('enforcement.'));
    });
    const types = await page.locator('[data-testid="event-log"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types.every((type) => type !== 'enforcement.complaint_verified' && type!.startsWith('enforcement.'))).toBe(true);

    // Readings listed one by one page through older events.
    await page.click('[data-testid="event-log-filter"] button[data-category="monitoring"]');
    await summary.waitFor();
    await summary.locator('button').click();
    await page.waitForSelector('[data-testid="event-log"] tr[data-type="monitoring.reading"]');
    const more = page.locator('[data-testid="event-log-more"]');
    if (await more.count()) {
      const before = await page.locator('[data-testid="event-log"] tbody tr').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="event-log"] tbody tr').length > n, before);
    }
    if (width === 390) await noOverflow(page);
  });

  it.each([
    ['zh-CN', 390],
    ['en', 390],
    ['zh-CN', 1440],
  ] as const)('portal (%s, %i px)', async (language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const page = await open(companyToken, width, language, '/portal');
    await page.waitForSelector('[data-testid="portal-current"]');
    await page.waitForSelector('.portal-list li');
    await page.waitForTimeout(400);
    if (width === 390) {
      await noOverflow(page);
      const item = await page.locator('.portal-list li').first().evaluate((li) => ({ border: getComputedStyle(li).borderTopWidth, right: li.getBoundingClientRect().right }));
      expect(item.border).toBe('1px');
      expect(item.right).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `portal-${tag}.png`), fullPage: true });
  });
});
