import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet with our policy. The CSP is explicit (no helmet defaults) so nothing slips in unnoticed:
 * - `default-src 'self'`, `frame-ancestors 'none'` (no framing, clickjacking), `object-src 'none'`;
 * - `style-src 'self' 'unsafe-inline'`: ECharts, React and Swagger UI set inline style attributes;
 *   scripts stay 'self' only (the built app and Swagger UI load scripts from files);
 * - `img-src 'self' data: blob:`: QR codes, ECharts exports and photo previews;
 * - no `upgrade-insecure-requests`: a plain-HTTP intranet deployment must keep loading its assets.
 * Plus nosniff, Referrer-Policy no-referrer (public QR tokens must not leak through the Referer),
 * X-Frame-Options DENY for old browsers.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
};

/**
 * The policy as a header value, with some directives replaced or added: a page that inlines its styles
 * (the server-rendered public QR page) allows exactly those `<style>` elements by hash with
 * `style-src-elem`, keeping `'unsafe-inline'` for style attributes only (`style-src-attr`).
 */
export function contentSecurityPolicy(overrides: Readonly<Record<string, readonly string[]>> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...overrides })
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

export function securityHeadersMiddleware(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([name, values]) => [name, [...values]])),
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
  });
}
