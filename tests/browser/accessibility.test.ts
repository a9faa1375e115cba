import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';

/**
 * Issue #14 section 7 in Chromium: every page — the inspector's, the enterprise portal, the citizen's public pages,
 * the print pages, login and not-found — at 1440 px and 390 px has no axe-core violation of impact serious or
 * critical, and names itself in the browser tab with a title of its own. Phone screenshots go to
 * tests/artifacts/accessibility/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'accessibility');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const AXE = require.resolve('axe-core/axe.min.js');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  ratings: Record<string, { day: string; stars: number; score: number; veto: boolean }[]>;
};
const TODAY = '2026-03-15';
const ADMIN_PASSWORD = 'browser-Admin-pw-1';
const COMPANY_PASSWORD = 'company-New-pw-1';
const WIDTHS = [1440, 390] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe('accessibility (#14 section 7), in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let token = '';
  let companyToken = '';
  let target = '';
  let publicToken = '';
  let planId = '';
  let noticeId = '';

  async function api<T>(url: string, init: RequestInit = {}, bearer = token): Promise<T> {
    const res = await fetch(`${app.url}${url}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, expected.now);
    token = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).token;

    target = Object.entries(expected.ratings).find(([, days]) => days.find((d) => d.day === TODAY)?.stars === 5)![0];
    await api('/api/ingest/enforcement', {
      method: 'POST',
      body: JSON.stringify({
        eventId: 'a11y.penalty.1',
        type: 'enforcement.penalty',
        enterpriseId: target,
        occurredAt: '2026-03-15T09:30:00+08:00',
        source: 'browser-test',
        data: { caseNo: '常环罚〔2026〕1616号', severity: 'serious', amountYuan: 200000, violation: '超标排放', publicText: '责令改正并处罚款' },
      }),
    });
    const account = await api<{ initialPassword: string }>('/api/accounts', { method: 'POST', body: JSON.stringify({ username: 'company', enterpriseId: target }) });
    const first = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: account.initialPassword }) })).token;
    await api('/api/accounts/me/password', { method: 'POST', body: JSON.stringify({ currentPassword: account.initialPassword, newPassword: COMPANY_PASSWORD }) }, first);
    companyToken = (await api<{ token: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'company', password: COMPANY_PASSWORD }) })).token;

    // Inspectors to draw for a plan (accounts that never sign in: the hash is not a password's).
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    for (const name of ['zhang.wei', 'li.na']) await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ($1, 'x', 'inspector')`, [name]);
    await sql.end();
    publicToken = (await api<{ publicUrl: string }>(`/api/enterprises/${target}/sign`)).publicUrl.split('/').pop()!;
    const plan = await api<{ id: number | string }>('/api/inspection-plans', {
      method: 'POST',
      body: JSON.stringify({ name: '2026年3月 双随机抽查', regionPrefixes: [], industryPrefixes: [], size: 4, inspectors: ['zhang.wei', 'li.na'], includeExempt: false }),
    });
    planId = String(plan.id);
    const { CreditNoticeService } = await import('../../backend/src/workflows/credit-notices/credit-notice.service');
    await app.app.get(CreditNoticeService).sync();
    const notices = await api<{ items: { id: number | string }[] }>('/api/notices?limit=10');
    noticeId = notices.items.length > 0 ? String(notices.items[0]!.id) : '';

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

  /** Waits until the page shows no loading state, then runs axe-core in it. */
  async function audit(page: Page): Promise<AxeViolation[]> {
    await page.waitForSelector('#root *');
    await page.waitForFunction(() => document.querySelectorAll('.state-view--loading').length === 0, undefined, { timeout: 20_000 });
    await page.waitForTimeout(400);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }

  type Who = 'inspector' | 'company' | 'citizen';
  const pages = (): [string, Who, string][] => [
    ['login', 'citizen', '/login'],
    ['overview', 'inspector', '/'],
    ['explorer', 'inspector', '/enterprises'],
    ['map', 'inspector', '/map'],
    ['enterprise', 'inspector', `/enterprises/${target}`],
    ['complaints', 'inspector', '/complaints'],
    ['appeals', 'inspector', '/appeals'],
    ['dead-letters', 'inspector', '/dead-letters'],
    ['list-red', 'inspector', '/lists/red'],
    ['list-priority', 'inspector', '/lists/priority'],
    ['plans', 'inspector', '/inspection-plans'],
    ['plan-new', 'inspector', '/inspection-plans/new'],
    ['plan', 'inspector', `/inspection-plans/${planId}`],
    ['notices', 'inspector', '/notices'],
    ['registry-import', 'inspector', '/registry/import'],
    ['hand-registrations', 'inspector', '/registry/hand-registrations'],
    ['print-sign', 'inspector', `/print/sign/${target}`],
    ...(noticeId ? ([['print-notice', 'inspector', `/print/notice/${noticeId}`]] as [string, Who, string][]) : []),
    ['not-found', 'inspector', '/no-such-page'],
    ['portal', 'company', '/portal'],
    ['public-q', 'citizen', `/q/${publicToken}`],
    ['public-red', 'citizen', '/public/lists/red'],
    ['public-black', 'citizen', '/public/lists/black'],
    ['public-plan', 'citizen', `/public/inspection-plans/${planId}`],
  ];

  it.each(WIDTHS)('every page has no serious or critical axe violation and a title of its own (%i px)', async (width) => {
    const found: Record<string, AxeViolation[]> = {};
    const titles: Record<string, string> = {};
    for (const [name, who, url] of pages()) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
      const bearer = who === 'inspector' ? token : who === 'company' ? companyToken : '';
      await context.addInitScript(
        ([tok]) => {
          localStorage.setItem('envface.language', 'zh-CN');
          if (tok) sessionStorage.setItem('envface.token', tok);
        },
        [bearer] as const,
      );
      const page = await context.newPage();
      await page.goto(`${app.url}${url}`);
      const violations = await audit(page);
      if (violations.length > 0) found[name] = violations;
      titles[name] = await page.title();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      if (width === 390) await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
      await context.close();
    }
    expect(found).toEqual({});
    // Each title names its page in front of the app's name, and no two pages share one.
    for (const [name, title] of Object.entries(titles)) expect(`${name}: ${title}`).toMatch(/^[^:]+: .+ · 环保脸谱/);
    const counts = new Map<string, string[]>();
    for (const [name, title] of Object.entries(titles)) counts.set(title, [...(counts.get(title) ?? []), name]);
    expect([...counts.entries()].filter(([, names]) => names.length > 1)).toEqual([]);
    // One browser context per page, ~27 pages: longer than the default on a loaded 2-core machine.
  }, 300_000);

  it('switches <html lang> and the page title to English', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: 'en', bypassCSP: true });
    await context.addInitScript(
      ([tok]) => {
        localStorage.setItem('envface.language', 'en');
        sessionStorage.setItem('envface.token', tok);
      },
      [token] as const,
    );
    const page = await context.newPage();
    await page.goto(`${app.url}/enterprises`);
    expect(await audit(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toMatch(/^Enterprises · EnvFace/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-en-390.png'), fullPage: true });
    await context.close();
  });
});
