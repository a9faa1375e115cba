import express from 'express';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, securityHeadersMiddleware } from './security-headers';

describe('contentSecurityPolicy', () => {
  it('is the very header helmet sends, and replaces or adds directives on request', async () => {
    const app = express();
    app.use(securityHeadersMiddleware());
    app.get('/', (_req, res) => res.send('ok'));
    const server = app.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    } finally {
      server.close();
    }
    const page = contentSecurityPolicy({ 'style-src-elem': ["'self'", "'sha256-abc'"], 'script-src': ["'none'"] });
    expect(page).toContain("style-src-elem 'self' 'sha256-abc'");
    expect(page).toContain("script-src 'none'");
    expect(page).not.toContain("script-src 'self'");
  });
});
