import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FRONTEND_DIST, ensureFrontendBuilt } from '../support/frontend-build';
import { openSignedIn } from '../support/browser-pages';
import { NOW, ONE_PIXEL_PNG, TODAY, movableClock, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * Issue #14 §5 in Chromium: verifying a complaint needs a reason and asks for confirmation with its
 * consequence in plain words (numbers from the API's rule book), then offers an undo that restores the
 * rating. At 1440 and 390 px, in Chinese and English. Screenshots go to tests/artifacts/actions/.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'actions');
const E = usccOf('320104', 7);
const NAME = '南京秦淮印染有限公司';
const OTHER = usccOf('320106', 8);
const chinaDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('complaint verification with confirmation and undo (#14 §5), in Chromium', () => {
  const clock = movableClock(NOW);
  let t: PublicTestApp;
  let browser: Browser;
  let publicToken: string;
  const contexts: BrowserContext[] = [];

  const score = async () => (await t.call('GET', `/api/enterprises/${E}/ratings/${TODAY}`, { token: t.adminToken })).body.score as number;

  const open = (width: number, language: 'zh-CN' | 'en', start = '/complaints', bearer?: string): Promise<Page> =>
    openSignedIn(browser, contexts, { url: `${t.app.url}${start}`, bearer: bearer ?? t.adminToken, width, language });

  beforeAll(async () => {
    ensureFrontendBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startPublicTestApp({ webDistDir: FRONTEND_DIST, clock });
    await t.ingest('registry', registration(E, NAME, 'act-reg-1', '320104'));
    await t.ingest('registry', registration(OTHER, '南京鼓楼纸业有限公司', 'act-reg-2', '320106'));
    const sign = await t.call('GET', `/api/enterprises/${E}/sign`, { token: t.adminToken });
    publicToken = new URL(sign.body.publicUrl).pathname.split('/').pop()!;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const cases = [
    { width: 1440, language: 'zh-CN', tag: 'zh-1440', reasonRequired: '请填写理由', consequence: /扣 20 分，持续 90 天，总分约 −([\d.]+) 分/, undo: '撤销核实', confirmUndo: '确认撤销', undone: '已撤销核实' },
    { width: 390, language: 'zh-CN', tag: 'zh-390', reasonRequired: '请填写理由', consequence: /扣 20 分，持续 90 天，总分约 −([\d.]+) 分/, undo: '撤销核实', confirmUndo: '确认撤销', undone: '已撤销核实' },
    { width: 1440, language: 'en', tag: 'en-1440', reasonRequired: 'reason', consequence: /lose 20 points in Public supervision for 90 days, about −([\d.]+) on the total/, undo: 'Undo verification', confirmUndo: 'Undo', undone: 'Verification undone' },
    { width: 390, language: 'en', tag: 'en-390', reasonRequired: 'reason', consequence: /lose 20 points in Public supervision for 90 days, about −([\d.]+) on the total/, undo: 'Undo verification', confirmUndo: 'Undo', undone: 'Verification undone' },
  ] as const;

  for (const [n, c] of cases.entries()) {
    it(`confirms with the consequence and undoes (${c.tag})`, async () => {
      const res = await t.call('POST', `/api/public/${publicToken}/complaints`, { body: { category: 'water', text: `排污口流出有色废水 ${n}` }, headers: { 'x-forwarded-for': `198.51.100.${n + 1}` } });
      const id = res.body.id as string;
      const complaint = (await t.call('GET', `/api/complaints/${id}`, { token: t.adminToken })).body;
      const model = (await t.call('GET', '/api/model')).body;
      const before = await score();

      const page = await open(c.width, c.language);
      const item = page.locator(`[data-testid="complaint-item"][data-id="${id}"]`);
      await item.waitFor();
      // Without a reason, nothing is sent.
      await item.locator('.decision button').first().click();
      await item.locator('[role="alert"]').waitFor();
      expect(await item.locator('[role="alert"]').textContent()).toContain(c.reasonRequired);

      await item.locator('.decision__reason').fill('现场检查确有废水外排');
      await item.locator('.decision button').first().click();
      const confirmation = item.locator('[data-testid="verify-confirmation"]');
      await confirmation.waitFor();
      const text = (await confirmation.textContent())!;
      expect(text).toContain(NAME);
      // The numbers come from the API's rule book: sub-score points, days, and the weighted total.
      expect(complaint.consequence).toMatchObject({ points: 20, days: 90, weight: model.default.weights.S });
      const impact = text.match(c.consequence);
      expect(impact).not.toBeNull();
      expect(Number(impact![1])).toBeCloseTo((20 * model.default.weights.S) / 10000, 1);
      expect(await score()).toBe(before); // nothing happened yet
      await page.screenshot({ path: path.join(ARTIFACTS, `confirm-${c.tag}.png`), fullPage: true });

      await confirmation.locator('button').first().click();
      const notice = page.locator('[data-testid="verified-notice"]');
      await notice.waitFor();
      expect(await score()).toBeLessThan(before); // the answer comes once the event is stored
      await page.screenshot({ path: path.join(ARTIFACTS, `verified-${c.tag}.png`), fullPage: true });

      await notice.getByRole('button', { name: c.undo }).click();
      await notice.locator('.decision__reason').fill('核实对象有误');
      await notice.getByRole('button', { name: c.confirmUndo, exact: true }).click();
      await page.locator('[data-testid="undone-notice"]').waitFor();
      expect(await page.locator('[data-testid="undone-notice"]').textContent()).toContain(c.undone);
      expect(await score()).toBe(before);
      // Back in the pending queue, with its decision controls again.
      await item.locator('.decision__reason').waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, `undone-${c.tag}.png`), fullPage: true });
      expect((await t.call('GET', `/api/complaints/${id}`, { token: t.adminToken })).body.status).toBe('pending');
    });
  }

  // #14 §5 signs: reachable from the enterprise page and the explorer; each shows its print day and
  // points to today's rating.
  for (const c of [
    { width: 1440, language: 'zh-CN', tag: 'zh-1440', today: '扫码查看今日评价', printed: '打印日期：' },
    { width: 390, language: 'en', tag: 'en-390', today: 'Scan for today\u2019s rating', printed: 'Printed on ' },
  ] as const) {
    it(`prints signs from the enterprise page and the filtered explorer (${c.tag})`, async () => {
      const page = await open(c.width, c.language, `/enterprises/${E}`);
      await page.locator('[data-testid="enterprise-print-sign"]').click();
      await page.waitForURL(`**/print/sign/${E}`);
      const sign = page.locator('[data-testid="sign"]');
      await sign.waitFor();
      expect(await sign.textContent()).toContain(NAME);
      expect(await sign.locator('[data-testid="sign-today"]').textContent()).toBe(c.today);
      expect(await sign.locator('[data-testid="sign-date"]').textContent()).toBe(`${c.printed}${chinaDay()}`);
      await page.screenshot({ path: path.join(ARTIFACTS, `sign-${c.tag}.png`), fullPage: true });

      await page.goBack();
      await page.locator('[data-testid="enterprise-print-region"]').click();
      await page.waitForURL('**/print/region/320104');
      await page.locator('[data-testid="sign"]').first().waitFor();
      expect(await page.locator('[data-testid="sign"]').count()).toBe(1);

      // The explorer filtered to one district prints exactly that district's enterprises.
      await page.goto(`${t.app.url}/enterprises?region=320106`);
      await page.locator('[data-testid="explorer-print-signs"]').click();
      await page.waitForURL('**/print/signs?region=320106');
      await page.locator('[data-testid="sign"]').first().waitFor();
      const names = await page.locator('[data-testid="sign"] .sign__name').allTextContents();
      expect(names).toEqual(['南京鼓楼纸业有限公司']);
      expect(await page.locator('[data-testid="sign-today"]').first().textContent()).toBe(c.today);
      await page.screenshot({ path: path.join(ARTIFACTS, `signs-filtered-${c.tag}.png`), fullPage: true });
    });
  }

  // #14 §5 appeals: the enterprise attaches evidence in its portal; the inspector sees the appealed record
  // in words, the report behind a verified complaint with its photo, and the evidence to download.
  it('attaches evidence in the portal and shows it to the inspector with the record in words', async () => {
    const created = await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'qinhuai', enterpriseId: E } });
    const first = await t.login('qinhuai', created.body.initialPassword);
    await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: created.body.initialPassword, newPassword: 'qinhuai-New-pw-1' } });
    const company = await t.login('qinhuai', 'qinhuai-New-pw-1');
    await t.ingest('enforcement', penalty(E, 'act-pen-1', 'QH-2026-009'));
    const form = new FormData();
    form.append('category', 'air');
    form.append('text', '烟囱冒黑烟');
    form.append('photo', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'p.png');
    const report = await t.call('POST', `/api/public/${publicToken}/complaints`, { raw: form, headers: { 'x-forwarded-for': '203.0.113.77' } });
    await t.call('POST', `/api/complaints/${report.body.id}/verify`, { token: t.adminToken, body: { reason: '现场核实' } });
    const onComplaint = await t.call('POST', '/api/appeals', { token: company, body: { eventId: `complaint-verified-${report.body.id}`, reasons: '当日停产检修，附停产记录' } });
    expect(onComplaint.status).toBe(201);

    const portal = await open(390, 'zh-CN', '/portal', company);
    const upload = portal.locator(`[data-testid="evidence-upload-${onComplaint.body.id}"]`);
    await upload.waitFor({ state: 'attached' });
    await upload.setInputFiles({ name: '停产记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1') });
    await portal.getByRole('button', { name: '停产记录.pdf' }).waitFor();
    // A file that is not a PDF or image is refused with the server's words.
    await upload.setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await portal.locator('.evidence__upload [role="alert"]').waitFor();
    expect(await portal.locator('.evidence__upload [role="alert"]').textContent()).toBe('只能上传 PDF 或图片（JPEG、PNG、WebP）');
    await portal.screenshot({ path: path.join(ARTIFACTS, 'portal-evidence-zh-390.png'), fullPage: true });

    for (const c of [
      { width: 1440, language: 'zh-CN', tag: 'zh-1440', record: '投诉查实' },
      { width: 390, language: 'en', tag: 'en-390', record: 'complaint' },
    ] as const) {
      const page = await open(c.width, c.language, '/appeals');
      const item = page.locator('[data-testid="appeal-item"]').first();
      await item.locator('[data-testid="appeal-complaint"] img').waitFor();
      expect(await item.locator('[data-testid="appeal-complaint"]').textContent()).toContain('烟囱冒黑烟');
      expect((await item.locator('[data-testid="appeal-event"]').textContent())!.toLowerCase()).toContain(c.record.toLowerCase());
      expect(await item.locator('[data-testid="evidence-download"]').allTextContents()).toEqual(['停产记录.pdf']);
      const [download] = await Promise.all([page.waitForEvent('download'), item.locator('[data-testid="evidence-download"]').click()]);
      expect(download.suggestedFilename()).toBe('停产记录.pdf');
      await page.screenshot({ path: path.join(ARTIFACTS, `appeal-inspector-${c.tag}.png`), fullPage: true });
    }
  });

  // #14 §6: the citizen's report: the photo field clears after sending, the follow code is shown once, and
  // the follow page answers received, then dismissed with the reason. The page title names the enterprise.
  for (const c of [
    { width: 390, language: 'zh-CN', tag: 'zh-390', received: '已收到，等待执法人员核实', dismissed: '不予采纳', submit: '提交', lookup: '查询' },
    { width: 1440, language: 'en', tag: 'en-1440', received: 'Received, waiting for an inspector', dismissed: 'Dismissed', submit: 'Send', lookup: 'Look up' },
  ] as const) {
    it(`lets a citizen report with a photo and follow the report (${c.tag})`, async () => {
      const page = await open(c.width, c.language, `/q/${publicToken}`, '');
      await page.locator('textarea[name="text"]').waitFor();
      expect(await page.title()).toContain(NAME);
      await page.locator('textarea[name="text"]').fill('河道边有刺鼻气味');
      await page.locator('input[name="photo"]').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
      await page.locator('.q-complaint button[type="submit"]').click();
      const sent = page.locator('[data-testid="complaint-sent"]');
      await sent.waitFor();
      expect(await page.locator('input[name="photo"]').evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0);
      expect(await page.locator('textarea[name="text"]').inputValue()).toBe('');
      const code = (await page.locator('[data-testid="complaint-follow-code"]').textContent())!.match(/[:：]\s*([A-Za-z0-9_-]{12})/)![1]!;
      await page.screenshot({ path: path.join(ARTIFACTS, `citizen-sent-${c.tag}.png`), fullPage: true });

      await sent.locator('a').click();
      await page.waitForURL('**/follow?reference=*');
      await page.locator('input[name="code"]').fill('wrong-code-00');
      await page.getByRole('button', { name: c.lookup }).click();
      await page.locator('[role="alert"]').waitFor();
      await page.locator('input[name="code"]').fill(code);
      await page.getByRole('button', { name: c.lookup }).click();
      const result = page.locator('[data-testid="follow-result"]');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('received');
      expect(await result.textContent()).toContain(c.received);
      await page.screenshot({ path: path.join(ARTIFACTS, `citizen-follow-received-${c.tag}.png`), fullPage: true });

      const reference = new URL(page.url()).searchParams.get('reference')!;
      await t.call('POST', `/api/complaints/${reference.slice(4)}/dismiss`, { token: t.adminToken, body: { reason: '经查为上游排水，已转交相关部门' } });
      await page.getByRole('button', { name: c.lookup }).click();
      await page.locator('[data-testid="follow-result"][data-status="dismissed"]').waitFor();
      const text = (await result.textContent())!;
      expect(text).toContain(c.dismissed);
      expect(text).toContain('经查为上游排水，已转交相关部门');
      await page.screenshot({ path: path.join(ARTIFACTS, `citizen-follow-dismissed-${c.tag}.png`), fullPage: true });
    });
  }
});
