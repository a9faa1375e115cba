import { Logger } from '@nestjs/common';

/**
 * The process ends within this time of SIGTERM or SIGINT, whatever state it is in (broker gone,
 * database gone, mid-batch, mid-rebalance): orchestrators and process supervisors wait about 30 s
 * before SIGKILL, and an operator pressing Ctrl-C should not wait at all.
 */
export const SHUTDOWN_DEADLINE_MS = 13_000;

/**
 * Signal handling of the real server. The ordered close (Nest: consumer leaves the group after its
 * chunk commits, HTTP stops; then the pool; then the embedded PostgreSQL) runs first; if it has not
 * finished by the deadline the process exits anyway — nothing is half-written, since every batch is
 * one transaction and offsets are committed only after it. A second signal exits at once. On any
 * exit the embedded PostgreSQL's own exit hook asks the postmaster for a fast (clean) shutdown.
 */
export class ProcessShutdown {
  private readonly logger = new Logger('Shutdown');
  private closing = false;
  private close: (() => Promise<void>) | null = null;
  private stopDatabase: (() => Promise<void>) | null = null;
  private readyWaiters: (() => void)[] = [];
  private readonly onSignal = (signal: NodeJS.Signals): void => this.signal(signal);

  constructor(
    private readonly deadlineMs = SHUTDOWN_DEADLINE_MS,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  install(): void {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGINT', this.onSignal);
  }

  uninstall(): void {
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
  }

  /** The embedded PostgreSQL, once started: stopped if a signal comes before the app is up. */
  database(stop: () => Promise<void>): void {
    this.stopDatabase = stop;
  }

  /** The app is up: a signal now closes it in order. */
  ready(close: () => Promise<void>): void {
    this.close = close;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Start-up failed: nothing to wait for. */
  failed(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.closing) {
      this.logger.warn(`${signal} again: exiting now`);
      this.exit(1);
      return;
    }
    this.closing = true;
    this.logger.log(`${signal}: shutting down (at most ${Math.round(this.deadlineMs / 1000)} s)`);
    const deadline = setTimeout(() => {
      this.logger.error(`shutdown did not finish within ${Math.round(this.deadlineMs / 1000)} s; exiting (work not committed is redone by the next start)`);
      this.exit(1);
    }, this.deadlineMs);
    void this.run().then(
      () => {
        clearTimeout(deadline);
        this.logger.log('stopped');
        this.exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        this.logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        this.exit(1);
      },
    );
  }

  private async run(): Promise<void> {
    if (!this.close && this.stopDatabase) {
      // Still starting: stop the database now rather than finish a start nobody wants.
      await this.stopDatabase();
      return;
    }
    if (!this.close) await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    await this.close?.();
  }
}
