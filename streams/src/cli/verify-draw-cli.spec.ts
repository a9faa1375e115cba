import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawPlan, type DrawStars } from '../supervision/draw';
import { runVerifyDrawCli } from './verify-draw-cli';

const example = JSON.parse(readFileSync(join(__dirname, '../../../tests/fixtures/draw-example.json'), 'utf8')) as {
  seed: string;
  size: number;
  inspectors: string[];
  population: { uscc: string; stars: DrawStars }[];
};

// A public plan as the API publishes it (no inspectors), built from the worked example.
const draw = drawPlan({ seed: example.seed, size: example.size, inspectors: example.inspectors, population: example.population });
const publicPlan = {
  id: 'p1',
  name: 'Q1 双随机',
  day: '2026-03-15',
  seed: example.seed,
  snapshotSha256: draw.snapshotSha256,
  populationSize: draw.population.length,
  drawn: draw.drawn.map((d) => ({ rank: d.rank, uscc: d.uscc, name: `企业${d.rank}`, stars: d.stars, weight: d.weight, key: d.key, result: null })),
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runVerifyDrawCli(argv, { stdout: (c) => (out += c), stderr: (c) => (err += c) });
  return { code, out, err };
}

function files(plan: unknown, population: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
  writeFileSync(join(dir, 'population.csv'), population);
  return dir;
}

describe('verify-draw CLI', () => {
  it('says MATCH (exit 0) for a faithful plan read from files', async () => {
    const dir = files(publicPlan, draw.populationFile);
    const r = await run(['--plan', join(dir, 'plan.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('MATCH');
    expect(r.out).toContain('✓ rank 1: 91320105MA1W000315 2★ weight 3 key -0.04903912862953303');
  });

  it('says MISMATCH (exit 1) when a drawn enterprise was swapped', async () => {
    const forged = { ...publicPlan, drawn: publicPlan.drawn.map((d) => (d.rank === 4 ? { ...d, uscc: '91320111MA1W00051W', stars: 5, weight: 0.5, key: -3.9927551907587753 } : d)) };
    const r = await run(['--plan', join(files(forged, draw.populationFile), 'plan.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ rank 4');
    expect(r.out).toContain('MISMATCH');
  });

  it('says MISMATCH when the population file was altered (a star changed)', async () => {
    const altered = draw.populationFile.replace('91320102MA1W00001N,5', '91320102MA1W00001N,4');
    const r = await run(['--plan', join(files(publicPlan, altered), 'plan.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ population file SHA-256 [0-9a-f]{64} ≠ snapshotSha256/);
  });

  it('fetches the plan and population.csv from a URL', async () => {
    const server: Server = createServer((req, res) => {
      if (req.url === '/api/public/inspection-plans/p1') res.setHeader('content-type', 'application/json').end(JSON.stringify(publicPlan));
      else if (req.url === '/api/public/inspection-plans/p1/population.csv') res.setHeader('content-type', 'text/csv; charset=utf-8').end(draw.populationFile);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/public/inspection-plans`;
      const ok = await run(['--plan', `${base}/p1`]);
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('MATCH');
      const missing = await run(['--plan', `${base}/nope`]);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('HTTP 404');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('exits 2 on bad arguments or input that is not a plan file', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--plan', '/nonexistent/plan.json'])).code).toBe(2);
    const notPlan = await run(['--plan', join(files({ hello: 1 }, ''), 'plan.json')]);
    expect(notPlan.code).toBe(1);
    expect(notPlan.out).toContain('✗ not a public plan');
  });
});
