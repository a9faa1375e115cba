import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/**
 * The real EnvFace server as a child process (built code), for tests that must kill it (SIGKILL)
 * or stop it with a signal. The launcher fixes the server clock through startApp's option, like
 * the in-process tests do.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** tsc -b is incremental: a no-op when dist is current (CI builds at npm ci). */
export function ensureBackendBuilt(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'streams', 'backend'], { cwd: ROOT, stdio: 'inherit' });
}

const LAUNCHER = `
const { startApp } = require(${JSON.stringify(path.join(ROOT, 'backend/dist/platform/bootstrap/start-app.js'))});
const { fixedClock, systemClock } = require(${JSON.stringify(path.join(ROOT, 'backend/dist/platform/clock.js'))});
const now = process.argv[1];
startApp(process.env, { clock: now ? fixedClock(now) : systemClock, shutdownHooks: true, print: () => undefined })
  .then((app) => console.log('ENVFACE_TEST_LISTENING ' + app.url))
  .catch((e) => { console.error(e); process.exit(1); });
`;

export interface AppProcess {
  child: ChildProcess;
  url: Promise<string>;
  /** Exit code, or the signal that ended it (Nest re-raises SIGTERM after a graceful close). */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
}

export function spawnApp(env: Record<string, string>, fixedNow?: string): AppProcess {
  const child = spawn(process.execPath, ['-e', LAUNCHER, fixedNow ?? ''], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /ENVFACE_TEST_LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`app exited (${code}) before listening:\n${out.slice(-3000)}`)));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  url.catch(() => undefined);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, url, exited, output: () => out };
}
