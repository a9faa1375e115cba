import { ProcessShutdown } from './process-shutdown';

/** Signals are emitted to the handlers only (process.emit), so nothing is really killed. */
describe('ProcessShutdown', () => {
  let shutdown: ProcessShutdown;
  afterEach(() => shutdown.uninstall());

  function withExit(deadlineMs: number): { codes: number[]; exited: Promise<number> } {
    const codes: number[] = [];
    let resolve!: (code: number) => void;
    const exited = new Promise<number>((r) => (resolve = r));
    shutdown = new ProcessShutdown(deadlineMs, (code) => {
      codes.push(code);
      resolve(code);
    });
    shutdown.install();
    return { codes, exited };
  }

  it('closes the app in order and exits 0', async () => {
    const { exited } = withExit(5_000);
    let closed = false;
    shutdown.ready(async () => {
      closed = true;
    });
    process.emit('SIGTERM', 'SIGTERM');
    await expect(exited).resolves.toBe(0);
    expect(closed).toBe(true);
  });

  it('exits 1 at the deadline when the close hangs (broker or database gone)', async () => {
    const { exited } = withExit(100);
    shutdown.ready(() => new Promise(() => undefined));
    const started = Date.now();
    process.emit('SIGTERM', 'SIGTERM');
    await expect(exited).resolves.toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('exits at once on a second signal', async () => {
    const { codes, exited } = withExit(60_000);
    shutdown.ready(() => new Promise(() => undefined));
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    await expect(exited).resolves.toBe(1);
    expect(codes).toEqual([1]);
  });

  it('stops the embedded database when a signal comes during start-up', async () => {
    const { exited } = withExit(5_000);
    let stopped = false;
    shutdown.database(async () => {
      stopped = true;
    });
    process.emit('SIGINT', 'SIGINT');
    await expect(exited).resolves.toBe(0);
    expect(stopped).toBe(true);
  });
});
