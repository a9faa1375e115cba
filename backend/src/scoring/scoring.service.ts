import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  daysToRate,
  eventBodyHash,
  isoFromDay,
  dayOfInstant,
  ratingDetailJson,
  RatingEngine,
  toScoringEvent,
  validateMessage,
  type ContractEvent,
  type DayRange,
  type RuleBook,
  type ScoringEvent,
} from '@envface/streams';
import stringify from 'safe-stable-stringify';
import { TZDate } from '@date-fns/tz';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, type Queryable } from '../db/database.service';
import { DeadLetterRepository, type DeadLetter } from './dead-letter.repository';
import { EnterpriseRepository, type CurrentRatingRow, type LockedEnterprise, type NextChangeRow, type RegistrationRow } from './enterprise.repository';
import { EventRepository } from './event.repository';
import type { BatchResult, IncomingMessage } from './incoming-message';
import { OutboxRepository, type OutboxMessage } from './outbox.repository';
import { OutboxDrainer } from './outbox-drainer.service';
import { RatingRepository, type NewRatingRow, type StoredRatingRow } from './rating.repository';
import { CLOCK, type Clock } from './clock';
import { Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { ListMembershipService } from '../pipeline/lists/list-membership.service';

export const RULE_BOOK = Symbol('RULE_BOOK');

/** Messages per group-commit transaction at most. */
const MAX_GROUP_MESSAGES = 5_000;

type Outcome = { kind: 'accepted' } | { kind: 'duplicate' } | { kind: 'rejected'; reason: string; detail: string };

interface GroupResult {
  outcomes: Outcome[];
  revisions: number;
}

interface Waiter {
  messages: readonly IncomingMessage[];
  resolve: (r: BatchResult) => void;
  reject: (e: unknown) => void;
}

function summarise(outcomes: readonly Outcome[], revisions: number): BatchResult {
  const result: BatchResult = { accepted: 0, duplicates: 0, rejected: [], revisions };
  outcomes.forEach((o, index) => {
    if (o.kind === 'accepted') result.accepted++;
    else if (o.kind === 'duplicate') result.duplicates++;
    else result.rejected.push({ index, reason: o.reason, detail: o.detail });
  });
  return result;
}

/** PostgreSQL refused the data itself (class 22 data exception, 23 integrity, 54 limits), not the connection. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

interface Admitted {
  index: number;
  msg: IncomingMessage;
  event: ContractEvent;
  hash: Buffer;
  se: ScoringEvent;
}


function deadLetterOf(msg: IncomingMessage, reason: string, detail: string): DeadLetter {
  let value = '';
  let encoding: 'utf8' | 'base64' = 'utf8';
  if (msg.value !== null) {
    const bytes = typeof msg.value === 'string' ? Buffer.from(msg.value, 'utf8') : msg.value;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      value = '\u0000'; // not UTF-8: sent base64-encoded below
    }
    // Not UTF-8, or holding NUL (which PostgreSQL text cannot store): base64, as the contract allows.
    if (value.includes('\u0000')) {
      value = bytes.toString('base64');
      encoding = 'base64';
    }
  }
  const rawKey = msg.key === null ? null : typeof msg.key === 'string' ? msg.key : msg.key.toString('utf8');
  const key = rawKey === null ? null : rawKey.replace(/\u0000/g, '\uFFFD');
  return { reason, detail, topic: msg.topic, partition: msg.partition, offset: msg.offset, key, value, encoding };
}

/**
 * The live rating pipeline for one batch of input messages: validate at the edge, store each event
 * once, apply it to the enterprise's in-memory ledger, re-rate exactly the affected days, append a
 * revision for every day whose rating changed, and queue the changes and dead letters in the outbox —
 * all in one transaction. The caller commits Kafka offsets only after this resolves.
 *
 * Ledgers are a cache of the database: an enterprise's row lock and event count tell whether the
 * cached ledger has seen every stored event; if not (another instance, a rebalance, a failed batch)
 * it is rebuilt from the stored events.
 */
@Injectable()
export class ScoringService {
  private readonly logger = new Logger('Scoring');
  private readonly engine: RatingEngine;
  private readonly ledgerCounts = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiting: Waiter[] = [];
  private pumping = false;
  private readonly groupSize: Histogram;

  constructor(
    private readonly db: Database,
    private readonly events: EventRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly ratings: RatingRepository,
    private readonly outbox: OutboxRepository,
    private readonly drainer: OutboxDrainer,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULE_BOOK) book: RuleBook,
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly lists: ListMembershipService,
  ) {
    this.engine = new RatingEngine(book, config.timeZone);
    this.groupSize =
      (registry.getSingleMetric('envface_scoring_group_messages') as Histogram | undefined) ??
      new Histogram({ name: 'envface_scoring_group_messages', help: 'Messages per group-commit transaction', buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000], registers: [registry] });
  }

  /**
   * Group commit: batches that arrive while a transaction runs (e.g. from several partitions at
   * once) are processed together in the next one, so the per-transaction cost is paid once per
   * group, not once per partition. Transactions run one at a time per instance: ledgers are shared.
   */
  processBatch(messages: readonly IncomingMessage[]): Promise<BatchResult> {
    return new Promise<BatchResult>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // The partitions of one fetch call in within the same tick: let them all queue, so the first
      // transaction takes them together instead of the first partition alone (and the rest a
      // second transaction, each paying the round trips).
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const group: Waiter[] = [];
        let size = 0;
        while (this.waiting.length > 0 && (group.length === 0 || size + this.waiting[0]!.messages.length <= MAX_GROUP_MESSAGES)) {
          const w = this.waiting.shift()!;
          group.push(w);
          size += w.messages.length;
        }
        const all = group.flatMap((g) => g.messages);
        this.groupSize.observe(all.length);
        try {
          const result = await this.exclusive(() => this.processSafely(all));
          let at = 0;
          for (const g of group) {
            g.resolve(summarise(result.outcomes.slice(at, at + g.messages.length), result.revisions));
            at += g.messages.length;
          }
        } catch (error) {
          for (const g of group) g.reject(error);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One bad message never stops a partition: a value the database refuses to store (say a NUL
   * character, which PostgreSQL text and jsonb cannot hold) fails the whole transaction, so the group
   * is split in halves until the culprit stands alone; it then goes to the dead letters. Any other
   * failure (database down) is thrown for the caller to retry.
   */
  private async processSafely(messages: readonly IncomingMessage[]): Promise<GroupResult> {
    try {
      return await this.process(messages);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (messages.length === 1) return this.rejectUnstorable(messages[0]!, error as Error);
      const mid = messages.length >> 1;
      const a = await this.processSafely(messages.slice(0, mid));
      const b = await this.processSafely(messages.slice(mid));
      return { outcomes: [...a.outcomes, ...b.outcomes], revisions: a.revisions + b.revisions };
    }
  }

  private async rejectUnstorable(msg: IncomingMessage, error: Error): Promise<GroupResult> {
    const letter = deadLetterOf(msg, 'schema', `the event cannot be stored: ${error.message}`);
    const nowMs = this.clock.now();
    const ids = await this.db.transaction('scoring.reject_unstorable', async (tx) => {
      const fresh = await this.deadLetters.add(tx, [letter]);
      return this.outbox.add(tx, fresh.map((l) => ({ kind: 'dlq' as const, key: l.key, payload: this.dlqPayload(l, nowMs) })));
    });
    this.drainer.enqueue(ids);
    return { outcomes: [{ kind: 'rejected', reason: letter.reason, detail: letter.detail }], revisions: 0 };
  }

  /**
   * Rates `day` for the given enterprises (the midnight rollover, or its catch-up after downtime):
   * windows end, permits lapse and deadlines pass with no event, so the day is rated from the
   * ledgers as they are. Days whose stored rating already matches are left alone, so a second run
   * (another instance, a retry) writes nothing.
   */
  rateDay(enterpriseIds: readonly string[], day: number): Promise<number> {
    return this.exclusive(async () => {
      const outboxIds: string[] = [];
      const revisions = await this.db.transaction('scoring.rate_day', async (tx) => {
        const locked = await this.enterprises.lock(tx, [...enterpriseIds].sort());
        return this.rateLocked(tx, locked, day, outboxIds);
      });
      this.drainer.enqueue(outboxIds);
      return revisions;
    });
  }

  /**
   * The rollover of `day` for these enterprises: those whose next possible change lies after `day`
   * get yesterday's rating copied in SQL (no ledger needed: at 200,000 enterprises most have nothing
   * ending tonight); the rest are rated from their ledgers like rateDay. The copy touches no ledger,
   * so it runs outside the scorer's queue (its row locks keep it apart from batches), and several
   * chunks can be copied at once.
   */
  async rollDay(enterpriseIds: readonly string[], day: number): Promise<{ revisions: number; copied: number }> {
    const iso = isoFromDay(day);
    const yesterday = isoFromDay(day - 1);
    const at = new TZDate(this.clock.now(), this.config.timeZone).toISOString();
    const copy = await this.db.transaction('scoring.roll_copy', async (tx) => {
      // Locked in one sorted statement (as batches lock them) before anything is read for the copy:
      // the copy's own snapshot then sees whatever a batch committed meanwhile.
      const locked = await this.enterprises.lock(tx, [...enterpriseIds].sort());
      // Copied: nothing can change on `day` ('infinity' sorts after every YYYY-MM-DD) and the current
      // rating is yesterday's, so the streak carries by one.
      const stable = [...locked.values()]
        .filter((e) => e.nextChangeDay !== null && e.nextChangeDay > iso && e.ratedDay === yesterday)
        .map((e) => e.uscc);
      return this.ratings.copyPreviousDay(tx, stable, iso, at);
    });
    this.drainer.enqueue(copy.outboxIds);
    const copied = new Set(copy.copied);
    const rest = enterpriseIds.filter((id) => !copied.has(id));
    const evaluated = rest.length > 0 ? await this.rateDay(rest, day) : 0;
    return { revisions: copy.copied.length + evaluated, copied: copy.copied.length };
  }

  /** Rates one day for enterprises whose ledger rows this transaction has locked. */
  private async rateLocked(tx: Queryable, locked: Map<string, LockedEnterprise>, day: number, outboxIds: string[]): Promise<number> {
    if (locked.size === 0) return 0;
    await this.syncLedgers(tx, locked);
    const ranges = new Map<string, { range: DayRange | null; causes: { id: string; range: DayRange }[] }>();
    for (const id of locked.keys()) ranges.set(id, { range: { from: day, until: day + 1 }, causes: [] });
    return this.rerate(tx, ranges, locked, day, this.clock.now(), outboxIds);
  }

  /** Forget every cached ledger (partitions were reassigned): they are rebuilt from the database on use. */
  forgetLedgers(): void {
    for (const id of [...this.engine.enterpriseIds()]) this.engine.drop(id);
    this.ledgerCounts.clear();
  }

  private async process(messages: readonly IncomingMessage[]): Promise<GroupResult> {
    const nowMs = this.clock.now();
    const tz = this.config.timeZone;
    const today = dayOfInstant(nowMs, tz);
    const dead: { index: number; letter: DeadLetter }[] = [];
    const admitted: Admitted[] = [];
    messages.forEach((msg, index) => {
      const v = validateMessage(msg, nowMs);
      if (!v.ok) dead.push({ index, letter: deadLetterOf(msg, v.reason, v.detail) });
      else admitted.push({ index, msg, event: v.event, hash: eventBodyHash(v.event), se: toScoringEvent(v.event, tz) });
    });

    const touched = new Set<string>();
    const outboxIds: string[] = [];
    try {
      const result = await this.db.transaction('scoring.batch', async (tx) => {
        // 1. Each eventId once: the first body stays; identical re-sends are duplicates, others conflicts.
        const firstInBatch = new Map<string, Admitted>();
        const candidates: Admitted[] = [];
        for (const a of admitted) {
          const prior = firstInBatch.get(a.event.eventId);
          if (!prior) {
            firstInBatch.set(a.event.eventId, a);
            candidates.push(a);
          } else if (!prior.hash.equals(a.hash)) dead.push({ index: a.index, letter: deadLetterOf(a.msg, 'duplicate_conflict', `eventId ${a.event.eventId} was already accepted with another body`) });
        }
        const claimed = await this.events.claimIds(
          tx,
          candidates.map((a) => ({ eventId: a.event.eventId, enterpriseId: a.event.enterpriseId, bodySha256: a.hash, occurredAt: a.event.occurredAt })),
        );
        const known = await this.events.hashesOf(tx, candidates.filter((a) => !claimed.has(a.event.eventId)).map((a) => a.event.eventId));
        const fresh: Admitted[] = [];
        for (const a of candidates) {
          if (claimed.has(a.event.eventId)) fresh.push(a);
          else if (!known.get(a.event.eventId)?.equals(a.hash)) dead.push({ index: a.index, letter: deadLetterOf(a.msg, 'duplicate_conflict', `eventId ${a.event.eventId} was already accepted with another body`) });
        }

        // 2. Enterprises: create unknown ones, lock the rows, make sure each ledger has seen every stored event.
        const firstDays = new Map<string, number>();
        for (const a of fresh) {
          const d = firstDays.get(a.event.enterpriseId);
          if (d === undefined || a.se.day < d) firstDays.set(a.event.enterpriseId, a.se.day);
        }
        const added = new Map<string, number>();
        for (const a of fresh) added.set(a.event.enterpriseId, (added.get(a.event.enterpriseId) ?? 0) + 1);
        for (const id of firstDays.keys()) touched.add(id);
        const locked = await this.enterprises.claim(
          tx,
          [...firstDays].map(([id, day]) => ({ uscc: id, firstDay: isoFromDay(day), newEvents: added.get(id)! })),
          // A cached ledger means the enterprise is stored: no insert attempt for it.
          this.ledgerCounts,
        );
        await this.syncLedgers(tx, locked);

        // 3. Store and apply.
        await this.events.insert(
          tx,
          fresh.map((a) => ({
            eventId: a.event.eventId,
            enterpriseId: a.event.enterpriseId,
            type: a.event.type,
            occurredAt: a.event.occurredAt,
            eventDay: isoFromDay(a.se.day),
            body: a.event,
            topic: a.msg.topic,
            partition: a.msg.partition,
            offset: a.msg.offset,
          })),
        );
        const ranges = new Map<string, { range: DayRange | null; causes: { id: string; range: DayRange }[] }>();
        const registrations: RegistrationRow[] = [];
        for (const a of fresh) {
          const id = a.event.enterpriseId;
          const { affected } = this.engine.ledgerFor(id).apply(a.se);
          const entry = ranges.get(id) ?? { range: null, causes: [] };
          if (affected) {
            entry.range = entry.range
              ? { from: Math.min(entry.range.from, affected.from), until: entry.range.until === null || affected.until === null ? null : Math.max(entry.range.until, affected.until) }
              : affected;
            entry.causes.push({ id: a.event.eventId, range: affected });
          }
          ranges.set(id, entry);
          if (a.event.type === 'enterprise.upserted') {
            const d = a.event.data;
            registrations.push({ uscc: id, name: d.name, regionCode: d.regionCode, industryCode: d.industryCode, address: d.address ?? null, lat: d.lat ?? null, lon: d.lon ?? null, occurredAt: a.event.occurredAt, eventId: a.event.eventId });
          }
        }
        await this.enterprises.register(tx, registrations);

        // 4. Re-rate the affected days; a day whose rating changed gets a new revision.
        const revisions = await this.rerate(tx, ranges, locked, today, nowMs, outboxIds);

        const newLetters = await this.deadLetters.add(tx, dead.map((d) => d.letter));
        outboxIds.push(...(await this.outbox.add(tx, newLetters.map((letter) => ({ kind: 'dlq', key: letter.key, payload: this.dlqPayload(letter, nowMs) })))));
        for (const [id, n] of added) this.ledgerCounts.set(id, locked.get(id)!.eventCountBefore + n);
        // Every message neither accepted nor rejected is an identical duplicate.
        const outcomes: Outcome[] = messages.map(() => ({ kind: 'duplicate' }));
        for (const a of fresh) outcomes[a.index] = { kind: 'accepted' };
        for (const d of dead) outcomes[d.index] = { kind: 'rejected', reason: d.letter.reason, detail: d.letter.detail };
        return { outcomes, revisions };
      });
      this.drainer.enqueue(outboxIds);
      return result;
    } catch (error) {
      // The transaction rolled back but ledgers may have applied events: drop them, the database is the truth.
      for (const id of touched) {
        this.engine.drop(id);
        this.ledgerCounts.delete(id);
      }
      throw error;
    }
  }

  /** Rebuilds, from the stored events, every ledger that has not seen exactly the events stored before this batch. */
  private async syncLedgers(tx: Queryable, locked: ReadonlyMap<string, LockedEnterprise>): Promise<void> {
    const stale = [...locked.values()].filter((e) => this.ledgerCounts.get(e.uscc) !== e.eventCountBefore || !this.engine.get(e.uscc)).map((e) => e.uscc);
    if (stale.length === 0) return;
    for (const id of stale) this.engine.drop(id);
    const rows = await this.events.bodiesOf(tx, stale);
    for (const row of rows) this.engine.ledgerFor(row.enterprise_id).apply(toScoringEvent(row.body as ContractEvent, this.config.timeZone));
    for (const id of stale) {
      this.engine.ledgerFor(id);
      this.ledgerCounts.set(id, locked.get(id)!.eventCountBefore);
    }
  }

  private async rerate(
    tx: Queryable,
    ranges: Map<string, { range: DayRange | null; causes: { id: string; range: DayRange }[] }>,
    locked: ReadonlyMap<string, LockedEnterprise>,
    today: number,
    nowMs: number,
    outboxIds: string[],
  ): Promise<number> {
    const plan: { id: string; from: number; to: number; causes: { id: string; range: DayRange }[] }[] = [];
    for (const [id, { range, causes }] of ranges) {
      const ledger = this.engine.get(id)!;
      const days = daysToRate(range, ledger.firstDay, today);
      if (days) plan.push({ id, ...days, causes });
    }
    if (plan.length === 0) {
      await this.recordNextChanges(tx, ranges.keys(), locked, today);
      return 0;
    }
    const oneDay = plan.every((p) => p.from === plan[0]!.from && p.to === plan[0]!.from);
    const stored = oneDay
      ? await this.ratings.latestOfDay(tx, plan.map((p) => p.id), isoFromDay(plan[0]!.from))
      : await this.ratings.latestInRanges(tx, plan.map((p) => ({ enterpriseId: p.id, from: isoFromDay(p.from), to: isoFromDay(p.to) })));
    const byKey = new Map<string, StoredRatingRow>(stored.map((r) => [`${r.enterprise_id}|${r.day}`, r]));
    const rows: NewRatingRow[] = [];
    const changes: OutboxMessage[] = [];
    const current: CurrentRatingRow[] = [];
    const pastRevised = new Set<string>();
    // Enterprises whose star drops of the last week may have moved: a day's stars changed, or a new
    // day whose predecessor's stars we cannot see here. (A score change within its band, the usual
    // live case, or a new day equal to yesterday's current rating, moves nothing.)
    const dropsMayMove = new Set<string>();
    const yesterday = isoFromDay(today - 1);
    const recentFrom = today - 8;
    const at = new TZDate(nowMs, this.config.timeZone).toISOString();
    /** Drop days known without a query (null: no drop in the last week); the query wins where it runs. */
    const knownDrops = new Map<string, string | null>();
    for (const p of plan) {
      const ledger = this.engine.get(p.id)!;
      // When the plan rates every day of the last week (a new enterprise, a late event), the drops
      // are computed here from those ratings, changed or not: no query needed.
      const weekStart = Math.max(ledger.firstDay ?? today, recentFrom);
      const wholeWeek = p.from <= weekStart && p.to === today;
      let lastDrop: number | null = null;
      let before: number | null = null;
      for (let d = p.from; d <= p.to; d++) {
        const r = ratingDetailJson(ledger.rate(d));
        if (wholeWeek && d >= weekStart) {
          if (before !== null && d > recentFrom && r.stars < before) lastDrop = d;
          before = r.stars;
        }
        const old = byKey.get(`${p.id}|${r.day}`);
        if (old && sameRating(old, r)) continue;
        const causes = p.causes.filter((c) => d >= c.range.from && (c.range.until === null || d < c.range.until)).map((c) => c.id);
        // A rollover revision has no event as its cause: the day itself arrived.
        const causeEventIds = causes.length > 0 ? causes : p.causes.map((c) => c.id);
        const revision = (old?.revision ?? 0) + 1;
        if (d >= recentFrom) {
          const before = locked.get(p.id)!;
          if (!old && d === today && before.ratedDay === yesterday && before.stars !== null) {
            // A new day after yesterday's rating (the rollover): yesterday's stars are in hand. A drop
            // today is the latest there can be; no drop leaves the stored one right (no other day moved).
            if (r.stars < before.stars) knownDrops.set(p.id, r.day);
          } else if (!old || old.stars !== r.stars) dropsMayMove.add(p.id);
        }
        rows.push({ enterpriseId: p.id, day: r.day, revision, scoreTenths: Math.round(r.score * 10), stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, criteria: r.criteria, bonus: r.bonus, effects: r.effects, causeEventIds });
        changes.push({
          kind: 'ratings',
          key: p.id,
          payload: {
            enterpriseId: p.id, day: r.day, score: r.score, stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, revision,
            previous: old ? { score: old.score_tenths / 10, stars: old.stars, face: old.face } : null,
            causeEventIds, at,
          },
        });
        if (d === today) current.push({ uscc: p.id, ratedDay: r.day, scoreTenths: Math.round(r.score * 10), stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, streak: 0 });
        else if (d < today) pastRevised.add(p.id);
      }
      if (wholeWeek && dropsMayMove.delete(p.id)) knownDrops.set(p.id, lastDrop === null ? null : isoFromDay(lastDrop));
    }
    await this.ratings.insert(tx, rows);
    // Star drops of the last week (early warnings) can only move where one of those days changed.
    await this.enterprises.markDrops(tx, [...dropsMayMove], isoFromDay(today));
    for (const id of dropsMayMove) knownDrops.delete(id);
    await this.enterprises.setLastDrops(tx, [...knownDrops].map(([uscc, lastDropDay]) => ({ uscc, lastDropDay })));
    // The 5-star streak is carried forward from the stored row when only today changed; recounted
    // from the history when past days were revised or the carry is unknown.
    const todayIso = isoFromDay(today);
    const recount: string[] = [];
    for (const c of current) {
      const old = locked.get(c.uscc)!;
      const carried =
        c.stars < 5 ? 0
        : pastRevised.has(c.uscc) ? null
        : old.ratedDay === todayIso && old.stars === 5 ? old.streak
        : old.ratedDay === isoFromDay(today - 1) ? (old.streak ?? 0) + 1
        : old.ratedDay === null && old.firstDay === todayIso ? 1
        : null;
      if (carried === null) recount.push(c.uscc);
      else c.streak = carried;
    }
    if (recount.length > 0) {
      const counted = await this.enterprises.streaks(tx, recount, todayIso);
      const recounted = new Set(recount);
      for (const c of current) if (recounted.has(c.uscc)) c.streak = counted.get(c.uscc) ?? 0;
    }
    await this.enterprises.setCurrent(tx, current);
    outboxIds.push(...(await this.outbox.add(tx, changes)));
    await this.recordNextChanges(tx, ranges.keys(), locked, today);
    // Credit lists follow the ratings in the same transaction (revisions included).
    await this.lists.afterRevisions(tx, rows, today, outboxIds);
    return rows.length;
  }

  /** Where each enterprise's rating can next change without an event (the rollover's fast path); written when it moved. */
  private async recordNextChanges(tx: Queryable, ids: Iterable<string>, locked: ReadonlyMap<string, LockedEnterprise>, today: number): Promise<void> {
    const moved: NextChangeRow[] = [];
    for (const id of ids) {
      const next = this.engine.get(id)!.nextChangeAfter(today);
      const iso = next === null ? 'infinity' : isoFromDay(next);
      if (locked.get(id)!.nextChangeDay !== iso) moved.push({ uscc: id, nextChangeDay: iso });
    }
    await this.enterprises.setNextChange(tx, moved);
  }

  private dlqPayload(letter: DeadLetter, nowMs: number): Record<string, unknown> {
    return {
      reason: letter.reason,
      detail: letter.detail,
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      key: letter.key,
      value: letter.value,
      ...(letter.encoding === 'base64' ? { encoding: 'base64' } : {}),
      at: new TZDate(nowMs, this.config.timeZone).toISOString(),
    };
  }
}

function sameRating(old: StoredRatingRow, r: ReturnType<typeof ratingDetailJson>): boolean {
  return (
    old.score_tenths === Math.round(r.score * 10) &&
    old.stars === r.stars &&
    old.face === r.face &&
    old.colour === r.colour &&
    old.grade === r.grade &&
    old.veto === r.veto &&
    old.bonus === r.bonus &&
    stringify(old.criteria) === stringify(r.criteria) &&
    // The explanation is part of the rating: a voided event must not stay listed on any day.
    stringify(old.effects) === stringify(r.effects)
  );
}
