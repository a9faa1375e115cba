// The committed generated/openapi.d.ts must be what the contract's schemas give today: this test
// builds the OpenAPI document from the schemas' sources, renders it in memory (the generator script
// with --render, in a child process: openapi-typescript loads ES modules that jest cannot) and
// compares. When it fails, run `npm run generate:api-types` and commit the result.
//
// It runs in node under jest; the web app's own tsconfig has no node types, so node modules come in
// through a typed `require` (@envface/streams maps to its sources in jest).
declare const require: ((id: string) => unknown) & { resolve(id: string): string };
declare const process: { execPath: string };
export {};

const { readFileSync } = require('node:fs') as { readFileSync(path: string, encoding: 'utf8'): string };
const { execFileSync } = require('node:child_process') as {
  execFileSync(file: string, args: string[], options: { input: string; encoding: 'utf8'; maxBuffer: number }): string;
};
const { OUTPUT } = require('../../scripts/generate-api-types.cjs') as { OUTPUT: string };
const { buildOpenApiDocument } = require('@envface/streams') as { buildOpenApiDocument(): unknown };

describe('generated API types', () => {
  it('match the OpenAPI document built from the contract schemas (else run npm run generate:api-types)', () => {
    const script = require.resolve('../../scripts/generate-api-types.cjs');
    const fresh = execFileSync(process.execPath, [script, '--render'], { input: JSON.stringify(buildOpenApiDocument()), encoding: 'utf8', maxBuffer: 64 << 20 });
    const committed = readFileSync(OUTPUT, 'utf8');
    // The first differing line says more than a 135 kB diff.
    const a = fresh.split('\n');
    const b = committed.split('\n');
    const first = a.findIndex((line, i) => line !== b[i]);
    expect(first === -1 ? null : { line: first + 1, expected: a[first], committed: b[first] }).toBeNull();
    expect(committed).toBe(fresh);
  });
});
