import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The import rules of .dependency-cruiser.cjs (issue #11): read/ never imports pipeline/, the engine
 * imports only the contract, pipeline steps never import the steps before them, platform/ imports
 * nothing of the app, no cycles. Runs dependency-cruiser's `cruise` API (tests/architecture/cruise.mjs,
 * in a node process of its own: the package is ESM-only) and lists every violation.
 */
describe('import rules', () => {
  it('holds for backend/src, streams/src and bench', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'cruise.mjs')], { encoding: 'utf8', timeout: 120_000 });
    const { modules, violations } = JSON.parse(out) as {
      modules: number;
      violations: { rule: string; from: string; to: string; cycle?: string[] }[];
    };
    expect(modules).toBeGreaterThan(100);
    const listed = violations.map((v) => `${v.rule}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.join(' → ')})` : ''}`);
    expect(listed).toEqual([]);
  });
});
