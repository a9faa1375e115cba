// Screenshots of the built app for visual review (not a test): serve frontend/dist with `npx vite preview`
// (port 4173) first, then `node scripts/take-screenshots.mjs [baseUrl] [outDir]`.
// The API is stubbed with Playwright routes so the pages render without a backend; the session token is an
// unsigned fake (the app only decodes it for UX, the real server would reject it).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.argv[2] ?? 'http://localhost:4173';
const outDir = resolve(process.argv[3] ?? '../tests/artifacts/frontend');
mkdirSync(outDir, { recursive: true });

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const fakeToken = `${b64({ alg: 'HS256' })}.${b64({ sub: '1', name: 'admin', role: 'admin', exp: Math.floor(Date.now() / 1000) + 12 * 3600 })}.sig`;

const viewports = { phone: { width: 390, height: 844 }, wall: { width: 1920, height: 1080 }, laptop: { width: 1366, height: 768 } };
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

// Visual fixture for the enterprise page only (a year of made-up daily ratings with a dip and a veto spell); the
// app itself never invents data.
const BANDS = [[90, 5, 'smile', 'green', 'trustworthy'], [80, 4, 'smile', 'blue', 'good'], [70, 3, 'neutral', 'yellow', 'good'], [60, 2, 'cry', 'red', 'warning'], [-1, 1, 'cry', 'black', 'bad']];
function fixtureRatings(from, to) {
  const ratings = [];
  for (let t = Date.parse(from), i = 0; t <= Date.parse(to); t += 86400000, i += 1) {
    const score = Math.round(10 * (96 - 30 * Math.exp(-(((i - 200) / 25) ** 2)) - (i % 17 === 0 ? 8 : 0))) / 10;
    const veto = i >= 300 && i < 312;
    const [, stars, face, colour, grade] = veto ? BANDS[4] : BANDS.find(([min]) => score >= min);
    ratings.push({ day: new Date(t).toISOString().slice(0, 10), score, stars, face, colour, grade, veto, revision: 1 });
  }
  return ratings;
}

async function shoot(name, { viewport, language, token, path, before, ratings = 'fixture' }) {
  const context = await browser.newContext({ viewport: viewports[viewport], deviceScaleFactor: 1 });
  await context.addInitScript(
    ([lang, tok]) => {
      localStorage.setItem('envface.language', lang);
      if (tok) sessionStorage.setItem('envface.token', tok);
    },
    [language, token ?? null],
  );
  await context.route('**/api/auth/login', (route) =>
    route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'Invalid credentials' } }) }),
  );
  await context.route('**/api/enterprises/*/ratings?*', (route) => {
    const url = new URL(route.request().url());
    if (ratings === '404') {
      return route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: 'unknown enterprise' } }) });
    }
    const body = { enterpriseId: url.pathname.split('/')[3], ratings: fixtureRatings(url.searchParams.get('from'), url.searchParams.get('to')) };
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  if (before) await before(page);
  await page.waitForTimeout(800); // let chart animations settle
  const file = `${outDir}/${name}-${viewport}-${language}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, errors.length ? `ERRORS: ${errors.join(' | ')}` : 'ok', `lang=${await page.getAttribute('html', 'lang')}`);
  await context.close();
}

const loginError = async (page) => {
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'wrong');
  await page.click('button[type=submit]');
  await page.waitForSelector('[role=alert]');
};
const openMenu = async (page) => page.click('.user-menu__button');

for (const language of ['zh-CN', 'en']) {
  for (const viewport of ['phone', 'wall']) {
    await shoot('login', { viewport, language, path: '/login' });
    await shoot('login-error', { viewport, language, path: '/login', before: loginError });
    await shoot('overview', { viewport, language, token: fakeToken, path: '/' });
  }
  await shoot('enterprise', { viewport: 'laptop', language, token: fakeToken, path: '/enterprises/91320100MA1X0000X1' });
  await shoot('enterprise', { viewport: 'phone', language, token: fakeToken, path: '/enterprises/91320100MA1X0000X1' });
  await shoot('enterprise-404', { viewport: 'phone', language, token: fakeToken, path: '/enterprises/X', ratings: '404' });
  await shoot('user-menu', { viewport: 'laptop', language, token: fakeToken, path: '/enterprises', before: openMenu });
  await shoot('redirect', { viewport: 'laptop', language, path: '/enterprises' });
}
// Close-up of the rating visuals (faces, stars, grade chips) at 3× to judge the SVG drawing.
{
  const context = await browser.newContext({ viewport: viewports.laptop, deviceScaleFactor: 3 });
  await context.addInitScript((tok) => sessionStorage.setItem('envface.token', tok), fakeToken);
  const page = await context.newPage();
  await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
  await page.locator('.rating-legend').screenshot({ path: `${outDir}/legend-closeup.png` });
  console.log(`${outDir}/legend-closeup.png`);
  await context.close();
}
await browser.close();
