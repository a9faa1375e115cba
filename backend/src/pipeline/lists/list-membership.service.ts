import { Logger } from '@nestjs/common';
import { TZDate } from '@date-fns/tz';
import {
  CREDIT_LISTS,
  dayFromIso,
  evaluateLists,
  isNearThreshold,
  isoFromDay,
  membershipChanges,
  profileFor,
  runsOf,
  type CreditList,
  type ListRating,
  type RuleBook,
} from '@envface/streams';
import type { Database, Queryable } from '../../platform/db/database.service';
import type { Clock } from '../../platform/clock';
import type { OutboxMessage, OutboxRepository } from '../outbox/outbox.repository';
import type { ListMembershipRepository, ListTarget, RunRow } from './list-membership.repository';

const BACKFILL_CHUNK = 500;

/** What a day's rating contributes to the lists: exactly the inputs of `evaluateLists` (a ListRating). */
export interface ListFacts {
  scoreTenths: number;
  stars: number;
  veto: boolean;
  effects: readonly { indicator: string }[];
}

/**
 * True when two ratings of a day give the same ListRating (stars, veto, near a threshold, an overdue
 * order) under these thresholds: a revision between them cannot move any list, so the scorer skips
 * the recompute — the usual live case, an hourly reading moving the score within its band.
 */
export function sameListFacts(a: ListFacts, b: ListFacts, t: { five: number; four: number; three: number; two: number }): boolean {
  const e4 = (f: ListFacts): boolean => f.effects.some((e) => e.indicator === 'E4');
  return (
    a.stars === b.stars &&
    a.veto === b.veto &&
    e4(a) === e4(b) &&
    isNearThreshold(a.scoreTenths, a.stars, a.veto, t) === isNearThreshold(b.scoreTenths, b.stars, b.veto, t)
  );
}

/**
 * Credit-list membership (docs/supervision.md §1), kept as runs (from, to) per list and enterprise
 * and recomputed from the stored ratings whenever ratings change — in the scorer's transaction, so
 * lists are exactly as current as the ratings, revisions (late events, accepted appeals) included.
 * Each join or leave becomes an outbox row of kind 'lists' (topic envface.lists.v1).
 *
 * Not an @Injectable: the scoring module builds it with the rule book (see scoring.module.ts), which
 * this folder cannot import without a cycle.
 */
export class ListMembershipService {
  private readonly logger = new Logger('Lists');

  constructor(
    private readonly db: Database,
    private readonly repo: ListMembershipRepository,
    private readonly outbox: OutboxRepository,
    private readonly book: RuleBook,
    private readonly timeZone: string,
    private readonly clock: Clock,
  ) {}

  /**
   * After the scorer wrote revisions: recompute each enterprise from its earliest revised day to
   * today. The scorer passes only the revisions that may move a list (see `sameListFacts`). Outbox ids are appended to `outboxIds` (the scorer hands them to the drainer after commit).
   */
  async afterRevisions(tx: Queryable, rows: readonly { enterpriseId: string; day: string }[], today: number, outboxIds: string[]): Promise<void> {
    const from = new Map<string, number>();
    for (const r of rows) {
      const d = dayFromIso(r.day);
      if (d > today) continue;
      const f = from.get(r.enterpriseId);
      if (f === undefined || d < f) from.set(r.enterpriseId, d);
    }
    outboxIds.push(...(await this.recomputeTargets(tx, [...from].map(([id, f]) => ({ id, from: f })), today)));
  }

  /** Recomputes the lists of these enterprises from `fromDay` to `today` (the caller holds their row locks). Returns outbox ids. */
  recompute(tx: Queryable, enterpriseIds: readonly string[], fromDay: number, today: number): Promise<string[]> {
    return this.recomputeTargets(tx, enterpriseIds.map((id) => ({ id, from: fromDay })), today);
  }

  /**
   * The rollover of `day` for a chunk: copied ratings extend open runs by themselves (to_day NULL);
   * only enterprises whose lists can change on a copied day are recomputed. Enterprises the rollover
   * evaluated were already recomputed by the scorer (a second pass finds nothing to change).
   */
  async advanceDay(enterpriseIds: readonly string[], day: number): Promise<string[]> {
    if (enterpriseIds.length === 0) return [];
    return this.db.transaction('lists.advance_day', async (tx) => {
      const candidates = await this.repo.mayChangeOnNewDay(tx, enterpriseIds, day);
      if (candidates.length === 0) return [];
      const locked = await this.repo.lock(tx, [...candidates].sort());
      return this.recompute(tx, locked, day, day);
    });
  }

  /** One-off for databases rated before lists existed: every enterprise from its first day. */
  async backfill(today: number): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      const page = await this.repo.enterprisesAfter(this.db, after, BACKFILL_CHUNK);
      if (page.length === 0) return done;
      after = page[page.length - 1]!.uscc;
      await this.db.transaction('lists.backfill', async (tx) => {
        const locked = new Set(await this.repo.lock(tx, page.map((p) => p.uscc)));
        await this.recomputeTargets(tx, page.filter((p) => locked.has(p.uscc)).map((p) => ({ id: p.uscc, from: p.first_day })), today);
      });
      done += page.length;
    }
  }

  private async recomputeTargets(tx: Queryable, targets: readonly ListTarget[], today: number): Promise<string[]> {
    if (targets.length === 0) return [];
    const ids = targets.map((t) => t.id);
    // One after another: a transaction is one connection.
    const ratingRows = await this.repo.ratingsWindow(tx, targets, today);
    const runRows = await this.repo.touchingRuns(tx, targets);
    const industries = await this.repo.industries(tx, ids);
    const ratingsOf = new Map<string, Map<number, ListRating>>();
    for (const r of ratingRows) {
      let m = ratingsOf.get(r.enterprise_id);
      if (!m) ratingsOf.set(r.enterprise_id, (m = new Map()));
      const t = profileFor(this.book, industries.get(r.enterprise_id)).thresholds;
      m.set(r.day, { stars: r.stars, veto: r.veto, near: isNearThreshold(r.score_tenths, r.stars, r.veto, t), overdueOrder: r.e4 });
    }
    const runsOfEnterprise = new Map<string, RunRow[]>();
    for (const r of runRows) {
      let list = runsOfEnterprise.get(r.enterprise_id);
      if (!list) runsOfEnterprise.set(r.enterprise_id, (list = []));
      list.push(r);
    }

    const changedTargets: ListTarget[] = [];
    const newRuns: RunRow[] = [];
    const messages: OutboxMessage[] = [];
    const at = new TZDate(this.clock.now(), this.timeZone).toISOString();
    for (const target of targets) {
      const { id, from } = target;
      if (from > today) continue;
      const touching = runsOfEnterprise.get(id) ?? [];
      const carried = new Map<string, number>(); // list → start of the run covering from − 1
      for (const run of touching) if (run.from_day <= from - 1 && (run.to_day === null || run.to_day >= from - 1)) carried.set(run.list, run.from_day);
      const redStart = carried.get('red');
      const flags = evaluateLists({ from, to: today, ratings: ratingsOf.get(id) ?? new Map(), fiveStreakBefore: redStart === undefined ? 0 : from - redStart });
      let changed = false;
      const runs: RunRow[] = [];
      for (const list of CREDIT_LISTS) {
        const now = flags[list];
        const old = now.map((_, i) => touching.some((r) => r.list === list && r.from_day <= from + i && (r.to_day === null || r.to_day >= from + i)));
        for (const c of membershipChanges(old, now, from)) {
          changed = true;
          messages.push({ kind: 'lists', key: id, payload: { list, enterpriseId: id, day: isoFromDay(c.day), change: c.change, at } });
        }
        const fresh = runsOf(now, from);
        const start = carried.get(list);
        if (start !== undefined) {
          // The run covering from − 1 continues if still a member on `from`, else it ended the day before.
          if (fresh[0]?.from === from) fresh[0] = { from: start, to: fresh[0].to };
          else fresh.unshift({ from: start, to: from - 1 });
        }
        for (const r of fresh) runs.push({ list: list as CreditList, enterprise_id: id, from_day: r.from, to_day: r.to });
      }
      // A stored shape that differs with equal flags (e.g. a run left open past its end) is repaired too.
      if (!changed && sameRuns(touching, runs)) continue;
      changedTargets.push(target);
      newRuns.push(...runs);
    }
    await this.repo.replaceRuns(tx, changedTargets, newRuns);
    if (messages.length > 0) this.logger.debug(`${messages.length} list changes for ${changedTargets.length} enterprises`);
    return this.outbox.add(tx, messages);
  }
}

function sameRuns(a: readonly RunRow[], b: readonly RunRow[]): boolean {
  if (a.length !== b.length) return false;
  const key = (r: RunRow): string => `${r.list}|${r.from_day}|${r.to_day}`;
  const set = new Set(a.map(key));
  return b.every((r) => set.has(key(r)));
}
