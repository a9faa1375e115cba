// Runs dependency-cruiser's API over the sources with the repository's rules (.dependency-cruiser.cjs)
// and prints the violations as JSON on stdout. dependency-cruiser is ESM-only, which jest's CommonJS
// runtime cannot load, so import-rules.test.ts runs this script in a plain node process.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs'));
const roots = ['backend/src', 'streams/src', 'bench'].filter((p) => existsSync(path.join(ROOT, p)));
const tsConfig = extractTSConfig(path.join(ROOT, config.options.tsConfig.fileName));
const result = await cruise(roots, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } }, undefined, { tsConfig });
const violations = result.output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, cycle: v.cycle?.map((c) => c.name ?? c) }));
process.stdout.write(JSON.stringify({ modules: result.output.summary.totalCruised, violations }));
