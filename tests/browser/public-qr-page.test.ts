import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import { penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * The QR path a passer-by takes, in Debian's Chromium at a phone viewport: an inspector's QR PNG is decoded
 * with a real QR reader (jsQR), the decoded URL opens the public page with the right name, face and stars,
 * which follows a rating change live; a report sent from the page appears in the inspectors' queue.
 * Screenshots go to tests/artifacts/public/ (gitignored).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'public');
const E1 = usccOf('320106', 1);
const PHONE = { width: 390, height: 844 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('public QR page in Chromium', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let page: Page;
  let distDir: string;
  let baseUrl: string;

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A private build: other browser tests may (re)build frontend/dist at the same time.
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-public-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore' });
    // PUBLIC_BASE_URL must be where the app really listens, so the decoded URL is openable.
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await startPublicTestApp({ webDistDir: distDir, env: { PORT: String(port), PUBLIC_BASE_URL: baseUrl } });
    await t.ingest('registry', registration(E1, '南京紫金山化工有限公司', 'qr-reg-1', '320106'));
    await t.ingest('enforcement', penalty(E1, 'qr-pen-1', 'XW-2026-017'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('decodes the QR PNG to the public URL and shows the right name, face and stars on a phone', async () => {
    const png = await fetch(`${t.app.url}/api/enterprises/${E1}/qr.png`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(png.status).toBe(200);
    const bytes = Buffer.from(await png.arrayBuffer());
    // Decode the PNG to RGBA pixels with the browser's own image decoder, then read the code with jsQR.
    const pixels = await page.evaluate(async (b64: string) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      return { width: data.width, height: data.height, rgba: Array.from(data.data) };
    }, bytes.toString('base64'));
    const code = jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height);
    expect(code).not.toBeNull();
    const url = code!.data;
    expect(url).toMatch(new RegExp(`^${baseUrl.replace(/[.:/]/g, '\\$&')}/q/[A-Za-z0-9_-]{22}$`));

    const view = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    expect(view).toMatchObject({ uscc: E1, name: '南京紫金山化工有限公司' });
    await page.goto(url);
    await expect(page.getByTestId('public-name').textContent()).resolves.toBe('南京紫金山化工有限公司');
    const score = page.getByTestId('public-score');
    await expect(score.getAttribute('data-stars')).resolves.toBe(String(view.stars));
    await expect(score.getAttribute('data-face')).resolves.toBe(view.face);
    await expect(page.locator('.q-rating svg[role="img"][data-stars]').getAttribute('data-stars')).resolves.toBe(String(view.stars));
    await expect(score.textContent()).resolves.toContain(view.score.toFixed(1));
    await expect(page.locator('.q-penalties').textContent()).resolves.toContain('XW-2026-017');
    // Phone first: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot('public-page');

    // Live: a serious penalty arrives; the open page changes without a reload.
    await page.locator('.q-live--on').waitFor({ timeout: 10_000 });
    await t.ingest('enforcement', { ...penalty(E1, 'qr-pen-2', 'XW-2026-018', '2026-03-15T09:30:00+08:00'), data: { caseNo: 'XW-2026-018', severity: 'serious', amountYuan: 200000, violation: '私设暗管', publicText: '私设暗管排放' } });
    const after = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    expect(after.score).toBeLessThan(view.score);
    await page.waitForFunction((s) => document.querySelector('[data-testid="public-score"]')?.textContent?.includes(s), after.score.toFixed(1), { timeout: 10_000 });
    await expect(score.getAttribute('data-stars')).resolves.toBe(String(after.stars));
    await expect(score.getAttribute('data-face')).resolves.toBe(after.face);
    await shot('public-page-live');
  });

  it('sends a report from the phone and the inspector finds it in the queue', async () => {
    const url = `${baseUrl}/q/${(await t.call('GET', `/api/enterprises/${E1}/sign`, { token: t.adminToken })).body.publicUrl.split('/').pop()}`;
    await page.goto(url);
    await page.locator('select[name="category"]').selectOption('water');
    await page.locator('textarea[name="text"]').fill('厂区东侧排水口夜间排放黑色污水');
    await page.locator('input[name="contact"]').fill('139****0000');
    await page.locator('.q-complaint button[type="submit"]').click();
    const sent = page.getByTestId('complaint-sent');
    await sent.waitFor();
    await expect(sent.textContent()).resolves.toMatch(/CMP-\d+/);
    await sent.scrollIntoViewIfNeeded();
    await shot('public-complaint-sent');

    const inspector = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await inspector.goto(`${t.app.url}/login`);
    await inspector.locator('input[name="username"]').fill('admin');
    await inspector.locator('input[name="password"]').fill('public-Admin-pw-1');
    await inspector.locator('button[type="submit"]').click();
    await inspector.waitForURL((u) => !u.pathname.startsWith('/login'));
    await inspector.goto(`${t.app.url}/complaints`);
    const item = inspector.getByTestId('complaint-item').filter({ hasText: '厂区东侧排水口夜间排放黑色污水' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('南京紫金山化工有限公司');
    await inspector.screenshot({ path: path.join(ARTIFACTS, 'inspector-complaint-queue.png'), fullPage: true });

    // The printable sign shows the same URL in plain text as its code.
    await inspector.goto(`${t.app.url}/print/sign/${E1}`);
    await expect(inspector.getByTestId('sign-url').textContent()).resolves.toBe(url);
    await expect(inspector.getByTestId('sign').textContent()).resolves.toContain('南京紫金山化工有限公司');
    await inspector.screenshot({ path: path.join(ARTIFACTS, 'print-sign.png'), fullPage: true });
    await inspector.close();
  });

  it('shows a 404 page for an unknown code', async () => {
    await page.goto(`${baseUrl}/q/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByTestId('public-not-found').waitFor();
    await shot('public-not-found');
  });
});
