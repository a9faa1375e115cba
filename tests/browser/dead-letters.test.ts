import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { ADMIN_PASSWORD, penalty, registration, startPublicTestApp, TODAY, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * The dead-letter page in Debian's Chromium against the real backend: a valid event whose processing fails
 * (test fault hook) lands in the dead letters as processing_error and reads as such in plain words; once the
 * fault is gone, an inspector re-drives it from the page, is told it was accepted, and the event now counts in
 * the enterprise's rating. A second re-drive is "already processed"; a re-drive of an invalid USCC is rejected
 * again with its reason. Layout at 1440 px and 390 px (no sideways overflow), English text.
 * Screenshots go to a temp dir (ENVFACE_SCREENSHOTS to choose one), printed at the end.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const E1 = usccOf('320106', 7);
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Enough invalid letters that the list needs a second page (the page shows 20). */
const INVALID_USCC_LETTERS = 20;

describe('dead letters in Chromium', () => {
  let t: PublicTestApp;
  let browser: Browser;
  let page: Page;
  let distDir: string;
  const shots = process.env.ENVFACE_SCREENSHOTS ?? mkdtempSync(path.join(tmpdir(), 'envface-dead-letters-'));

  const shot = (name: string, fullPage = true) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
  const cards = () => page.getByTestId('dead-letter');
  const poisonCard = () => page.locator('[data-testid="dead-letter"][data-reason="processing_error"]');

  async function effectEventIds(): Promise<string[]> {
    const res = await t.call('GET', `/api/enterprises/${E1}/ratings/${TODAY}`, { token: t.adminToken });
    expect(res.status).toBe(200);
    return (res.body.effects as { eventId: string }[]).map((e) => e.eventId);
  }

  beforeAll(async () => {
    // A private build: other browser tests may (re)build frontend/dist at the same time.
    distDir = mkdtempSync(path.join(tmpdir(), 'envface-dlq-dist-'));
    execFileSync('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: path.join(ROOT, 'frontend'), stdio: 'ignore' });
    t = await startPublicTestApp({ webDistDir: distDir });
    await t.ingest('registry', registration(E1, '南京紫金山化工有限公司', 'dlq-reg-1', '320106'));

    // Oldest first (the page lists newest first): invalid USCCs, a schema failure with a long unbroken value,
    // then the poison message, so it is at the top.
    for (let i = 0; i < INVALID_USCC_LETTERS; i++) {
      const bad = `${E1.slice(0, 17)}${E1.endsWith('0') ? '1' : '0'}`; // wrong check character
      const res = await t.call('POST', '/api/ingest/enforcement', { token: t.adminToken, body: penalty(bad, `dlq-bad-${i}`, `XW-BAD-${i}`) });
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_uscc' } } });
    }
    const schema = await t.call('POST', '/api/ingest/enforcement', {
      token: t.adminToken,
      body: { ...penalty(E1, 'dlq-schema-1', 'XW-S-1'), data: { severity: 'general', amountYuan: 1, violation: 'A'.repeat(700) } },
    });
    expect(schema).toMatchObject({ status: 400, body: { error: { code: 'schema' } } });

    t.app.app.get(ScoringService).setFaultInjector((event) => {
      if (event.eventId === 'poison-1') throw new Error('test poison');
    });
    const poison = await t.call('POST', '/api/ingest/enforcement', { token: t.adminToken, body: penalty(E1, 'poison-1', 'XW-2026-031') });
    expect(poison).toMatchObject({ status: 422, body: { error: { code: 'processing_error' } } });
    // The hook fails only its own message: a normal event passes.
    await t.ingest('enforcement', penalty(E1, 'dlq-ok-1', 'XW-2026-030', '2026-03-09T09:00:00+08:00'));

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    t?.app.app.get(ScoringService).setFaultInjector(null);
    await browser?.close();
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
    console.info(`dead-letter screenshots: ${shots}`);
  });

  it('lists the poison message as a processing error in plain words, with counts, source and value', async () => {
    expect(await effectEventIds()).toEqual(expect.arrayContaining(['dlq-ok-1']));
    expect(await effectEventIds()).not.toContain('poison-1');

    await page.goto(`${t.app.url}/login`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.click('nav a[href="/dead-letters"]');
    await page.waitForURL(/\/dead-letters$/);
    await poisonCard().waitFor();
    expect(await page.title()).toBe('死信 · 环保脸谱 EnvFace');

    // Newest first, one page of 20; the poison message on top.
    expect(await cards().count()).toBe(20);
    await expect(cards().first().getAttribute('data-reason')).resolves.toBe('processing_error');
    const card = poisonCard();
    await expect(card.getByTestId('dead-letter-sentence').textContent()).resolves.toBe('处理失败（可在修复后重新投递）');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('test poison');
    expect(text).toContain('经 HTTP 接口提交');
    expect(text).toContain(`消息键 ${E1}`);
    // Letters are stamped by the database's clock, not the app's fixed one: only check the time is there.
    await expect(card.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect(card.getByTestId('dead-letter-history').textContent()).resolves.toContain('尚未重新投递');
    // Re-drive is the main action for a processing error, a secondary one for the rest.
    await expect(card.getByTestId('redrive-button').getAttribute('class')).resolves.toContain('button--primary');
    await expect(page.locator('[data-reason="invalid_uscc"] [data-testid="redrive-button"]').first().getAttribute('class')).resolves.toContain('button--secondary');
    await expect(page.locator('[data-testid="dead-letter"][data-reason="invalid_uscc"] [data-testid="dead-letter-sentence"]').first().textContent()).resolves.toBe('统一社会信用代码无效');

    // The filter carries the summary's counts.
    const chip = (reason: string) => page.locator(`[data-testid="dead-letter-filter"] button[data-reason="${reason}"]`);
    await expect(chip('all').textContent()).resolves.toBe(`全部${INVALID_USCC_LETTERS + 2}`);
    await expect(chip('processing_error').textContent()).resolves.toBe('处理失败1');
    await expect(chip('invalid_uscc').textContent()).resolves.toBe(`信用代码无效${INVALID_USCC_LETTERS}`);
    expect(await chip('too_large').count()).toBe(0); // reasons without letters are not offered

    // The message, folded until asked for, re-indented.
    const value = card.locator('.dlq-value__text');
    expect(await value.isVisible()).toBe(false);
    await card.locator('.dlq-value summary').click();
    await expect(value.textContent()).resolves.toContain('"eventId": "poison-1"');
    await page.locator('[data-reason="schema"] .dlq-value summary').click();
    await shot('01-dead-letters-1440-zh');

    // Load more: the rest of the letters, by cursor.
    await page.getByTestId('dead-letters-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="dead-letter"]').length === n, INVALID_USCC_LETTERS + 2);
    await page.getByText('已显示全部').waitFor();
  });

  it('re-drives the poison message after the fix: accepted, recorded, and the event counts', async () => {
    await page.locator('[data-testid="dead-letter-filter"] button[data-reason="processing_error"]').click();
    await page.waitForURL(/\?reason=processing_error$/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dead-letter"]').length === 1);

    t.app.app.get(ScoringService).setFaultInjector(null);
    const card = poisonCard();
    await card.getByTestId('redrive-button').click();
    const dialog = page.getByTestId('redrive-dialog');
    await dialog.waitFor();
    const dialogText = (await dialog.textContent()) ?? '';
    expect(dialogText).toContain('该消息将重新经过校验与评分流程；若成功，相关企业的评价可能随之改变。');
    expect(dialogText).not.toContain('原样重新投递多半会再次被拒'); // that warning is for reasons a re-drive does not cure
    await shot('02-redrive-dialog-1440-zh', false);
    await dialog.getByTestId('redrive-confirm').click();

    const outcome = card.getByTestId('redrive-outcome');
    await outcome.waitFor();
    await expect(outcome.getAttribute('data-outcome')).resolves.toBe('accepted');
    await expect(outcome.textContent()).resolves.toContain('重新投递成功');
    expect(await dialog.count()).toBe(0);
    // The item is refreshed from the server: one re-drive, by admin, accepted.
    await page.waitForFunction(() => document.querySelector('[data-testid="dead-letter-history"]')?.textContent?.includes('已重新投递 1 次'));
    const history = (await card.getByTestId('dead-letter-history').textContent()) ?? '';
    expect(history).toContain('admin');
    expect(history).toContain('处理成功');
    // Through now: no longer the page's most pressing item.
    await expect(card.getByTestId('redrive-button').getAttribute('class')).resolves.toContain('button--secondary');
    expect(await page.locator('.dlq-card--urgent').count()).toBe(0);

    // The event is stored and now counts in today's rating.
    expect(await effectEventIds()).toContain('poison-1');
    const events = await t.call('GET', `/api/enterprises/${E1}/events?limit=50`, { token: t.adminToken });
    expect((events.body.items as { eventId: string }[]).map((e) => e.eventId)).toContain('poison-1');
    await shot('03-redrive-accepted-1440-zh');

    // Again: the pipeline knows it, nothing is counted twice.
    await card.getByTestId('redrive-button').click();
    await page.getByTestId('redrive-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="redrive-outcome"]')?.getAttribute('data-outcome') === 'duplicate');
    await expect(card.getByTestId('redrive-outcome').textContent()).resolves.toContain('此前已处理过');
    await page.waitForFunction(() => document.querySelector('[data-testid="dead-letter-history"]')?.textContent?.includes('已重新投递 2 次'));
  });

  it('says why a re-driven invalid message is rejected again, and cancels cleanly', async () => {
    await page.locator('[data-testid="dead-letter-filter"] button[data-reason="invalid_uscc"]').click();
    await page.waitForURL(/\?reason=invalid_uscc$/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="dead-letter"]')].every((c) => c.getAttribute('data-reason') === 'invalid_uscc'));
    const card = page.getByTestId('dead-letter').first();

    // Cancel sends nothing.
    await card.getByTestId('redrive-button').click();
    await expect(page.getByTestId('redrive-dialog').textContent()).resolves.toContain('原样重新投递多半会再次被拒');
    await page.getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('redrive-dialog').count()).toBe(0);
    expect(await card.getByTestId('redrive-outcome').count()).toBe(0);

    await card.getByTestId('redrive-button').click();
    await page.getByTestId('redrive-confirm').click();
    const outcome = card.getByTestId('redrive-outcome');
    await outcome.waitFor();
    await expect(outcome.getAttribute('data-outcome')).resolves.toBe('rejected');
    await expect(outcome.textContent()).resolves.toContain('再次被拒：统一社会信用代码无效。');
    await page.waitForFunction(() => document.querySelector('[data-testid="dead-letter-history"]')?.textContent?.includes('已重新投递 1 次'));
    await expect(card.getByTestId('dead-letter-history').textContent()).resolves.toContain('再次被拒');
    // A re-drive that fails again writes no second letter (this one came over HTTP, without offsets).
    const summary = await t.call('GET', '/api/dead-letters/summary', { token: t.adminToken });
    expect((summary.body as { byReason: Record<string, number> }).byReason.invalid_uscc).toBe(INVALID_USCC_LETTERS);
  });

  it('fits a 390 px phone and reads in English', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${t.app.url}/dead-letters`);
    await poisonCard().waitFor();
    await poisonCard().locator('.dlq-value summary').click();
    await page.locator('[data-reason="schema"] .dlq-value summary').click();
    // Nothing wider than the screen, and cards keep their width (no text squeezed to a character per line).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const box = await poisonCard().boundingBox();
    expect(box!.width).toBeGreaterThan(340);
    const schemaValue = await page.locator('[data-reason="schema"] .dlq-value__text').boundingBox();
    expect(schemaValue!.width).toBeGreaterThan(300);
    expect(schemaValue!.x + schemaValue!.width).toBeLessThanOrEqual(PHONE.width);
    await shot('04-dead-letters-390-zh');
    await poisonCard().getByTestId('redrive-button').click();
    await page.getByTestId('redrive-dialog').waitFor();
    await shot('05-redrive-dialog-390-zh', false);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="redrive-dialog"]'));

    await page.setViewportSize(DESKTOP);
    await page.click('.app-header .language-switch button:has-text("English")');
    await page.waitForSelector('nav >> text=Dead letters');
    expect(await page.title()).toBe('Dead letters · EnvFace 环保脸谱');
    await expect(poisonCard().getByTestId('dead-letter-sentence').textContent()).resolves.toBe('Processing failed (can be re-driven once fixed)');
    await expect(poisonCard().getByTestId('dead-letter-history').textContent()).resolves.toContain('Re-driven 2×');
    await poisonCard().locator('.dlq-value summary').click();
    await shot('06-dead-letters-1440-en');
  });
});
