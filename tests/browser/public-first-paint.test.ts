import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * The public QR page's server-rendered first state (#14 §6), in Debian's Chromium: with JavaScript off the
 * rating (face, stars, score, name) is on the page and the tab carries the name; with JavaScript the app takes
 * over without asking /api/public again, shows the same words in the same place, and still follows the live
 * channel. A hostile enterprise name goes through title, markup and the hand-over JSON. Screenshots (zh/en,
 * 390 and 1440 px, before and after the take-over) go to tests/artifacts/public-first-paint/.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'public-first-paint');
const E1 = usccOf('320106', 7);
const NAME = '紫金山</script><script>window.pwned=1</script><!--化工 & "有限" 公司';
const TITLES = { 'zh-CN': `${NAME} · 环保脸谱 EnvFace`, en: `${NAME} · EnvFace 环保脸谱` } as const;
type Language = keyof typeof TITLES;

describe('public QR page: server-rendered first paint and take-over', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let distDir: string;
  let url: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A private build with its server renderer: other browser tests may (re)build frontend/dist at the same time.
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-first-paint-dist-'));
    // As `npm run build` does it: a production build (jest runs with NODE_ENV=test).
    const build = { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } } as const;
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], build);
    execFileSync('npx', ['vite', 'build', '--ssr', '--outDir', path.join(distDir, '.ssr'), '--emptyOutDir', '--logLevel', 'error'], build);
    t = await startPublicTestApp({ webDistDir: distDir });
    await t.ingest('registry', registration(E1, NAME, 'fp-reg-1', '320106'));
    await t.ingest('enforcement', penalty(E1, 'fp-pen-1', 'XW-2026-031'));
    url = `${t.app.url}/q/${(await t.call('GET', `/api/enterprises/${E1}/sign`, { token: t.adminToken })).body.publicUrl.split('/').pop()}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  /** A fresh visitor at `width` px who chose `language` before (the app's localStorage and its cookie mirror). */
  async function visitor(width: number, language: Language, javaScript: boolean): Promise<{ page: Page; apiCalls: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language, timezoneId: 'Asia/Shanghai', javaScriptEnabled: javaScript });
    contexts.push(context);
    if (language === 'en') {
      await context.addCookies([{ name: 'envface.language', value: 'en', url: t.app.url }]);
      await context.addInitScript(() => localStorage.setItem('envface.language', 'en'));
    }
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/public/')) apiCalls.push(request.url());
    });
    return { page, apiCalls };
  }

  /** What the rating card says (the "live" and "updated" lines left out: they depend on the moment). */
  const cardText = (page: Page) =>
    page.locator('[data-testid="public-rating"]').evaluate((card) => {
      const copy = card.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.q-live, .q-updated').forEach((line) => line.remove());
      return copy.innerText;
    });

  it.each([
    ['zh-CN', 390],
    ['en', 1440],
    ['zh-CN', 1440],
    ['en', 390],
  ] as const)('without JavaScript shows name, face, stars and score (%s, %i px); with it the app takes over in place without fetching again', async (language, width) => {
    const view = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    expect(view.stars).toBeGreaterThanOrEqual(1);

    const plain = await visitor(width, language, false);
    const response = await plain.page.goto(url);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['cache-control']).toBe('private, no-cache');
    const score = plain.page.getByTestId('public-score');
    await score.waitFor({ state: 'visible' });
    await expect(plain.page.title()).resolves.toBe(TITLES[language]);
    await expect(plain.page.getByTestId('public-name').textContent()).resolves.toBe(NAME);
    await expect(plain.page.locator('html').getAttribute('lang')).resolves.toBe(language);
    await expect(score.getAttribute('data-stars')).resolves.toBe(String(view.stars));
    await expect(score.textContent()).resolves.toContain(view.score.toFixed(1));
    // Meaningful without colour: the face and the stars carry their words.
    const stars = plain.page.locator('.q-rating svg.star-rating[role="img"]');
    await expect(stars.getAttribute('data-stars')).resolves.toBe(String(view.stars));
    await expect(stars.getAttribute('aria-label')).resolves.toContain(String(view.stars));
    await expect(plain.page.locator('.q-rating svg.face-icon[role="img"]').getAttribute('aria-label')).resolves.toMatch(language === 'en' ? /face/i : /脸/);
    await expect(plain.page.locator('.q-penalties').textContent()).resolves.toContain('XW-2026-031');
    // The hostile name stayed text: no element, no script ran (JavaScript is off here anyway; see below with it on).
    expect(await plain.page.locator('script:not([type]), script[type="module"]').count()).toBe(1);
    const plainText = await cardText(plain.page);
    const plainBox = await score.boundingBox();
    await plain.page.screenshot({ path: path.join(ARTIFACTS, `no-js-${language}-${width}.png`), fullPage: true });

    const app = await visitor(width, language, true);
    // Every title the tab shows during the take-over (the server's, then the app's): never the bare app name.
    await app.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { titles: string[] }).titles = seen;
      new MutationObserver(() => seen.push(document.title)).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await app.page.goto(url);
    // The app's own page replaces the first paint (the report form is the app's) …
    await app.page.locator('#q-first-paint').waitFor({ state: 'detached', timeout: 20_000 });
    await app.page.locator('.q-complaint').waitFor();
    // … from the handed-over view: no second request for it.
    expect(app.apiCalls).toEqual([]);
    await expect(app.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).resolves.toBeUndefined();
    await expect(app.page.title()).resolves.toBe(TITLES[language]);
    const titles = await app.page.evaluate(() => (window as unknown as { titles: string[] }).titles);
    expect(new Set(titles.filter((title) => title !== ''))).toEqual(new Set([TITLES[language]]));
    await expect(app.page.getByTestId('public-score').getAttribute('data-stars')).resolves.toBe(String(view.stars));
    // Same words in the same place: the server rendered the app's own component.
    await expect(cardText(app.page)).resolves.toBe(plainText);
    const appBox = await app.page.getByTestId('public-score').boundingBox();
    expect(appBox).toEqual(plainBox);
    await app.page.screenshot({ path: path.join(ARTIFACTS, `app-${language}-${width}.png`), fullPage: true });
  }, 90_000);

  it('answers an unknown code with the app and 404: the app shows its not-found page', async () => {
    const { page } = await visitor(390, 'zh-CN', true);
    const response = await page.goto(`${t.app.url}/q/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(response!.status()).toBe(404);
    await page.getByTestId('public-not-found').waitFor();
    expect(await page.locator('#q-first-paint').count()).toBe(0);
    // The server renderer and the build manifest live in dist but are not served.
    for (const file of ['/.ssr/public-first-paint.cjs', '/.vite/manifest.json']) expect((await fetch(`${t.app.url}${file}`)).status).toBe(404);
  });

  it('catches up on a change made between the server reading the view and the socket joining', async () => {
    const { page, apiCalls } = await visitor(390, 'zh-CN', true);
    // Hold the app's scripts, as a slow phone would: the server's first paint shows, the app has not started.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/*.js', async (route) => {
      await gate;
      await route.continue();
    });
    // Not waiting for "load": that needs the held scripts.
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByTestId('public-score').waitFor({ state: 'visible' });
    const shown = Number((await page.getByTestId('public-score').textContent())!.match(/\d+(\.\d)?/)![0]);
    await t.ingest('enforcement', {
      ...penalty(E1, 'fp-pen-3', 'XW-2026-033', '2026-03-15T10:30:00+08:00'),
      data: { caseNo: 'XW-2026-033', severity: 'serious', amountYuan: 100000, violation: '超标排放', publicText: '超标排放' },
    });
    const after = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    expect(after.score).toBeLessThan(shown);
    release();
    await page.locator('#q-first-paint').waitFor({ state: 'detached', timeout: 20_000 });
    // The socket's first handshake carried the rendered view's fingerprint; the server saw the change and sent the view.
    await page.waitForFunction((s) => document.querySelector('[data-testid="public-score"]')?.textContent?.includes(s), after.score.toFixed(1), { timeout: 10_000 });
    await expect(page.locator('.q-penalties').textContent()).resolves.toContain('XW-2026-033');
    expect(apiCalls).toEqual([]);
  }, 60_000);

  it('follows the live channel after the take-over', async () => {
    const { page, apiCalls } = await visitor(390, 'zh-CN', true);
    await page.goto(url);
    await page.locator('#q-first-paint').waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.q-live--on').waitFor({ timeout: 10_000 });
    const before = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    await t.ingest('enforcement', {
      ...penalty(E1, 'fp-pen-2', 'XW-2026-032', '2026-03-15T09:30:00+08:00'),
      data: { caseNo: 'XW-2026-032', severity: 'serious', amountYuan: 200000, violation: '私设暗管', publicText: '私设暗管排放' },
    });
    const after = (await t.call('GET', `/api/public/${url.split('/').pop()}`)).body;
    expect(after.score).toBeLessThan(before.score);
    await page.waitForFunction((s) => document.querySelector('[data-testid="public-score"]')?.textContent?.includes(s), after.score.toFixed(1), { timeout: 10_000 });
    await expect(page.getByTestId('public-score').getAttribute('data-stars')).resolves.toBe(String(after.stars));
    await expect(page.locator('.q-penalties').textContent()).resolves.toContain('XW-2026-032');
    // The change came over the socket, not by fetching the view.
    expect(apiCalls).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'app-live-zh-CN-390.png'), fullPage: true });
  }, 60_000);
});
