import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RequestHandler, Response } from 'express';
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

/** The built single-page app (frontend/dist): static files plus index.html for client-side routes. */
export class WebAppAssets {
  private readonly indexFile: string;

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

  sendIndex(res: Response): void {
    res.status(200).type('html').setHeader('Cache-Control', 'no-cache');
    // Read per request: a rebuild of the frontend is picked up without restarting the server.
    res.send(this.built ? readFileSync(this.indexFile, 'utf8') : NOT_BUILT_PAGE);
  }
}
