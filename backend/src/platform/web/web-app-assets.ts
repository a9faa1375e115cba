import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

// src/platform/web and dist/platform/web sit at the same depth, so this is <repo>/frontend/dist in both.
export const FRONTEND_DIST = path.resolve(__dirname, '..', '..', '..', '..', 'frontend', 'dist');

/** Paths the web app never owns: they belong to the API, socket.io and Prometheus. */
const SERVER_PREFIXES = ['/api', '/socket.io', '/metrics'];

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EnvFace</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>EnvFace 环保脸谱</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> and restart the server.</p>
<p>The API is available under <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/** One entry of Vite's build manifest (`build.manifest`): a source module and what the build made of it. */
export interface ViteManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type ViteManifest = Record<string, ViteManifestChunk>;

/** HTML answers smaller than this go out as they are. */
const COMPRESS_FROM_BYTES = 1024;

/** What one build of the web app left in dist, read once per build (index.html's mtime changes with every build). */
interface BuildSnapshot {
  stamp: number;
  indexHtml: string;
  manifest: ViteManifest | null;
  assets: Map<string, string>;
  modules: Map<string, unknown>;
}

/**
 * The built single-page app (frontend/dist): static files plus index.html for client-side routes; for pages
 * the server renders a first state of (the public QR page, #14 §6) also the build manifest, asset texts and
 * the server-side render modules the build put in dist/.ssr/. A rebuild is picked up without a restart.
 */
export class WebAppAssets {
  private readonly indexFile: string;
  private snapshot: BuildSnapshot | null = null;

  constructor(readonly distDir: string = FRONTEND_DIST) {
    this.indexFile = path.join(distDir, 'index.html');
  }

  get built(): boolean {
    return existsSync(this.indexFile);
  }

  /**
   * Static files; Vite's hashed assets are immutable, index.html must always be revalidated. The build
   * writes .br and .gz copies (vite-plugin-compression2): they are sent with Content-Encoding when the
   * browser accepts them, brotli first.
   */
  staticMiddleware(): RequestHandler {
    if (!this.built) return (_req, _res, next) => next();
    return expressStaticGzip(this.distDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders: (res, file) => {
          const immutable = file.startsWith(path.join(this.distDir, 'assets') + path.sep);
          res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }) as RequestHandler;
  }

  /**
   * True for an unmatched GET/HEAD that looks like a client-side route: outside the server
   * prefixes and without a file extension (a missing /logo.png stays a 404).
   */
  servesRoute(method: string, urlPath: string): boolean {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (SERVER_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`))) return false;
    const last = urlPath.split('/').pop() ?? '';
    return !last.includes('.');
  }

  sendIndex(res: Response, status = 200): void {
    res.status(status).type('html').setHeader('Cache-Control', 'no-cache');
    res.send(this.indexHtml());
  }

  /** index.html of the current build (or a page saying the app is not built). */
  indexHtml(): string {
    return this.current()?.indexHtml ?? NOT_BUILT_PAGE;
  }

  /** Vite's build manifest (dist/.vite/manifest.json); null when the build has none. */
  manifest(): ViteManifest | null {
    return this.current()?.manifest ?? null;
  }

  /** The text of a built file named by the manifest (e.g. `assets/index-abc.css`); null when missing or outside dist. */
  assetText(file: string): string | null {
    const build = this.current();
    if (!build) return null;
    const cached = build.assets.get(file);
    if (cached !== undefined) return cached;
    const full = path.resolve(this.distDir, file);
    if (!full.startsWith(this.distDir + path.sep) || !existsSync(full)) return null;
    const text = readFileSync(full, 'utf8');
    build.assets.set(file, text);
    return text;
  }

  /**
   * A server-side render module of the build (dist/.ssr/<name>, CommonJS), loaded once per build; null when
   * the build has none (e.g. a stand-in index.html in tests): callers then send index.html as it is.
   */
  serverModule<T>(name: string): T | null {
    const build = this.current();
    if (!build) return null;
    if (build.modules.has(name)) return build.modules.get(name) as T | null;
    const file = path.join(this.distDir, '.ssr', name);
    let loaded: unknown = null;
    if (existsSync(file)) {
      // A rebuild writes the same file name: drop the old copy so the new one is read.
      delete require.cache[require.resolve(file)];
      loaded = require(file) as unknown;
    }
    build.modules.set(name, loaded);
    return loaded as T | null;
  }

  /**
   * Sends a rendered HTML page, compressed (brotli, else gzip) when the browser accepts it: these pages are
   * made per request, so the build's precompressed copies cannot serve them.
   */
  sendHtml(req: Request, res: Response, status: number, html: string): void {
    res.status(status).type('html');
    res.vary('Accept-Encoding');
    const body = Buffer.from(html, 'utf8');
    const encoding = body.length >= COMPRESS_FROM_BYTES ? req.acceptsEncodings('br', 'gzip') : false;
    if (encoding === 'br') {
      res.setHeader('Content-Encoding', 'br');
      res.send(brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    } else if (encoding === 'gzip') {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(gzipSync(body, { level: 6 }));
    } else {
      res.send(body);
    }
  }

  /** The current build, re-read when index.html changed (a rebuild); null when not built. */
  private current(): BuildSnapshot | null {
    let stamp: number;
    try {
      stamp = statSync(this.indexFile).mtimeMs;
    } catch {
      return null;
    }
    if (this.snapshot?.stamp === stamp) return this.snapshot;
    const manifestFile = path.join(this.distDir, '.vite', 'manifest.json');
    const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ViteManifest) : null;
    this.snapshot = { stamp, indexHtml: readFileSync(this.indexFile, 'utf8'), manifest, assets: new Map(), modules: new Map() };
    return this.snapshot;
  }
}
