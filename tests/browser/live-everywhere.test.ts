import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';
import { apiJson, openSignedIn } from '../support/browser-pages';

/**
 * Issue #14 §2 in Chromium: every screen that shows a rating follows the live channel. With the inspector's
 * enterprise page, the explorer and the enterprise's own portal open, a penalty ingested through the API shows
 * its new stars on all three within seconds, without a reload, and each page's "updated hh:mm:ss" moves.
 * Screenshots go to tests/artifacts/live/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'live');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  ratings: Record<string, { day: string; stars: number; score: number; veto: boolean }[]>;
};
const TODAY = '2026-03-15';
const ADMIN_PASSWORD = 'browser-Admin-pw-1';
const COMPANY_PASSWORD = 'company-New-pw-1';

describe('live everywhere (#14 §2), in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let token = '';
  let companyToken = '';
  let target = '';
  const contexts: BrowserContext[] = [];

  const api = <T,>(url: string, init: RequestInit = {}, bearer = token): Promise<T> => apiJson<T>(app.url, url, bearer, init);

  async function open(bearer: string, width: number, language: 'zh-CN' | 'en', start: string): Promise<Page> {
    const page = await openSignedIn(browser, contexts, { url: `${app.url}${start}`, bearer, width, language });
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    return page;
  }

  const updatedAt = (page: Page) => page.locator('[data-testid="updated-at"]').first().getAttribute('data-updated-at').then(Number);
  const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, expected.now);
    token = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).token;
    // A 5★ enterprise (today and yesterday, no veto): a serious penalty costs ~21.9 points, i.e. stars.
    target = Object.entries(expected.ratings).find(([, days]) => {
      const today = days.find((d) => d.day === TODAY);
      return today?.stars === 5 && days.find((d) => d.day === '2026-03-14')?.stars === 5 && !today.veto;
    })![0];
    const account = await api<{ initialPassword: string }>('/api/accounts', { method: 'POST', body: JSON.stringify({ username: 'company', enterpriseId: target }) });
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

  it('an ingested penalty reaches the enterprise page, the explorer and the portal without a reload', async () => {
    const enterprise = await open(token, 1440, 'zh-CN', `/enterprises/${target}`);
    const explorer = await open(token, 390, 'en', `/enterprises?q=${target}`);
    const portal = await open(companyToken, 1440, 'zh-CN', '/portal');

    const summaryStars = enterprise.locator('.enterprise__summary [data-stars]').first();
    const rowStars = explorer.locator('[data-testid="explorer-row"] [data-stars], [data-testid="explorer-table"] tbody tr [data-stars]').first();
    const portalStars = portal.locator('[data-testid="portal-current"] [data-stars]').first();
    for (const [page, stars] of [[enterprise, summaryStars], [explorer, rowStars], [portal, portalStars]] as const) {
      await stars.waitFor();
      await expect(stars.getAttribute('data-stars')).resolves.toBe('5');
      await page.locator('[data-testid="updated-at"]').first().waitFor();
      await page.waitForSelector('[data-live-status="live"], [data-testid="updated-at"]');
    }
    // Each page's "updated" stamp reads like a clock (hh:mm:ss) in its language.
    await expect(enterprise.locator('[data-testid="updated-at"]').first().innerText()).resolves.toMatch(/^已更新 \d\d:\d\d:\d\d/);
    await expect(explorer.locator('[data-testid="updated-at"]').first().innerText()).resolves.toMatch(/^Updated \d\d:\d\d:\d\d/);
    await enterprise.screenshot({ path: path.join(ARTIFACTS, 'enterprise-before-zh-1440.png'), fullPage: true });
    const before = { enterprise: await updatedAt(enterprise), explorer: await updatedAt(explorer), portal: await updatedAt(portal) };
    // The stamps have a one-second resolution on screen: let the clock move before the change.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const ingestedAt = Date.now();
    await api('/api/ingest/enforcement', {
      method: 'POST',
      body: JSON.stringify({
        eventId: 'live-everywhere-pen-1',
        type: 'enforcement.penalty',
        enterpriseId: target,
        occurredAt: '2026-03-15T10:30:00+08:00',
        source: 'browser-test',
        data: { caseNo: 'LIVE-2026-001', severity: 'serious', amountYuan: 500000, violation: '超标排放', publicText: '责令改正并处罚款' },
      }),
    });
    const now = await api<{ current: { stars: number } }>(`/api/enterprises/${target}`);
    expect(now.current.stars).toBeLessThan(5);

    const newStars = String(now.current.stars);
    for (const [page, stars] of [[enterprise, summaryStars], [explorer, rowStars], [portal, portalStars]] as const) {
      await page.waitForFunction(
        ([selector, value]) => [...document.querySelectorAll(selector)].some((el) => el.getAttribute('data-stars') === value),
        [
          page === enterprise
            ? '.enterprise__summary [data-stars]'
            : page === explorer
              ? '[data-testid="explorer-row"] [data-stars], [data-testid="explorer-table"] tbody tr [data-stars]'
              : '[data-testid="portal-current"] [data-stars]',
          newStars,
        ] as const,
        { timeout: 8_000 },
      );
      await expect(stars.getAttribute('data-stars')).resolves.toBe(newStars);
      expect(await sameDocument(page)).toBe(true);
    }
    // "Within a few seconds" of the ingest answer, on all three pages.
    expect(Date.now() - ingestedAt).toBeLessThan(8_000);
    // The new penalty is in the enterprise page's event log and effects too (the whole page followed, not only the badge).
    await enterprise.waitForSelector('[data-testid="regain-plan"] li[title="live-everywhere-pen-1"]', { timeout: 8_000 });

    const after = { enterprise: await updatedAt(enterprise), explorer: await updatedAt(explorer), portal: await updatedAt(portal) };
    expect(after.enterprise).toBeGreaterThan(before.enterprise);
    expect(after.explorer).toBeGreaterThan(before.explorer);
    expect(after.portal).toBeGreaterThan(before.portal);
    expect(after.enterprise).toBeGreaterThanOrEqual(ingestedAt);

    await enterprise.waitForTimeout(400);
    await enterprise.screenshot({ path: path.join(ARTIFACTS, 'enterprise-after-zh-1440.png'), fullPage: true });
    await explorer.screenshot({ path: path.join(ARTIFACTS, 'explorer-after-en-390.png'), fullPage: true });
    await portal.screenshot({ path: path.join(ARTIFACTS, 'portal-after-zh-1440.png'), fullPage: true });
  });

  it('the citizen page also says when its view arrived', async () => {
    const publicToken = (await api<{ publicUrl: string }>(`/api/enterprises/${target}/sign`)).publicUrl.split('/').pop()!;
    const page = await open('', 390, 'zh-CN', `/q/${publicToken}`);
    const stamp = page.locator('[data-testid="updated-at"]');
    await stamp.waitFor();
    await expect(stamp.innerText()).resolves.toMatch(/^已更新 \d\d:\d\d:\d\d$/);
  });

  it('shows "updated hh:mm:ss" on the overview, queues and list pages', async () => {
    const page = await open(token, 1440, 'zh-CN', '/');
    for (const route of ['/', '/complaints', '/appeals', '/notices', '/lists/red', '/enterprises']) {
      await page.goto(`${app.url}${route}`);
      const stamp = page.locator('[data-testid="updated-at"]').first();
      await stamp.waitFor();
      await expect(stamp.innerText()).resolves.toMatch(/^已更新 \d\d:\d\d:\d\d/);
    }
    await page.goto(`${app.url}/`);
    await page.waitForSelector('[data-testid="kpi-tiles"]');
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-zh-1440.png') });
  });
});
