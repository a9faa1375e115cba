import { Inject, Injectable } from '@nestjs/common';
import { daysToRate, isoFromDay, ratingChangeMessage, ratingDetailJson, type DayRange } from '@envface/streams';
import stringify from 'safe-stable-stringify';
import { TZDate } from '@date-fns/tz';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Queryable } from '../../platform/db/database.service';
import { OutboxRepository, type OutboxMessage } from '../outbox/outbox.repository';
import { EnterpriseRepository, type CurrentRatingRow, type LockedEnterprise, type NextChangeRow } from './enterprise.repository';
import { ListMembershipService, sameListFacts } from '../lists/list-membership.service';
import { LedgerCache } from './ledger-cache';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';
import { RatingRepository, type DayCountDelta, type NewRatingRow } from './rating.repository';

/** Per enterprise: the days its events touched, and which event touched which days. */
export type AffectedRanges = Map<string, { range: DayRange | null; causes: { id: string; range: DayRange }[] }>;

/**
 * Re-rates exactly the affected days from the (synced) ledgers: a day whose rating changed gets a
 * new revision and a ratings outbox row; the current rating, streak, star drops and next change
 * day of each enterprise move with it. Runs inside the caller's transaction.
 */
@Injectable()
export class Rerater {
  constructor(
    private readonly ledgers: LedgerCache,
    private readonly ratings: RatingRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lists: ListMembershipService,
  ) {}

  async rerate(
    tx: Queryable,
    ranges: AffectedRanges,
    locked: ReadonlyMap<string, LockedEnterprise>,
    today: number,
    nowMs: number,
    outboxIds: string[],
  ): Promise<number> {
    const plan: { id: string; from: number; to: number; causes: { id: string; range: DayRange }[] }[] = [];
    for (const [id, { range, causes }] of ranges) {
      const ledger = this.ledgers.engine.get(id)!;
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
    const countDeltas: DayCountDelta[] = [];
    const current: CurrentRatingRow[] = [];
    const pastRevised = new Set<string>();
    // Revisions that may move a credit list (the rest change the score within what the lists read).
    const listRevisions: { enterpriseId: string; day: string }[] = [];
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
      const ledger = this.ledgers.engine.get(p.id)!;
      // When the plan rates every day of the last week (a new enterprise, a late event), the drops
      // are computed here from those ratings, changed or not: no query needed.
      const weekStart = Math.max(ledger.firstDay ?? today, recentFrom);
      const wholeWeek = p.from <= weekStart && p.to === today;
      const thresholds = ledger.currentProfile.thresholds;
      // A re-rate from the first day may come from a new industry profile: other thresholds, so
      // "near a threshold" of the stored rows is not comparable — recompute.
      const fromFirstDay = ledger.firstDay === null || p.from <= ledger.firstDay;
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
        const scoreTenths = Math.round(r.score * 10);
        if (fromFirstDay || !old || !sameListFacts({ scoreTenths: old.score_tenths, stars: old.stars, veto: old.veto, effects: old.effects }, { scoreTenths, stars: r.stars, veto: r.veto, effects: r.effects }, thresholds)) {
          listRevisions.push({ enterpriseId: p.id, day: r.day });
        }
        countDeltas.push({ day: r.day, stars: r.stars, delta: 1 });
        if (old) countDeltas.push({ day: r.day, stars: old.stars, delta: -1 });
        rows.push({ enterpriseId: p.id, day: r.day, revision, scoreTenths: Math.round(r.score * 10), stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, criteria: r.criteria, bonus: r.bonus, effects: r.effects, causeEventIds });
        changes.push({
          kind: 'ratings',
          key: p.id,
          payload: ratingChangeMessage(p.id, r, revision, old ? { score: old.score_tenths / 10, stars: old.stars, face: old.face } : null, causeEventIds, at),
        });
        if (d === today) current.push({ uscc: p.id, ratedDay: r.day, scoreTenths: Math.round(r.score * 10), stars: r.stars, face: r.face, colour: r.colour, grade: r.grade, veto: r.veto, streak: 0 });
        else if (d < today) pastRevised.add(p.id);
      }
      if (wholeWeek && dropsMayMove.delete(p.id)) knownDrops.set(p.id, lastDrop === null ? null : isoFromDay(lastDrop));
    }
    await this.ratings.insert(tx, rows);
    // The trend's daily star counts move with the revisions, in this transaction.
    await this.ratings.addDayCountDeltas(tx, countDeltas);
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
    // Past days revised (a late event, a void) under an unchanged today still move the streak:
    // a late event that fills the days before the first one lengthens it.
    const withToday = new Set(current.map((c) => c.uscc));
    const streakOnly = [...pastRevised].filter((id) => !withToday.has(id));
    if (recount.length > 0 || streakOnly.length > 0) {
      const counted = await this.enterprises.streaks(tx, [...recount, ...streakOnly], todayIso);
      const recounted = new Set(recount);
      for (const c of current) if (recounted.has(c.uscc)) c.streak = counted.get(c.uscc) ?? 0;
      await this.enterprises.setStreaks(tx, streakOnly.map((uscc) => ({ uscc, streak: counted.get(uscc) ?? 0, ratedDay: todayIso })));
    }
    await this.enterprises.setCurrent(tx, current);
    outboxIds.push(...(await this.outbox.add(tx, changes)));
    await this.recordNextChanges(tx, ranges.keys(), locked, today);
    // Credit lists follow the ratings in the same transaction (revisions included).
    await this.lists.afterRevisions(tx, listRevisions, today, outboxIds);
    return rows.length;
  }

  /** Where each enterprise's rating can next change without an event (the rollover's fast path); written when it moved. */
  private async recordNextChanges(tx: Queryable, ids: Iterable<string>, locked: ReadonlyMap<string, LockedEnterprise>, today: number): Promise<void> {
    const moved: NextChangeRow[] = [];
    for (const id of ids) {
      const next = this.ledgers.engine.get(id)!.nextChangeAfter(today);
      const iso = next === null ? 'infinity' : isoFromDay(next);
      if (locked.get(id)!.nextChangeDay !== iso) moved.push({ uscc: id, nextChangeDay: iso });
    }
    await this.enterprises.setNextChange(tx, moved);
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
