import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { regionName } from '../../frontend/src/i18n/code-names';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ensureFrontendBuilt } from '../support/frontend-build';
import { startSampleApp } from '../support/sample-app';

/**
 * Issue #13 §3–4 in Chromium on the sample stream: the region map draws the shipped county boundaries, a click on a
 * rated county lands in the explorer filtered to that county; the enterprise page shows the peer sentences, the
 * 90-day line and the quarterly table. Screenshots (tests/artifacts/map/) at 1440 and 390 px, zh and en.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'map');
const NOW = '2026-03-15T12:00:00+08:00';
const ADMIN_PASSWORD = 'browser-Admin-pw-1';

describe('region map, peers and quarters in Chromium', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let token = '';

  async function api<T>(url: string): Promise<T> {
    const res = await fetch(`${app.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A signed-in page in the given language and width (the session and language live in localStorage). */
  async function open(lang: 'zh-CN' | 'en', width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 900 : 1000 }, locale: lang, timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.evaluate((l) => localStorage.setItem('envface.language', l), lang);
    await page.reload();
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="kpi-tiles"]');
    return { context, page };
  }

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase();
    app = await startSampleApp(database.url, ADMIN_PASSWORD, NOW);
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
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

  /** Moves the mouse over the map until the tooltip names a rated county; answers that point and the tooltip. */
  async function findRatedCounty(page: Page, marker: string): Promise<{ x: number; y: number; text: string }> {
    const canvas = page.locator('[data-testid="region-map-page"] .chart__canvas canvas').first();
    const box = (await canvas.boundingBox())!;
    // The map frames the counties with data, so they lie near the middle: try points nearest the centre first.
    const step = 16;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const spots: { x: number; y: number }[] = [];
    for (let y = box.y + step; y < box.y + box.height - step; y += step) for (let x = box.x + step; x < box.x + box.width - step; x += step) spots.push({ x, y });
    spots.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
    for (const { x, y } of spots) {
      await page.mouse.move(x, y);
      const text = await page.evaluate((m) => {
        const host = document.querySelector('[data-testid="region-map-page"] .chart__canvas');
        const tip = [...(host?.querySelectorAll('div') ?? [])].find((d) => d.innerText.includes(m) && getComputedStyle(d).display !== 'none' && getComputedStyle(d).opacity !== '0');
        return tip?.innerText ?? '';
      }, marker);
      if (text) return { x, y, text };
    }
    throw new Error('no rated county found under the mouse');
  }

  it('draws the map and a click on a county opens the explorer filtered to it', async () => {
    const map = await api<{ regions: { regionCode: string; rated: number }[]; points: unknown[]; pointsTotal: number }>('/api/stats/map');
    const rated = map.regions.filter((r) => r.rated > 0);
    expect(rated.length).toBeGreaterThan(3);
    expect(map.points.length).toBe(map.pointsTotal);

    const { context, page } = await open('zh-CN', 1440);
    // the overview carries the map card too
    await page.waitForSelector('[data-testid="region-map-card"] [data-testid="map-points-note"]');
    await page.locator('[data-testid="region-map-card"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await page.locator('[data-testid="region-map-card"]').screenshot({ path: path.join(ARTIFACTS, 'overview-map-card-zh-1440.png') });
    await page.goto(`${app.url}/map`);
    await page.waitForSelector('[data-testid="map-points-note"]');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-zh-1440.png'), fullPage: true });
    // the county list names each rated county
    expect(await page.locator('[data-testid^="map-region-link-"]').count()).toBe(rated.length);

    const hit = await findRatedCounty(page, '已评价企业');
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-tooltip-zh-1440.png') });
    // the tooltip shows the counts per star level
    expect(hit.text).toMatch(/5星|5★|5 星/);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForURL(/\/enterprises\?region=\d{6}$/);
    const code = /region=(\d{6})/.exec(page.url())![1]!;
    expect(rated.map((r) => r.regionCode)).toContain(code);
    // the county under the mouse is the one the explorer filters by
    expect(hit.text).toContain(regionName(code, 'zh'));
    await page.waitForSelector('[data-testid="explorer-table"]');
    const expected = await api<{ items: { uscc: string }[] }>(`/api/enterprises?region=${code}&limit=100`);
    const shown = await page.locator('[data-testid="explorer-table"] tbody tr').count();
    expect(shown).toBe(expected.items.length);
    await context.close();
  });

  it('switches the colouring and is readable on a phone and in English', async () => {
    for (const [lang, width] of [['zh-CN', 390], ['en', 1440], ['en', 390]] as const) {
      const { context, page } = await open(lang, width);
      await page.goto(`${app.url}/map`);
      await page.waitForSelector('[data-testid="map-points-note"]');
      await page.click('[data-testid="map-mode-meanScore"]');
      expect(await page.getAttribute('[data-testid="map-mode-meanScore"]', 'aria-pressed')).toBe('true');
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(ARTIFACTS, `map-${lang}-${width}.png`), fullPage: true });
      // nothing wider than the screen
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await context.close();
    }
  });

  it('shows the peer sentences, the 90-day line and the quarterly table on the enterprise page', async () => {
    const map = await api<{ points: { uscc: string }[] }>('/api/stats/map');
    // the lowest rated enterprise: penalties and orders fill its table
    const uscc = map.points[0]!.uscc;
    const peers = await api<{ groups: { kind: string; percentile: number | null; peers: number }[] }>(`/api/enterprises/${uscc}/peers`);
    const quarters = await api<{ quarters: { quarter: string; ratedDays: number }[] }>(`/api/enterprises/${uscc}/quarters`);
    expect(quarters.quarters).toHaveLength(13);
    for (const [lang, width] of [['zh-CN', 1440], ['zh-CN', 390], ['en', 1440], ['en', 390]] as const) {
      const { context, page } = await open(lang, width);
      await page.goto(`${app.url}/enterprises/${uscc}`);
      await page.waitForSelector('[data-testid="peer-industry"], [data-testid="peer-region"]');
      const region = peers.groups.find((g) => g.kind === 'region')!;
      const sentence = await page.locator('[data-testid="peer-region"]').innerText();
      if (region.percentile !== null) expect(sentence).toContain(lang === 'en' ? `Better than ${region.percentile}%` : `好于 ${region.percentile}%`);
      await page.waitForSelector('[data-testid="quarterly-table"] tbody tr');
      expect(await page.locator('[data-testid="quarterly-table"] tbody tr').count()).toBe(13);
      expect(await page.locator(`[data-testid="quarter-${quarters.quarters[0]!.quarter}"]`).innerText()).toContain(quarters.quarters[0]!.quarter);
      await page.locator('[data-testid="peer-panel"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await page.locator('[data-testid="peer-panel"]').screenshot({ path: path.join(ARTIFACTS, `peers-${lang}-${width}.png`) });
      await page.locator('[data-testid="quarterly-table"]').screenshot({ path: path.join(ARTIFACTS, `quarters-${lang}-${width}.png`) });
      if (width === 1440 && lang === 'zh-CN') {
        // the download is the same table
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="quarters-export-csv"]')]);
        const csv = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        expect(csv.trim().split('\r\n')).toHaveLength(14);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await context.close();
    }
  });
});
