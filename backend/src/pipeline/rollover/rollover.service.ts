import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { dayFromIso, dayOfInstant, isoFromDay, type Day } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { DayRater } from '../score/day-rater';
import { catchUpDays, nextRolloverAt } from './rollover-schedule';
import { ListMembershipService } from '../lists/list-membership.service';
import { RolloverRepository } from './rollover.repository';

/** Enterprises rated per transaction: big enough to amortise the round trips, small enough to keep locks short. */
const CHUNK = 5_000;
/** Chunks rolled at once: the copies are database work, and the database has more than one core. */
const WORKERS = 2;
/** A claim unfinished this long belongs to a dead instance. */
const STALE_SECONDS = 15 * 60;
/** After a failure or a day another instance holds, look again this much later (not only at midnight). */
const RETRY_MS = 60_000;

export type RolloverOutcome = 'done' | 'finished_elsewhere' | 'busy' | 'stopped';

export interface RolloverDayResult {
  day: string;
  /** done: this call rated the day; finished_elsewhere: already rolled over; busy: another instance is at it. */
  outcome: RolloverOutcome;
  enterprises: number;
  revisions: number;
  /** Of the revisions, those copied from the previous day because nothing could change (no ledger needed). */
  copied: number;
  ms: number;
}

export interface RolloverSummary {
  /** The day that was "today" when the catch-up began: it covered every day through this one. */
  through: string;
  days: RolloverDayResult[];
  enterprises: number;
  revisions: number;
  ms: number;
}

export interface RunDayOptions {
  /** Rate the day even if a rollover of it finished already (benchmarks, audits); still writes only changes. */
  force?: boolean;
}

/**
 * The midnight rollover: at 00:00 in the rating timezone every enterprise gets the new day's rating
 * with no event at all (windows end, permits lapse, deadlines pass). One instance does each day —
 * the first to insert the day into rollover_runs — and a start-up catches up every day missed while
 * no instance ran. Re-rating is harmless (DayRater.rateDay writes only changed days), so a
 * takeover of a dead instance's half-done day simply redoes it.
 */
@Injectable()
export class RolloverService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Rollover');
  /** Unique per app instance, even for several instances in one process (tests). */
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<RolloverSummary> | null = null;
  private readonly inFlight = new Map<Day, Promise<RolloverDayResult>>();
  private stopping = false;

  constructor(
    private readonly runs: RolloverRepository,
    private readonly scoring: DayRater,
    private readonly drainer: OutboxDrainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lists: ListMembershipService,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: catching up 200,000 enterprises must not hold back the HTTP server.
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Resolves when no catch-up or day is running in this instance. */
  async idle(): Promise<void> {
    await this.catchingUp?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Rolls over every day from the one after the last finished rollover through today. */
  catchUp(): Promise<RolloverSummary> {
    if (!this.catchingUp) {
      this.catchingUp = this.runCatchUp().finally(() => {
        this.catchingUp = null;
      });
    }
    return this.catchingUp;
  }

  /**
   * Rates `day` (an epoch day, not after today) for every enterprise that exists on it, in keyset
   * chunks, once across all instances; then publishes the changes.
   */
  runDay(day: Day, options: RunDayOptions = {}): Promise<RolloverDayResult> {
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    if (day > today) return Promise.reject(new RangeError(`cannot roll over ${isoFromDay(day)} before it starts (today is ${isoFromDay(today)})`));
    // One run per day per instance: a second caller shares it instead of racing its own claim.
    const running = this.inFlight.get(day);
    if (running) return running;
    const run = this.rollOver(day, options.force ?? false).finally(() => this.inFlight.delete(day));
    this.inFlight.set(day, run);
    return run;
  }

  private wake(): void {
    this.timer = undefined;
    if (this.stopping) return;
    this.catchUp().then(
      (summary) => this.arm(summary.days.some((d) => d.outcome === 'busy'), dayFromIso(summary.through)),
      (error: unknown) => {
        this.logger.error(`rollover failed, retrying in ${RETRY_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`);
        this.arm(true, null);
      },
    );
  }

  /** Sleeps until the next local midnight (or sooner, to retry), measured on the injected clock. */
  private arm(retrySoon: boolean, through: Day | null): void {
    if (this.stopping) return;
    const now = this.clock.now();
    let at = nextRolloverAt(now, this.config.timeZone);
    if (retrySoon) at = Math.min(at, now + RETRY_MS);
    // A catch-up that ran past midnight has not covered the new day yet: go again at once.
    if (through !== null && dayOfInstant(now, this.config.timeZone) > through) at = now;
    // A timer that fires early (clock adjusted, suspended machine) just finds nothing to do and re-arms.
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - now));
    this.timer.unref();
  }

  private async runCatchUp(): Promise<RolloverSummary> {
    const started = Date.now();
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    const last = await this.runs.lastFinishedDay();
    const earliest = last === null ? await this.runs.earliestRatedDay() : null;
    const days = catchUpDays(last === null ? null : dayFromIso(last), earliest === null ? null : dayFromIso(earliest), today);
    const results: RolloverDayResult[] = [];
    for (const day of days) {
      if (this.stopping) break;
      results.push(await this.runDay(day));
    }
    const done = results.filter((r) => r.outcome === 'done');
    const summary: RolloverSummary = {
      through: isoFromDay(today),
      days: results,
      enterprises: done.reduce((n, r) => n + r.enterprises, 0),
      revisions: done.reduce((n, r) => n + r.revisions, 0),
      ms: Date.now() - started,
    };
    if (done.length > 0) {
      const span = done.length === 1 ? done[0].day : `${done[0].day}..${done[done.length - 1].day}`;
      this.logger.log(
        `rolled over ${span}: ${done.length} day(s), ${summary.enterprises} enterprise-days, ${summary.revisions} revisions (${done.reduce((n, r) => n + r.copied, 0)} copied unchanged), ${summary.ms} ms`,
      );
    }
    for (const r of results) if (r.outcome === 'busy') this.logger.log(`rollover of ${r.day} is running on another instance`);
    return summary;
  }

  private async rollOver(day: Day, force: boolean): Promise<RolloverDayResult> {
    const started = Date.now();
    const iso = isoFromDay(day);
    let enterprises = 0;
    let revisions = 0;
    let copied = 0;
    const result = (outcome: RolloverOutcome): RolloverDayResult => ({ day: iso, outcome, enterprises, revisions, copied, ms: Date.now() - started });
    if (!force) {
      const claim = await this.runs.claim(iso, this.instance, STALE_SECONDS);
      if (claim !== 'claimed') return result(claim === 'finished' ? 'finished_elsewhere' : 'busy');
    }
    // Pages are handed out one at a time; WORKERS chunks are rolled at once (the copies run in
    // parallel on the database, the evaluated rest queues behind the scorer's batches).
    let after = '';
    let pages: Promise<string[]> = Promise.resolve([]);
    const nextPage = (): Promise<string[]> => {
      pages = pages.then(async () => {
        const ids = await this.runs.enterprisesOn(iso, after, CHUNK);
        if (ids.length > 0) after = ids[ids.length - 1]!;
        return ids;
      });
      return pages;
    };
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!this.stopping && !failed) {
        const ids = await nextPage();
        if (ids.length === 0) return;
        const rolled = await this.scoring.rollDay(ids, day);
        // Copied days extend open list runs by themselves; the few whose lists can change that day are recomputed.
        this.drainer.enqueue(await this.lists.advanceDay(ids, day));
        revisions += rolled.revisions;
        copied += rolled.copied;
        enterprises += ids.length;
        // Publish while the next chunk is rated; drains coalesce, the final one below is awaited.
        this.drainer.drain().catch(() => undefined);
      }
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: WORKERS }, () => worker().catch((error: unknown) => {
        failed = true;
        throw error;
      })),
    );
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) {
      // Give the day back so the retry (here or elsewhere) need not wait for the claim to go stale.
      if (!force) await this.runs.release(iso, this.instance).catch(() => undefined);
      throw failure.reason;
    }
    if (this.stopping) {
      if (!force) await this.runs.release(iso, this.instance);
      return result('stopped');
    }
    if (!force) await this.runs.finish(iso, this.instance);
    // A failing sink keeps its messages in the outbox and the drainer retries by itself.
    await this.drainer.drain().catch(() => undefined);
    return result('done');
  }
}
