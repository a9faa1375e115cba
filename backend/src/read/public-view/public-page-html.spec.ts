import { createHash } from 'node:crypto';
import type { ViteManifest } from '../../platform/web/web-app-assets';
import { composeFirstPaintPage, jsonForScript, pageAssets, type FirstPaintPage } from './public-page-html';

const HOSTILE = '甲</script><script>alert(1)</script><!-- \u2028\u2029 & "\'>';

const INDEX = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>环保脸谱 EnvFace</title>
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-R.js">
    <link rel="stylesheet" crossorigin href="/assets/index-C.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const MANIFEST: ViteManifest = {
  'index.html': { file: 'assets/index-A.js', isEntry: true, imports: ['_react-R.js'], css: ['assets/index-C.css'] },
  '_react-R.js': { file: 'assets/react-R.js' },
  '_stars-S.js': { file: 'assets/stars-S.js', imports: ['_react-R.js'], css: ['assets/stars-S.css'] },
  'src/pages/public/public-page.tsx': { file: 'assets/public-page-P.js', isDynamicEntry: true, imports: ['_react-R.js', '_stars-S.js', 'index.html'], css: ['assets/public-X.css'] },
};

function page(overrides: Partial<FirstPaintPage> = {}): FirstPaintPage {
  return {
    lang: 'zh-CN',
    title: `${HOSTILE} · 环保脸谱 EnvFace`,
    markup: '<div id="q-first-paint"><main class="q-page">…</main></div>',
    handoffId: 'q-initial-view',
    handoff: { token: 'T'.repeat(22), view: { name: HOSTILE, uscc: '91320106MA1P00001K' }, renderedAt: 1 },
    styles: 'body{margin:0}\n.q-page{padding:1rem}',
    assets: pageAssets(MANIFEST, 'src/pages/public/public-page.tsx')!,
    ...overrides,
  };
}

/** The text of the first <script type="application/json"> element, as an HTML parser would cut it. */
function handoffText(html: string): string {
  const start = html.indexOf('<script type="application/json" id="q-initial-view">');
  expect(start).toBeGreaterThan(0);
  const open = html.indexOf('>', start) + 1;
  return html.slice(open, html.indexOf('</script', open));
}

describe('jsonForScript', () => {
  it('leaves nothing that could end the script element, open a comment or break JavaScript, and reads back unchanged', () => {
    const value = { name: HOSTILE, nested: [HOSTILE] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
    // Also valid JavaScript (U+2028 was a line terminator in strings before ES2019).
    expect(new Function(`return ${text};`)()).toEqual(value);
  });
});

describe('pageAssets', () => {
  it('takes the page chunk and its imports, minus what index.html already loads, with stylesheets in cascade order', () => {
    expect(pageAssets(MANIFEST, 'src/pages/public/public-page.tsx')).toEqual({
      css: ['assets/index-C.css', 'assets/public-X.css', 'assets/stars-S.css'],
      entryCss: ['assets/index-C.css'],
      modules: ['assets/public-page-P.js', 'assets/stars-S.js'],
    });
    expect(pageAssets(MANIFEST, 'src/pages/nope.tsx')).toBeNull();
  });
});

describe('composeFirstPaintPage', () => {
  it('escapes a hostile name in the title and hands the view over in a script it cannot break out of', () => {
    const composed = composeFirstPaintPage(INDEX, page())!;
    expect(composed.html).toContain('<title>甲&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- \u2028\u2029 &amp; &quot;&#39;&gt; · 环保脸谱 EnvFace</title>');
    // Exactly the app's own script and the hand-over: the name added no element.
    expect(composed.html.match(/<script/g)).toHaveLength(2);
    expect(composed.html).not.toContain('<!-- ');
    expect(JSON.parse(handoffText(composed.html))).toEqual(page().handoff);
  });

  it('puts the first paint before the root, sets lang, inlines the styles allowed by their hash and preloads the page chunk', () => {
    const composed = composeFirstPaintPage(INDEX, page({ lang: 'en' }))!;
    const html = composed.html;
    expect(html).toContain('<html lang="en">');
    expect(html.indexOf('<div id="q-first-paint">')).toBeLessThan(html.indexOf('<div id="root"></div>'));
    expect(html.indexOf('id="q-initial-view"')).toBeLessThan(html.indexOf('<div id="root"></div>'));
    // index.html's stylesheet is inlined, not linked (a second round trip before the first paint).
    expect(html).not.toContain('<link rel="stylesheet"');
    expect(html).toContain('<style>body{margin:0}\n.q-page{padding:1rem}</style>');
    const hash = createHash('sha256').update('body{margin:0}\n.q-page{padding:1rem}').digest('base64');
    expect(composed.styleHash).toBe(`'sha256-${hash}'`);
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/public-page-P.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/stars-S.js">');
    expect(html.match(/href="\/assets\/react-R.js"/g)).toHaveLength(1);
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/public-X.css">');
    expect(html.indexOf('<style>')).toBeLessThan(html.indexOf('</head>'));
  });

  it('gives up (index.html goes out unchanged) without its anchors or with styles that would end the style element', () => {
    expect(composeFirstPaintPage('<!doctype html><title>EnvFace</title><script type="module" src="/assets/app.js"></script>', page())).toBeNull();
    expect(composeFirstPaintPage(INDEX, page({ styles: 'a{}</style><script>alert(1)</script>' }))).toBeNull();
  });
});
