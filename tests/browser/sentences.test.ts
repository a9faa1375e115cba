import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';

/**
 * Issue #14 in Chromium: the inspector's enterprise page and the enterprise's own portal say why stars were lost in
 * sentences — no raw event id, no snake_case type, no bare indicator code on screen — and both pages give the same
 * effect the same end date. A vetoed enterprise shows the veto as its rating. Screenshots at 1440 px and 390 px in
 * Chinese and English go to tests/artifacts/sentences/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'sentences');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  ratings: Record<string, { day: string; stars: number; score: number; veto: boolean }[]>;
};
const TODAY = '2026-03-15';
const ADMIN_PASSWORD = 'browser-Admin-pw-1';
const COMPANY_PASSWORD = 'company-New-pw-1';
/** Machine words that must not reach the screen: snake_case types/reasons, dotted event types, bare indicator codes. */
const MACHINE_WORDS = /\b[a-z]+_[a-z_]+\b|\b(enforcement|monitoring|permit)\.[a-z_]+|(^|[^A-Za-z0-9])[EMPSB]\d(?![0-9A-Za-z])/m;

describe('sentences, not machine ids (#14), in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let token = '';
  let target = '';
  let vetoed = '';
  let eventIds: string[] = [];
  let companyToken = '';

  async function api<T>(url: string, init: RequestInit = {}, bearer = token): Promise<T> {
    const res = await fetch(`${app.url}${url}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A browser session of its own, signed in with a token from one API login (the login form is rate-limited). */
  async function session(bearer: string, width: number, language: 'zh-CN' | 'en', start: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language, timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(
      ([lng, tok]) => {
        localStorage.setItem('envface.language', lng);
        sessionStorage.setItem('envface.token', tok);
      },
      [language, bearer] as const,
    );
    const page = await context.newPage();
    await page.goto(`${app.url}${start}`);
    return { context, page };
  }

  /** The visible text of the page's main content (tooltips and attributes excluded). */
  const visibleText = (page: Page) => page.evaluate(() => (document.querySelector('main') ?? document.body).innerText);

  function expectNoMachineWords(text: string): void {
    for (const id of eventIds) expect(text).not.toContain(id);
    expect(text).not.toMatch(MACHINE_WORDS);
  }

  async function noOverflow(page: Page): Promise<void> {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll, .chart-scroll'))
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, expected.now);
    token = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).token;

    // A 5-star enterprise gets a serious penalty (an E2 effect with a case number) and an enterprise account.
    target = Object.entries(expected.ratings).find(([, days]) => days.find((d) => d.day === TODAY)?.stars === 5)![0];
    vetoed = Object.entries(expected.ratings).find(([, days]) => days.find((d) => d.day === TODAY)?.veto)![0];
    await api('/api/ingest/enforcement', {
      method: 'POST',
      body: JSON.stringify({
        eventId: 'sim.8669f40b.e8.insp.20260315.penalty',
        type: 'enforcement.penalty',
        enterpriseId: target,
        occurredAt: '2026-03-15T09:30:00+08:00',
        source: 'browser-test',
        data: { caseNo: '常环罚〔2026〕1515号', severity: 'serious', amountYuan: 200000, violation: '超标排放', publicText: '责令改正并处罚款' },
      }),
    });
    const account = await api<{ initialPassword: string }>('/api/accounts', { method: 'POST', body: JSON.stringify({ username: 'company', enterpriseId: target }) });
    const first = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: account.initialPassword }) })).token;
    await api('/api/accounts/me/password', { method: 'POST', body: JSON.stringify({ currentPassword: account.initialPassword, newPassword: COMPANY_PASSWORD }) }, first);
    companyToken = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: COMPANY_PASSWORD }) })).token;
    const events = await api<{ items: { eventId: string }[] }>(`/api/enterprises/${target}/events?limit=200`);
    const vetoEvents = await api<{ items: { eventId: string }[] }>(`/api/enterprises/${vetoed}/events?limit=200`);
    eventIds = [...events.items, ...vetoEvents.items].map((e) => e.eventId);
    expect(eventIds).toContain('sim.8669f40b.e8.insp.20260315.penalty');

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  /** The penalty's item on a page: its sentence and its end. */
  async function penaltyItem(page: Page, list: string): Promise<{ text: string; end: string }> {
    const item = page.locator(`[data-testid="${list}"] [data-testid="effect-sentence"]`, { hasText: '常环罚〔2026〕1515号' });
    await item.waitFor();
    return { text: (await item.innerText()).replace(/\s+/g, ' '), end: (await item.locator('[data-testid="effect-end"]').innerText()).trim() };
  }

  const shots: Record<string, { inspector: { text: string; end: string }; portal: { text: string; end: string } }> = {};

  it.each([
    ['zh-CN', 1440],
    ['en', 390],
    ['zh-CN', 390],
    ['en', 1440],
  ] as const)('enterprise page and portal say the same sentences with the same end date (%s, %i px)', async (language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const inspector = await session(token, width, language, `/enterprises/${target}`);
    await inspector.page.waitForSelector('[data-testid="event-log"] tbody tr');
    await inspector.page.waitForSelector('[data-testid="revisions"] li');
    const onInspector = await penaltyItem(inspector.page, 'regain-plan');
    await inspector.page.waitForFunction(() => document.querySelectorAll('.enterprise__timeline .chart__overlay').length === 0);
    await inspector.page.waitForTimeout(400);
    await inspector.page.screenshot({ path: path.join(ARTIFACTS, `enterprise-${tag}.png`), fullPage: true });
    expectNoMachineWords(await visibleText(inspector.page));
    await noOverflow(inspector.page);

    // The vetoed enterprise: the veto is the rating, the computed score secondary.
    await inspector.page.goto(`${app.url}/enterprises/${vetoed}`);
    const badge = inspector.page.locator('.enterprise__summary .rating-badge');
    await badge.locator('.rating-badge__veto-main').waitFor();
    expect(await badge.locator('.rating-badge__score').count()).toBe(0);
    await expect(badge.locator('.rating-badge__arith').innerText()).resolves.toMatch(/\d+\.\d/);
    await inspector.page.waitForSelector('[data-testid="regain-plan"]');
    expectNoMachineWords(await visibleText(inspector.page));
    await inspector.page.screenshot({ path: path.join(ARTIFACTS, `enterprise-veto-${tag}.png`), fullPage: true });
    await inspector.context.close();

    const company = await session(companyToken, width, language, '/');
    await company.page.waitForURL(/\/portal/);
    await company.page.waitForSelector('[data-testid="portal-effects"]');
    const onPortal = await penaltyItem(company.page, 'portal-effects');
    await company.page.waitForSelector('.portal-list li');
    await company.page.screenshot({ path: path.join(ARTIFACTS, `portal-${tag}.png`), fullPage: true });
    expectNoMachineWords(await visibleText(company.page));
    await noOverflow(company.page);
    await company.context.close();

    // One sentence, one scale, one end date on both pages (#14): the last day counted, in the page's language.
    expect(onPortal).toEqual(onInspector);
    shots[tag] = { inspector: onInspector, portal: onPortal };
    if (language === 'zh-CN') {
      expect(onInspector.text).toContain('2026-03-15 行政处罚（常环罚〔2026〕1515号，严重');
      expect(onInspector.text).toMatch(/总分 −\d+\.\d\d/);
      expect(onInspector.end).toBe('计至 2027-03-14');
    } else {
      expect(onInspector.text).toContain('Administrative penalty (常环罚〔2026〕1515号, serious');
      expect(onInspector.end).toBe('counts through 2027-03-14');
    }
  });

  it('names codes and appeals in words: explorer, appeal queue, region print title; vetoed 1★ never tops the explorer', async () => {
    // The enterprise appeals its penalty (through the API), so the inspectors' queue has one.
    await api('/api/appeals', { method: 'POST', body: JSON.stringify({ eventId: 'sim.8669f40b.e8.insp.20260315.penalty', reasons: '已整改，处罚依据有误' }) }, companyToken);

    for (const [language, width] of [['zh-CN', 1440], ['en', 390]] as const) {
      const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
      const { context, page } = await session(token, width, language, '/enterprises');
      await page.waitForSelector('[data-testid="explorer-table"] tbody tr');
      await page.screenshot({ path: path.join(ARTIFACTS, `explorer-${tag}.png`), fullPage: true });
      // Default order: stars first, then score — the first row is a 5-star enterprise, not a vetoed 1-star one.
      const first = await page.locator('[data-testid="explorer-table"] tbody tr').first().innerText();
      expect(first).not.toMatch(/一票否决|One-vote veto/);
      if (width > 1000) expect(await page.locator('[data-testid="explorer-table"]').innerText()).toMatch(language === 'en' ? /District, Nanjing/ : /南京市/);

      await page.goto(`${app.url}/appeals`);
      const appeal = page.locator('[data-testid="appeal-item"]').first();
      await appeal.waitFor();
      const text = await appeal.innerText();
      // The queue knows the event's type and day (not its data): a short sentence; the id only as its tooltip.
      expect(text).toContain(language === 'en' ? '2026-03-15 Administrative penalty' : '2026-03-15 行政处罚');
      expect(text).not.toContain('sim.8669f40b');
      await expect(appeal.locator('[data-testid="appeal-event"]').getAttribute('title')).resolves.toBe('sim.8669f40b.e8.insp.20260315.penalty');
      await page.screenshot({ path: path.join(ARTIFACTS, `appeals-${tag}.png`), fullPage: true });

      await page.goto(`${app.url}/print/region/320111`);
      await expect(page.locator('.sign-toolbar strong').innerText()).resolves.toBe(language === 'en' ? 'Batch print: Pukou District, Nanjing' : '批量打印：南京市浦口区');
      await context.close();
    }
  });
});
