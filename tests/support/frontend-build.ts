import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FRONTEND = path.join(ROOT, 'frontend');
/** Where the built web app is served from in browser tests. */
export const FRONTEND_DIST = path.join(FRONTEND, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its sources are newer than the build (CI builds it at npm ci). */
export function ensureFrontendBuilt(): void {
  const index = path.join(FRONTEND_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(FRONTEND, 'src')), statSync(path.join(FRONTEND, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', '@envface/frontend'], { cwd: ROOT, stdio: 'ignore' });
}
