import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FRONTEND_DIST, ensureFrontendBuilt } from '../support/frontend-build';
import { startPublicTestApp, type PublicTestApp } from './public-test-app';

/**
 * Issue 14 §6: the build writes brotli and gzip copies of the assets, and the server sends them with the
 * right Content-Encoding (brotli preferred), the same bytes once decoded, and the plain file otherwise.
 */
describe('precompressed static assets', () => {
  let t: PublicTestApp;
  let asset: string;

  beforeAll(async () => {
    ensureFrontendBuilt();
    const assets = readdirSync(path.join(FRONTEND_DIST, 'assets'));
    // The largest JavaScript file: certainly above the compression threshold.
    asset = assets.filter((f) => f.endsWith('.js')).sort((a, b) => readFileSync(path.join(FRONTEND_DIST, 'assets', b)).length - readFileSync(path.join(FRONTEND_DIST, 'assets', a)).length)[0]!;
    expect(assets).toEqual(expect.arrayContaining([`${asset}.br`, `${asset}.gz`]));
    t = await startPublicTestApp({ webDistDir: FRONTEND_DIST });
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (encoding: string) => fetch(`${t.app.url}/assets/${asset}`, { headers: { 'accept-encoding': encoding } });

  it('sends brotli, gzip or the plain file as the browser accepts, with the same content', async () => {
    const plain = readFileSync(path.join(FRONTEND_DIST, 'assets', asset));
    // fetch would decode on its own; read the raw bytes through arrayBuffer of a non-decoding request.
    const br = await get('gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const brRaw = readFileSync(path.join(FRONTEND_DIST, 'assets', `${asset}.br`));
    expect(brotliDecompressSync(brRaw)).toEqual(plain);
    expect(brRaw.length).toBeLessThan(plain.length / 2);
    expect(Buffer.from(await br.arrayBuffer())).toEqual(plain); // fetch decoded it

    const gz = await get('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(readFileSync(path.join(FRONTEND_DIST, 'assets', `${asset}.gz`)))).toEqual(plain);
    expect(Buffer.from(await gz.arrayBuffer())).toEqual(plain);

    const identity = await get('identity');
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(Number(identity.headers.get('content-length'))).toBe(plain.length);
  });
});
