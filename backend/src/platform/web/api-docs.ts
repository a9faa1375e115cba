import * as path from 'node:path';
import { buildOpenApiDocument } from '@envface/streams';
import express, { Router } from 'express';

/**
 * The API documentation: /api/docs-json is the OpenAPI document generated from the contract's zod
 * schemas (streams/src/contract/openapi-document.ts), /api/docs shows it with Swagger UI's static
 * files (swagger-ui-dist). No decorators: routes and schemas are described once, in the contract.
 */
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EnvFace API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/envface-docs.js"></script>
</body></html>
`;

// A file, not an inline script, so the page works under a script-src 'self' policy.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false });\n`;

export function apiDocsRouter(): Router {
  let document: string | null = null;
  const router = Router();
  router.get('/api/docs-json', (_req, res) => {
    // Built on first use: a pure function of the schemas, the same for every request.
    document ??= JSON.stringify(buildOpenApiDocument());
    res.type('json').setHeader('Cache-Control', 'no-cache');
    res.send(document);
  });
  router.get(['/api/docs', '/api/docs/'], (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.send(PAGE);
  });
  router.get('/api/docs/envface-docs.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  router.use('/api/docs', express.static(SWAGGER_UI_DIR, { index: false }));
  return router;
}
