import { buildOpenApiDocument, DOCUMENTED_ROUTES } from './openapi-document';

describe('the OpenAPI document built from the contract schemas', () => {
  const doc = buildOpenApiDocument();

  it('describes every route once, with its path parameters', () => {
    expect(new Set(DOCUMENTED_ROUTES).size).toBe(DOCUMENTED_ROUTES.length);
    for (const route of DOCUMENTED_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      const op = (doc.paths[path] as Record<string, { parameters?: { name: string; in: string }[] }>)[method.toLowerCase()];
      expect([route, op !== undefined]).toEqual([route, true]);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([route, (op!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort()]).toEqual([route, inPath]);
    }
  });

  it('marks who may call a route: bearer auth with 401/403 answers, none for public routes', () => {
    const login = doc.paths['/api/auth/login']!.post!;
    expect(login.security).toBeUndefined();
    const ratings = doc.paths['/api/enterprises/{uscc}/ratings']!.get!;
    expect(ratings.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(ratings.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
  });

  it('documents list filters as query parameters and the messages as components', () => {
    const list = doc.paths['/api/enterprises']!.get!;
    expect((list.parameters as { name: string }[]).map((p) => p.name).sort()).toEqual(['cursor', 'face', 'industry', 'limit', 'order', 'q', 'region', 'sort', 'stars']);
    const schemas = doc.components!.schemas!;
    for (const name of ['RatingChange', 'RatingsBurst', 'DeadLetterMessage', 'ErrorBody', 'RatingModel', 'PublicView']) expect([name, name in schemas]).toEqual([name, true]);
    expect(schemas.Stars).toMatchObject({ type: 'integer', enum: [1, 2, 3, 4, 5] });
  });
});
