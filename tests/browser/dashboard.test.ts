import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';

/**
 * The inspector dashboard in Debian's Chromium against the real backend on a real PostgreSQL, after the sample
 * stream was scored with the clock fixed at its "now": log in, populated KPIs and charts, a new event shows up
 * in the live feed and moves the KPIs without a reload, an enterprise explains its rating, the language switches.
 * Screenshots go to tests/artifacts/dashboard/ (gitignored) for a human look.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'dashboard');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  ratings: Record<string, { day: string; stars: number; score: number; veto: boolean }[]>;
};
const TODAY = '2026-03-15';
const ADMIN_PASSWORD = 'browser-Admin-pw-1';

/** The app serves frontend/dist: build it when missing or older than the sources (vite build takes a few seconds). */
describe('inspector dashboard in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let token = '';

  async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(`${app.url}${url}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }

  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] .kpi__value`);

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, expected.now);
    token = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).token;

    // launch() gives the browser a new temporary profile of its own and deletes it on close.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    // The rating timezone, as on the inspectors' machines: times on screen read like the fixed server clock.
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('logs in and shows the overview with populated KPIs, charts, feed and warnings', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login$/);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="kpi-tiles"]');

    const overview = await api<{ rated: number; byFace: Record<string, number>; vetoesInForce: number }>('/api/stats/overview');
    const ratedToday = Object.values(expected.ratings).filter((days) => days.some((d) => d.day === TODAY)).length;
    expect(overview.rated).toBe(ratedToday);
    await expect(kpi('rated').textContent()).resolves.toBe(String(ratedToday));
    await expect(kpi('vetoes').textContent()).resolves.toBe(String(overview.vetoesInForce));
    const smile = await page.locator('[data-kpi="faces"] [data-face="smile"] .kpi__face-value').textContent();
    expect(smile).toBe(String(overview.byFace.smile));

    // Every chart drew on its canvas (ECharts creates the canvas at init, and paints it when given data).
    await page.waitForFunction(() => document.querySelectorAll('.overview-grid canvas').length >= 4);
    expect(await page.locator('.chart__overlay').count()).toBe(0);
    await page.waitForSelector('[data-testid="live-feed"] li');
    await page.waitForSelector('[data-testid="early-warnings"] li');
    await page.waitForSelector('[data-live-status="live"]');
    await shot('01-overview-1920');
  });

  it('shows a new event in the live feed and in the KPIs without a reload', async () => {
    // A 5-star enterprise (today and yesterday) gets a serious penalty: 50 points in E cost ~21.9, so it drops stars.
    const target = Object.entries(expected.ratings).find(([, days]) => {
      const today = days.find((d) => d.day === TODAY);
      const yesterday = days.find((d) => d.day === '2026-03-14');
      return today?.stars === 5 && yesterday?.stars === 5 && !today.veto;
    })?.[0];
    expect(target).toBeDefined();
    const before = Number(await kpi('downgrades').textContent().then((s) => s!.replace(/\D/g, '')));
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const result = await api<{ accepted: boolean }>('/api/ingest/enforcement', {
      method: 'POST',
      body: JSON.stringify({
        eventId: 'browser-pen-1',
        type: 'enforcement.penalty',
        enterpriseId: target,
        occurredAt: '2026-03-15T10:30:00+08:00',
        source: 'browser-test',
        data: { caseNo: 'BT-2026-001', severity: 'serious', amountYuan: 500000, violation: '超标排放', publicText: '责令改正并处罚款' },
      }),
    });
    expect(result.accepted).toBe(true);

    const line = page.locator(`[data-testid="live-feed"] li[data-enterprise="${target}"]`).first();
    await line.waitFor({ timeout: 15_000 });
    // Causes are counted in words; the raw ids only in the tooltip (#14).
    await expect(line.locator('.feed__cause').getAttribute('title')).resolves.toContain('browser-pen-1');
    await expect(line.locator('.feed__cause').textContent()).resolves.not.toContain('browser-pen-1');
    // The KPI follows after the debounced re-fetch.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-kpi="downgrades"] .kpi__value')?.textContent?.replace(/\D/g, '')) === n,
      before + 1,
      { timeout: 15_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shot('02-overview-after-event');

    // #14: the feed shows today's changes per enterprise by default; the switch shows every revision.
    const grouped = await page.locator('[data-testid="live-feed"] li').count();
    await page.check('[data-testid="feed-all"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="live-feed"] li').length >= n, grouped);
    await page.uncheck('[data-testid="feed-all"]');
    // The star trend as the share at 4★ and below.
    await page.click('[data-testid="trend-share"]');
    await page.waitForTimeout(600);
    await shot('02b-overview-trend-share');
    await page.click('[data-testid="trend-count"]');

    // Opening the enterprise explains the drop: the penalty is among the effects, with its end day.
    await line.locator('a.feed__name').click();
    await page.waitForSelector('[data-testid="score-composition"]');
    await page.waitForSelector('[data-testid="regain-plan"]');
    const plan = await page.locator('[data-testid="regain-plan"]').textContent();
    // A sentence, not ids: the penalty with its case number and severity; the event id only as a tooltip (#14).
    expect(plan).toContain('行政处罚（BT-2026-001，严重');
    expect(plan).not.toContain('browser-pen-1');
    expect(await page.locator('[data-testid="regain-plan"] li[title="browser-pen-1"]').count()).toBe(1);
    await page.waitForSelector('[data-testid="revisions"] li');
    await page.waitForSelector('[data-testid="event-log"] tbody tr');
    expect(await page.locator('[data-testid="event-log"]').textContent()).toContain('行政处罚（BT-2026-001');
    expect(await page.locator('[data-testid="event-log"] tr[title*="browser-pen-1"]').count()).toBe(1);
    // The score timeline has the enterprise's days (the window ends on the server's today, not the browser's).
    await page.waitForSelector('.enterprise__timeline canvas');
    await page.waitForFunction(() => document.querySelectorAll('.enterprise__timeline .chart__overlay').length === 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ARTIFACTS, '03-enterprise.png'), fullPage: true });
  });

  it('finds enterprises in the explorer and switches the language', async () => {
    await page.click('nav a[href="/enterprises"]');
    await page.waitForSelector('[data-testid="explorer-table"] tbody tr');
    const rows = await page.locator('[data-testid="explorer-table"] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await page.fill('[data-testid="explorer-search"]', 'zzz-no-such-enterprise');
    await page.waitForSelector('text=没有符合条件的企业');
    await page.fill('[data-testid="explorer-search"]', '');
    await page.waitForSelector('[data-testid="explorer-table"] tbody tr');

    await page.click('.app-header .language-switch button:has-text("English")');
    await page.waitForSelector('nav >> text=Overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.click('nav a[href="/"]');
    await page.waitForSelector('[data-testid="kpi-tiles"]');
    await expect(page.locator('[data-kpi="rated"] .kpi__label').textContent()).resolves.toBe('Rated enterprises');
    await page.waitForTimeout(600);
    await shot('04-overview-en');

    // A laptop and a phone get the same page, rearranged.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(600);
    await shot('05-overview-laptop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, '06-overview-phone.png'), fullPage: true });
  });
});
