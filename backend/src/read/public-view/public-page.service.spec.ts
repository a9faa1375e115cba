import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../../platform/config/app-config';
import { ApiError } from '../../platform/web/api-error';
import { WebAppAssets } from '../../platform/web/web-app-assets';
import { PUBLIC_VIEW_KEYS, type PublicView } from './public-view';
import type { PublicViewService } from './public-view.service';
import { PublicPageService, cookieValue } from './public-page.service';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const VIEW: PublicView = {
  name: '南京</script>化工',
  uscc: '91320106MA1P00001K',
  score: 89.1,
  stars: 4,
  face: 'smile',
  colour: 'blue',
  grade: 'good',
  last30: [{ day: '2026-03-15', stars: 4, face: 'smile' }],
  penalties: [],
  underAppeal: false,
};

/** A stand-in build: index.html, a manifest, the stylesheets and a server renderer that echoes its input. */
function fakeBuild(withRenderer = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'envface-first-paint-'));
  mkdirSync(path.join(dir, '.vite'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><title>EnvFace</title><link rel="stylesheet" crossorigin href="/assets/index-C.css"></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(
    path.join(dir, '.vite', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/index-A.js', css: ['assets/index-C.css'] }, 'src/pages/public/public-page.tsx': { file: 'assets/public-page-P.js', imports: ['index.html'], css: ['assets/public-X.css'] } }),
  );
  writeFileSync(path.join(dir, 'assets', 'index-C.css'), 'body{margin:0}');
  writeFileSync(path.join(dir, 'assets', 'public-X.css'), '.q-page{padding:1rem}');
  if (withRenderer) {
    mkdirSync(path.join(dir, '.ssr'));
    writeFileSync(
      path.join(dir, '.ssr', 'public-first-paint.cjs'),
      `exports.FIRST_PAINT_ID = 'q-first-paint'; exports.INITIAL_VIEW_ID = 'q-initial-view'; exports.LANGUAGE_COOKIE = 'envface.language';
       exports.renderPublicFirstPaint = (input) => ({ lang: input.language === 'en' ? 'en' : 'zh-CN', title: 'T', markup: '<div id="q-first-paint" data-input="' + encodeURIComponent(JSON.stringify({ ...input, renderedAt: 0 })) + '"></div>' });`,
    );
  }
  return dir;
}

function service(dir: string, view: () => Promise<unknown> = async () => VIEW): PublicPageService {
  const views = { viewByToken: view } as unknown as PublicViewService;
  return new PublicPageService(views, new WebAppAssets(dir), { timeZone: 'Asia/Shanghai' } as AppConfig);
}

function rendererInput(html: string): Record<string, unknown> {
  return JSON.parse(decodeURIComponent(/data-input="([^"]*)"/.exec(html)![1])) as Record<string, unknown>;
}

describe('PublicPageService', () => {
  const dirs: string[] = [];
  const build = (withRenderer = true) => {
    const dir = fakeBuild(withRenderer);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('renders the view and hands over exactly the public fields, with a CSP allowing its one style element', async () => {
    const answer = await service(build()).page(TOKEN, 'a=1; envface.language=en');
    expect(answer.status).toBe(200);
    const input = rendererInput(answer.html);
    expect(input).toMatchObject({ token: TOKEN, language: 'en', timeZone: 'Asia/Shanghai', view: VIEW });
    const handoff = JSON.parse(/<script type="application\/json" id="q-initial-view">([^<]*)<\/script>/.exec(answer.html)![1]) as { token: string; view: PublicView };
    expect(handoff.token).toBe(TOKEN);
    expect(Object.keys(handoff.view).sort()).toEqual([...PUBLIC_VIEW_KEYS].sort());
    expect(answer.html).toContain('<style>body{margin:0}\n.q-page{padding:1rem}</style>');
    expect(answer.csp).toMatch(/style-src-elem 'self' 'sha256-[A-Za-z0-9+/=]+';style-src-attr 'unsafe-inline'/);
    expect(answer.csp).toContain("script-src 'self';");
  });

  it('refuses to render a view with a field the contract does not name (nothing internal can slip into the page)', async () => {
    await expect(service(build(), async () => ({ ...VIEW, regionCode: '320106', publicToken: TOKEN })).page(TOKEN, undefined)).rejects.toThrow();
  });

  it('answers an unknown token with the app and 404, and sends index.html unchanged without a server renderer', async () => {
    const dir = build();
    const unknown = await service(dir, async () => Promise.reject(new ApiError(404, 'not_found', 'No enterprise has this code'))).page(TOKEN, undefined);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('<div id="root"></div>');
    expect(unknown.html).not.toContain('q-first-paint');
    const plain = await service(build(false)).page(TOKEN, undefined);
    expect(plain).toEqual({ status: 200, html: new WebAppAssets(dir).indexHtml() });
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; envface.language=en; b=2', 'envface.language')).toBe('en');
    expect(cookieValue('xenvface.language=en', 'envface.language')).toBeUndefined();
    expect(cookieValue(undefined, 'envface.language')).toBeUndefined();
  });
});
