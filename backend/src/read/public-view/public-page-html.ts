import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { ViteManifest } from '../../platform/web/web-app-assets';

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` as \u escapes (no `</script>`,
 * `<!--` or entity can end or change the element, whatever a name contains), and U+2028/U+2029 escaped too so
 * the text is also valid JavaScript. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The files a page of the app needs beyond index.html, from Vite's build manifest. */
export interface PageAssets {
  /** Stylesheets (in cascade order): index.html's own, then the page chunk's. */
  css: string[];
  /** index.html's stylesheets, to be replaced by the inlined copy. */
  entryCss: string[];
  /** JavaScript chunks of the page that index.html does not already load or preload. */
  modules: string[];
}

/**
 * What the lazily loaded chunk of `source` (e.g. `src/pages/public/public-page.tsx`) needs, from the manifest:
 * its file and static imports, their stylesheets, minus what index.html already brings. Null when the
 * manifest does not know the source.
 */
export function pageAssets(manifest: ViteManifest, source: string): PageAssets | null {
  const entry = manifest['index.html'];
  const page = manifest[source];
  if (!entry || !page) return null;
  const closure = (key: string, seen: Set<string>): Set<string> => {
    if (seen.has(key) || !manifest[key]) return seen;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) closure(imported, seen);
    return seen;
  };
  const loaded = closure('index.html', new Set());
  const needed = [...closure(source, new Set())].filter((key) => !loaded.has(key));
  const entryCss = [...new Set([...loaded].flatMap((key) => manifest[key].css ?? []))];
  const pageCss = [...new Set(needed.flatMap((key) => manifest[key].css ?? []))].filter((file) => !entryCss.includes(file));
  return { css: [...entryCss, ...pageCss], entryCss, modules: needed.map((key) => manifest[key].file) };
}

/** What the server puts into index.html for a server-rendered page. */
export interface FirstPaintPage {
  lang: string;
  title: string;
  /** The rendered first screen (already HTML), placed before the app's root. */
  markup: string;
  /** id of the hand-over script and the JSON it carries. */
  handoffId: string;
  handoff: unknown;
  /** The stylesheets' text, inlined so the first paint needs no second round trip. */
  styles: string;
  assets: PageAssets;
}

export interface ComposedPage {
  html: string;
  /** CSP source for the inline `<style>` (`'sha256-…'`). */
  styleHash: string;
}

const HTML_LANG = /<html\b[^>]*>/i;
const TITLE = /<title>[\s\S]*?<\/title>/i;
const ROOT = /<div id="root"><\/div>/;

/**
 * index.html with the first paint in it: `lang` and `<title>` set, index.html's stylesheet links replaced by
 * one inline `<style>` (index.html's and the page's rules, allowed by hash), the page chunk preloaded, the
 * rendered markup and the hand-over JSON before `<div id="root">`. Null when index.html lacks an anchor
 * (then the caller sends index.html unchanged).
 */
export function composeFirstPaintPage(indexHtml: string, page: FirstPaintPage): ComposedPage | null {
  if (!HTML_LANG.test(indexHtml) || !TITLE.test(indexHtml) || !ROOT.test(indexHtml) || !indexHtml.includes('</head>')) return null;
  let html = indexHtml.replace(HTML_LANG, `<html lang="${escapeHtml(page.lang)}">`).replace(TITLE, () => `<title>${escapeHtml(page.title)}</title>`);
  for (const file of page.assets.entryCss) {
    const link = new RegExp(`\\s*<link rel="stylesheet"[^>]*href="/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
    html = html.replace(link, '');
  }
  // Only "</style" could end the <style> element early: the build's CSS never contains it; if it ever did, the
  // page is sent without the first paint rather than broken.
  const styles = page.styles;
  if (/<\/style/i.test(styles)) return null;
  const head = [
    `<style>${styles}</style>`,
    // The page chunk and the stylesheets its loader waits for, fetched with the HTML's first bytes.
    ...page.assets.modules.map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`),
    ...page.assets.css.filter((file) => !page.assets.entryCss.includes(file)).map((file) => `<link rel="preload" as="style" crossorigin href="/${escapeHtml(file)}">`),
  ];
  html = html.replace('</head>', () => `${head.join('\n')}\n</head>`);
  const body = `${page.markup}\n<script type="application/json" id="${escapeHtml(page.handoffId)}">${jsonForScript(page.handoff)}</script>\n`;
  html = html.replace(ROOT, (root) => `${body}${root}`);
  return { html, styleHash: `'sha256-${createHash('sha256').update(styles, 'utf8').digest('base64')}'` };
}
