import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { withUsccCheck } from '@envface/streams';
import { FRONTEND_DIST, ensureFrontendBuilt } from '../support/frontend-build';
import { registration, startPublicTestApp, type PublicTestApp } from '../integration/public-test-app';

/**
 * Issue #13 §2 in Chromium: the import page (template link, upload, dry-run report naming the bad rows with
 * their column and reason, apply), the explorer's batch edit (checkboxes, confirmation count, result page) and
 * hand registration, at 1440 px and 390 px in Chinese and English. Screenshots in tests/artifacts/registry/.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'registry');
const HEADER = '统一社会信用代码,企业名称,行政区划代码,行业代码,地址,纬度,经度';
const uscc = (run: number, n: number) => withUsccCheck(`9132010${run}MA1R${String(n).padStart(5, '0')}`);

/** A file with three good rows (2 new, 1 changing an enterprise registered before) and four bad ones. */
function importFile(run: number): string {
  const badUscc = `${uscc(run, 9).slice(0, 17)}${uscc(run, 9)[17] === 'A' ? 'B' : 'A'}`;
  return [
    HEADER,
    `${uscc(run, 1)},南京新材料有限公司${run},320104,C2614,南京市秦淮区中华路1号,32.03,118.79`,
    `${uscc(run, 2)},江宁精细化工有限公司${run},320115,C2619,,,`,
    `${uscc(run, 3)},已登记化工有限公司${run},320105,C2614,南京市玄武区环保路1号,,`,
    `${badUscc},校验位错误公司,320104,C2614,,,`,
    `${uscc(run, 4)},区划错误公司,3201,C2614,,,`,
    `${uscc(run, 5)},,320104,C2614,,,`,
    `${uscc(run, 6)},纬度错误公司,320104,C2614,,95,118.8`,
  ].join('\r\n');
}

describe('registry import, batch edit and hand registration in Chromium', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let dir: string;

  async function session(width: number, language: 'zh-CN' | 'en', start: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language, timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(
      ([lng, tok]) => {
        localStorage.setItem('envface.language', lng);
        sessionStorage.setItem('envface.token', tok);
      },
      [language, t.adminToken] as const,
    );
    const page = await context.newPage();
    await page.goto(`${t.app.url}${start}`);
    return { context, page };
  }

  async function noOverflow(page: Page): Promise<void> {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll'))
        .slice(0, 6)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
  }

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'envface-registry-browser-'));
    t = await startPublicTestApp({ webDistDir: FRONTEND_DIST });
    for (let run = 1; run <= 4; run++) await t.ingest('registry', registration(uscc(run, 3), `已登记化工有限公司${run}`, `br-reg-${run}`, '320104'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [1, 'zh-CN', 1440],
    [2, 'en', 1440],
    [3, 'zh-CN', 390],
    [4, 'en', 390],
  ] as const)('import page: upload, dry-run report, apply (run %i, %s, %i px)', async (run, language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const file = path.join(dir, `enterprises-${run}.csv`);
    writeFileSync(file, `\uFEFF${importFile(run)}`);
    // Reached from the explorer's header.
    const { context, page } = await session(width, language, '/enterprises');
    await page.click('[data-testid="explorer-import"]');
    await page.waitForSelector('[data-testid="import-form"]');
    expect(await page.locator('[data-testid="import-template-csv"]').count()).toBe(1);
    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.click('[data-testid="import-check"]');
    await page.waitForSelector('[data-testid="import-report"]');
    expect(await page.textContent('[data-testid="import-count-add"] dd')).toBe('2');
    expect(await page.textContent('[data-testid="import-count-change"] dd')).toBe('1');
    expect(await page.textContent('[data-testid="import-count-errorRows"] dd')).toBe('4');
    // Each bad row by line, column and a sentence in the page's language.
    const errors = await page.locator('[data-testid="import-errors"] tbody tr').allInnerTexts();
    expect(errors.map((r) => r.split(/\t|\n/)[0]!.trim())).toEqual(['5', '6', '7', '8']);
    if (language === 'zh-CN') {
      expect(errors[0]).toContain('校验位');
      expect(errors[1]).toContain('6 位数字');
      expect(errors[2]).toContain('企业名称为空');
      expect(errors[3]).toContain('纬度');
    } else {
      expect(errors[0]).toContain('check character');
      expect(errors[1]).toContain('must be 6 digits');
      expect(errors[2]).toContain('The name is empty');
      expect(errors[3]).toContain('latitude');
    }
    const change = await page.textContent('[data-testid="import-changes"]');
    expect(change).toContain(language === 'zh-CN' ? '行政区划' : 'Region');
    expect(change).toContain('→');
    await noOverflow(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `import-report-${tag}.png`), fullPage: true });
    // The dry run changed nothing.
    expect((await t.call('GET', `/api/enterprises/${uscc(run, 1)}`, { token: t.adminToken })).status).toBe(404);

    await page.click('[data-testid="import-apply"]');
    await page.waitForSelector('[data-testid="import-result"]');
    expect(await page.textContent('[data-testid="import-result"]')).toContain(language === 'zh-CN' ? '新增 2 家' : '2 added');
    await page.screenshot({ path: path.join(ARTIFACTS, `import-applied-${tag}.png`), fullPage: true });
    expect((await t.call('GET', `/api/enterprises/${uscc(run, 1)}`, { token: t.adminToken })).body).toMatchObject({ registered: true, regionCode: '320104' });
    expect((await t.call('GET', `/api/enterprises/${uscc(run, 3)}`, { token: t.adminToken })).body.regionCode).toBe('320105');
    await context.close();
  });

  it.each([
    ['zh-CN', 1440],
    ['en', 390],
  ] as const)('explorer batch edit: select, confirm with the count, result page (%s, %i px)', async (language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const target = language === 'en' ? '320111' : '320113';
    const { context, page } = await session(width, language, '/enterprises?region=320104');
    await page.waitForSelector('[data-testid="explorer-table"] tbody tr');
    const boxes = page.locator('[data-testid="explorer-table"] tbody input[type="checkbox"]');
    const rows = await boxes.count();
    expect(rows).toBeGreaterThanOrEqual(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    expect(await page.textContent('[data-testid="batch-count"]')).toContain('2');
    await page.fill('[data-testid="batch-region"]', target);
    await page.click('[data-testid="batch-change"]');
    await page.waitForSelector('[data-testid="batch-confirm"]');
    expect(await page.textContent('[data-testid="batch-confirm"]')).toContain(language === 'en' ? 'changes 2 enterprises' : '将修改 2 家企业');
    await noOverflow(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `batch-confirm-${tag}.png`), fullPage: true });
    await page.click('[data-testid="batch-confirm-button"]');
    await page.waitForURL(/\/registry\/batch-edits\/\d+$/);
    await page.waitForSelector('[data-testid="batch-summary"]');
    expect(await page.locator('.rg-changed-list li').count()).toBe(2);
    expect(await page.textContent('[data-testid="batch-result"]')).toContain('→');
    await page.screenshot({ path: path.join(ARTIFACTS, `batch-result-${tag}.png`), fullPage: true });
    expect((await t.call('GET', `/api/enterprises?region=${target}`, { token: t.adminToken })).body.total).toBe(2);
    await context.close();
  });

  it.each([
    ['zh-CN', 1440],
    ['en', 390],
  ] as const)('hand registration: pending flag until verified (%s, %i px)', async (language, width) => {
    const tag = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const hospital = withUsccCheck(language === 'en' ? '12320104466000002' : '12320104466000001');
    const { context, page } = await session(width, language, '/registry/hand-registrations');
    await page.waitForSelector('[data-testid="hand-form"]');
    await page.fill('input[name="uscc"]', hospital);
    await page.fill('input[name="name"]', language === 'en' ? '南京市第二医院' : '南京市第一医院');
    await page.fill('input[name="regionCode"]', '320104');
    await page.fill('input[name="industryCode"]', 'Q8411');
    await page.fill('input[name="note"]', '事业单位，法人库无记录');
    await page.click('[data-testid="hand-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="hand-done"]');
    await page.waitForSelector(`[data-testid="hand-list"] li:has-text("${hospital}")`);
    await noOverflow(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `hand-registration-${tag}.png`), fullPage: true });
    await page.goto(`${t.app.url}/enterprises/${hospital}`);
    await page.waitForSelector('[data-testid="hand-registration-flag"]');
    expect(await page.textContent('[data-testid="hand-registration-flag"]')).toContain(language === 'en' ? 'pending verification' : '待核实');
    await page.screenshot({ path: path.join(ARTIFACTS, `hand-flag-${tag}.png`), fullPage: false });
    await t.call('POST', `/api/registry/hand-registrations/${hospital}/verify`, { token: t.adminToken });
    await page.reload();
    await page.waitForSelector('[data-testid="hand-registration-flag"]');
    expect(await page.textContent('[data-testid="hand-registration-flag"]')).toContain(language === 'en' ? 'verified' : '已核实');
    await context.close();
  });
});
