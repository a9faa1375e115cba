import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt, FRONTEND_DIST } from '../support/frontend-build';

/**
 * Issue #14 §7 in Chromium, on an app started the way an operator first starts it (no ENVFACE_ADMIN_PASSWORD):
 * - the admin logs in with the generated password and must choose a new one in the UI before anything else;
 * - the session is shared between the tabs of one browser (BroadcastChannel): a pasted link and a Ctrl-click
 *   land signed in, while the token stays out of cookies and localStorage;
 * - logging out in one tab logs out every tab.
 * Screenshots go to tests/artifacts/session/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'session');
const NEW_PASSWORD = 'Harbor-Quilt-Tanager-73';

describe('first admin login and the session across tabs (#14 §7), in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let generated = '';

  const login = (password: string) =>
    fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    const printed: string[] = [];
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: (line) => printed.push(line), clock: fixedClock('2026-03-15T12:00:00+08:00'), webDistDir: FRONTEND_DIST },
    );
    generated = /password "([^"]+)"/.exec(printed.join('\n'))?.[1] ?? '';
    expect(generated).not.toBe('');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  let first: Page;

  it('makes the admin created at first start replace the generated password in the UI', async () => {
    first = await context.newPage();
    await first.goto(`${app.url}/`);
    await first.waitForURL(/\/login$/);
    await first.fill('input[name="username"]', 'admin');
    await first.fill('input[name="password"]', generated);
    await first.click('button[type="submit"]');

    // The gate: the password form and nothing of the dashboard.
    await first.waitForSelector('input[autocomplete="new-password"]');
    await expect(first.locator('main').innerText()).resolves.toContain('首次登录须修改初始密码');
    expect(await first.locator('[data-testid="kpi-tiles"]').count()).toBe(0);
    await first.screenshot({ path: path.join(ARTIFACTS, 'first-login-zh-1440.png') });
    await first.setViewportSize({ width: 390, height: 844 });
    await first.click('.language-switch button:has-text("English")');
    await first.waitForSelector('text=Please replace the initial password');
    await first.screenshot({ path: path.join(ARTIFACTS, 'first-login-en-390.png') });
    await first.click('.language-switch button:has-text("中文")');
    await first.setViewportSize({ width: 1440, height: 900 });

    // A wrong current password is refused on the form.
    await first.fill('input[autocomplete="current-password"]', 'not-the-password');
    await first.fill('input[autocomplete="new-password"]', NEW_PASSWORD);
    await first.click('main button[type="submit"]');
    await first.waitForSelector('main [role="alert"]');

    await first.fill('input[autocomplete="current-password"]', generated);
    await first.click('main button[type="submit"]');
    // The overview (empty: nothing was ingested yet) with its data, and the form gone.
    await first.waitForSelector('main [data-testid="updated-at"]', { timeout: 15_000 });
    expect(await first.locator('input[autocomplete="new-password"]').count()).toBe(0);
    await expect(first.locator('main h1').first().innerText()).resolves.toBe('总览');
    expect(first.url()).toBe(`${app.url}/`);
    await first.screenshot({ path: path.join(ARTIFACTS, 'after-password-change-zh-1440.png') });
    // The server agrees: the generated password is gone, the chosen one works.
    expect((await login(generated)).status).toBe(401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);
  });

  it('a pasted link and a Ctrl-click open signed in; the token is never in cookies or localStorage', async () => {
    const pasted = await context.newPage();
    await pasted.goto(`${app.url}/enterprises?q=abc`);
    await pasted.waitForSelector('[data-testid="explorer-search"]');
    expect(new URL(pasted.url()).pathname).toBe('/enterprises');
    const storage = await pasted.evaluate(() => ({
      session: sessionStorage.getItem('envface.token'),
      local: Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join(';'),
      cookie: document.cookie,
    }));
    expect(storage.session).toMatch(/^ey/);
    expect(storage.local).not.toContain(storage.session!);
    expect(storage.local).not.toMatch(/ey[\w-]+\.[\w-]+\./);
    // The only cookie is the language choice (the server renders the public page in it); no token in any cookie.
    expect(storage.cookie.split(';').map((c) => c.trim().split('=')[0]).filter((name) => name !== '')).toEqual(
      storage.cookie === '' ? [] : ['envface.language'],
    );
    expect(storage.cookie).not.toContain(storage.session!);
    const cookies = await context.cookies();
    expect(cookies.every((c) => c.name === 'envface.language' && /^(zh-CN|en)$/.test(c.value))).toBe(true);
    await pasted.screenshot({ path: path.join(ARTIFACTS, 'pasted-link-zh-1440.png') });

    const [opened] = await Promise.all([context.waitForEvent('page'), first.click('nav a[href="/complaints"]', { modifiers: ['Control'] })]);
    await opened.waitForLoadState();
    await opened.waitForSelector('h1');
    expect(new URL(opened.url()).pathname).toBe('/complaints');
    await expect(opened.locator('h1').innerText()).resolves.not.toMatch(/登录|Sign in/);
    // The first tab stayed where it was.
    expect(new URL(first.url()).pathname).toBe('/');
  });

  it('logging out in one tab logs out every tab', async () => {
    const pages = context.pages();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const [, second] = pages;
    await second.click('.user-menu__button');
    await second.click('.user-menu__panel button');
    for (const page of pages) {
      await page.waitForURL(/\/login$/, { timeout: 5_000 });
      expect(await page.evaluate(() => sessionStorage.getItem('envface.token'))).toBeNull();
    }
    await first.screenshot({ path: path.join(ARTIFACTS, 'logged-out-other-tab-zh-1440.png') });
    // A new tab now opens on the login page: no tab has a session to give.
    const late = await context.newPage();
    await late.goto(`${app.url}/enterprises`);
    await late.waitForURL(/\/login$/);
  });
});
