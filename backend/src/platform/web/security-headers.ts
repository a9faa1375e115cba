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
export function securityHeadersMiddleware(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
  });
}
