import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * Issue 15 "done when", in Debian's Chromium against the real backend: an admin creates a district
 * inspector (jurisdiction 320106, shown as 南京市栖霞区) on the accounts page and reads the one-time
 * password once; the inspector signs in with it, must choose a new password, and then sees only the
 * enterprise of their district; the admin disables the account and the inspector's open dashboard is
 * sent to the sign-in page within about a second. Also: editing a jurisdiction, the audit log page
 * with a filter, the enterprise account card on the enterprise page. Screenshots at 1440 and 390 px,
 * Chinese and English, in tests/artifacts/accounts/.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = process.env.ENVFACE_SCREENSHOTS ?? path.join(ROOT, 'tests', 'artifacts', 'accounts');
const INSIDE = usccOf('320113', 21);
const OUTSIDE = usccOf('320104', 22);
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('account management and jurisdictions in Chromium', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let admin: Page;
  let inspectorContext: BrowserContext;
  let distDir: string;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${t.app.url}/login`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  async function noSidewaysScroll(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A private build: other browser tests may (re)build frontend/dist at the same time.
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-accounts-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore' });
    t = await startPublicTestApp({ webDistDir: distDir });
    await t.ingest('registry', registration(INSIDE, '南京栖霞精细化工有限公司', 'acc-reg-in', '320113'));
    await t.ingest('registry', registration(OUTSIDE, '南京秦淮印染有限公司', 'acc-reg-out', '320104'));
    await t.ingest('enforcement', penalty(OUTSIDE, 'acc-pen-out', 'QH-2026-001'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    admin = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    admin.on('dialog', (d) => void d.accept());
    inspectorContext = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
    console.info(`account screenshots: ${ARTIFACTS}`);
  });

  let oneTimePassword = '';

  it('lets an admin create a district inspector, shown with its region name and a one-time password', async () => {
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    // The admin pages are in the user menu (the header nav has no room left).
    await admin.locator('button[aria-expanded]').first().click();
    await admin.click('a[href="/admin/accounts"]');
    await admin.getByTestId('accounts-table').waitFor();
    expect(await admin.title()).toBe('账号管理 · 环保脸谱 EnvFace');
    await admin.getByTestId('account-create-username').fill('qixia.li');
    await admin.getByTestId('account-create-prefixes').fill('320113');
    await expect(admin.getByTestId('account-create-prefixes-names').textContent()).resolves.toContain('南京市栖霞区');
    await admin.getByTestId('account-create-submit').click();
    await admin.getByTestId('one-time-password').waitFor();
    oneTimePassword = ((await admin.getByTestId('one-time-password-value').textContent()) ?? '').trim();
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const row = admin.locator('[data-testid="account-row"][data-username="qixia.li"]');
    await row.waitFor();
    await expect(row.getByTestId('account-jurisdiction').textContent()).resolves.toBe('南京市栖霞区');
    await expect(row.textContent()).resolves.toContain('待改初始密码');
    await expect(admin.locator('[data-testid="account-row"][data-username="admin"] [data-testid="account-jurisdiction"]').textContent()).resolves.toBe('—');
    await shot(admin, 'accounts-created-1440-zh');
    // Shown once: closing it leaves no way back to it.
    await admin.getByRole('button', { name: '我已记下' }).click();
    expect(await admin.getByTestId('one-time-password').count()).toBe(0);
    expect(await admin.content()).not.toContain(oneTimePassword);
  });

  let inspector: Page;

  it('makes the inspector choose a password, then shows only the district', async () => {
    inspector = await inspectorContext.newPage();
    await signIn(inspector, 'qixia.li', oneTimePassword);
    const form = inspector.locator('form').filter({ has: inspector.locator('input[autocomplete="new-password"]') });
    await form.waitFor();
    await form.locator('input[autocomplete="current-password"]').fill(oneTimePassword);
    await form.locator('input[autocomplete="new-password"]').fill('Qixia-district-2026!');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await inspector.click('nav a[href="/enterprises"]');
    await inspector.getByText('南京栖霞精细化工有限公司').first().waitFor();
    expect(await inspector.getByText('南京秦淮印染有限公司').count()).toBe(0);
    await shot(inspector, 'district-inspector-explorer-1440-zh');
    // An enterprise elsewhere does not exist for them.
    await inspector.goto(`${t.app.url}/enterprises/${OUTSIDE}`);
    await inspector.waitForTimeout(500);
    expect(await inspector.getByText('南京秦淮印染有限公司').count()).toBe(0);
    // The enterprise page of their district offers the enterprise account.
    await inspector.goto(`${t.app.url}/enterprises/${INSIDE}`);
    const card = inspector.getByTestId('enterprise-account');
    await card.waitFor();
    await card.getByTestId('enterprise-account-username').fill('qixia-chem');
    await card.getByTestId('enterprise-account-create').click();
    await card.getByTestId('one-time-password').waitFor();
    await expect(card.getByTestId('enterprise-account-existing').textContent()).resolves.toContain('qixia-chem');
    await card.scrollIntoViewIfNeeded();
    await shot(inspector, 'enterprise-account-card-1440-zh');
    await inspector.goto(`${t.app.url}/`);
    await inspector.waitForLoadState('networkidle');
  });

  it('signs the inspector out of the open dashboard within about a second of being disabled', async () => {
    await admin.reload();
    const row = admin.locator('[data-testid="account-row"][data-username="qixia.li"]');
    await row.waitFor();
    const disabledAt = Date.now();
    await row.getByTestId('account-disable').click();
    await inspector.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 5000 });
    const elapsed = Date.now() - disabledAt;
    // About 150 ms on a quiet machine (the revocation closes the socket at once; the app then finds its token refused).
    expect(elapsed).toBeLessThan(1000);
    await admin.locator('[data-testid="account-row"][data-username="qixia.li"] [data-testid="account-enable"]').waitFor();
    await expect(admin.locator('[data-testid="account-row"][data-username="qixia.li"]').textContent()).resolves.toContain('已停用');
  });

  it('edits a jurisdiction and resets a password from the list', async () => {
    const row = () => admin.locator('[data-testid="account-row"][data-username="qixia.li"]');
    await row().getByTestId('account-enable').click();
    await row().getByTestId('account-disable').waitFor();
    await row().getByTestId('account-edit').click();
    await row().getByTestId('account-edit-prefixes').fill('320113, 3202');
    await expect(row().getByTestId('account-edit-prefixes-names').textContent()).resolves.toContain('无锡市');
    await row().getByTestId('account-edit-save').click();
    await admin.getByTestId('account-notice').waitFor();
    await row().getByTestId('account-jurisdiction').filter({ hasText: '无锡市' }).waitFor();
    await expect(row().getByTestId('account-jurisdiction').textContent()).resolves.toBe('南京市栖霞区、无锡市');
    await row().getByTestId('account-reset').click();
    await admin.getByTestId('one-time-password').waitFor();
    await shot(admin, 'accounts-reset-1440-zh');
    await admin.getByRole('button', { name: '我已记下' }).click();
  });

  it('shows the audit log with filters, and lays both pages out at 1440 and 390 px in Chinese and English', async () => {
    await admin.goto(`${t.app.url}/admin/audit`);
    await admin.getByTestId('audit-table').waitFor();
    expect(await admin.title()).toBe('审计日志 · 环保脸谱 EnvFace');
    const actions = await admin.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['account.created', 'account.disabled', 'account.enabled', 'account.jurisdiction_changed', 'password.reset', 'login.success']));
    await expect(admin.locator('[data-action="account.jurisdiction_changed"]').first().textContent()).resolves.toContain('修改辖区');
    // The detail reads as labelled words, not JSON: the jurisdiction change's before and after.
    const detail = admin.locator('[data-action="account.jurisdiction_changed"]').first().getByTestId('audit-detail');
    await expect(detail.textContent()).resolves.toMatch(/原值.*南京市栖霞区.*新值.*无锡市/);
    await expect(detail.textContent()).resolves.not.toMatch(/[{}"]/);
    await admin.getByTestId('audit-filter-action').fill('account.*');
    await admin.getByTestId('audit-search').click();
    await admin.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-row"]')].every((r) => r.getAttribute('data-action')?.startsWith('account.')));
    await shot(admin, 'audit-1440-zh');
    for (const [lang, button] of [['zh', null], ['en', 'English']] as const) {
      if (button) await admin.getByRole('button', { name: button, exact: true }).first().click();
      for (const [size, viewport] of [['1440', DESKTOP], ['390', PHONE]] as const) {
        await admin.setViewportSize(viewport);
        await admin.goto(`${t.app.url}/admin/accounts`);
        await admin.getByTestId('accounts-table').waitFor();
        if (lang === 'en') await expect(admin.locator('h1').textContent()).resolves.toBe('Accounts');
        await shot(admin, `accounts-${size}-${lang}`);
        await noSidewaysScroll(admin);
        await admin.goto(`${t.app.url}/admin/audit`);
        await admin.getByTestId('audit-table').waitFor();
        await shot(admin, `audit-${size}-${lang}`);
        await noSidewaysScroll(admin);
      }
    }
    // An inspector is kept out of both pages.
    const other = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await signIn(other, 'qixia.li', 'Qixia-district-2026!').catch(() => undefined);
    await other.goto(`${t.app.url}/admin/accounts`);
    expect(await other.getByTestId('accounts-table').count()).toBe(0);
    await other.close();
  });
});
