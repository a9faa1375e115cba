import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  dayFromIso,
  earlyWarnings,
  isoFromDay,
  profileFor,
  type DayRating,
  type ExplainedEffect,
  type EarlyWarningJson,
  type RuleBook,
  type StoredEffect,
} from '@envface/streams';
import type { StoredRatingRow } from '../../platform/db/daily-rating-row';
import { RULE_BOOK } from '../../platform/rule-book';
import type { ProfileThresholds } from './stats.repository';

export type { EarlyWarningJson };

function storedEffects(effects: StoredEffect[]): StoredEffect[] {
  return Array.isArray(effects) ? effects : [];
}

/** A stored revision back into the engine's DayRating, so the engine's own rules judge it. */
function dayRatingOf(row: StoredRatingRow): DayRating {
  return {
    day: dayFromIso(row.day),
    scoreTenths: row.score_tenths,
    stars: row.stars,
    face: row.face,
    colour: row.colour,
    grade: row.grade,
    veto: row.veto,
    criteria: row.criteria,
    bonus: row.bonus,
    effects: storedEffects(row.effects).map(
      (e): ExplainedEffect => ({
        indicator: e.indicator,
        eventId: e.eventId,
        criterion: e.criterion,
        points: e.points,
        impact: e.impact,
        from: dayFromIso(e.from),
        until: e.until === null ? null : dayFromIso(e.until),
        repairable: e.repairable,
      }),
    ),
  };
}

/**
 * Early warnings (预警, docs/rating-rules.md) of stored ratings, by the engine's `earlyWarnings` with the
 * rule profile of the enterprise's industry — the same rule book the scorer rates with.
 */
@Injectable()
export class EarlyWarningService implements OnModuleInit {
  private book: RuleBook | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    // The scoring module owns the rule book and does not export it; looked up once, read-only.
    this.book = this.moduleRef.get<RuleBook>(RULE_BOOK, { strict: false });
  }

  private rules(): RuleBook {
    if (!this.book) this.onModuleInit();
    return this.book!;
  }

  /** Thresholds of every profile, for the SQL that preselects candidates. */
  thresholds(): ProfileThresholds {
    const book = this.rules();
    const all: [string, { two: number; three: number; four: number; five: number }][] = [
      ['', book.defaultProfile.thresholds],
      ...[...book.profiles].map(([prefix, p]): [string, typeof p.thresholds] => [prefix, p.thresholds]),
    ];
    return {
      prefixes: all.map(([p]) => p),
      two: all.map(([, t]) => t.two),
      three: all.map(([, t]) => t.three),
      four: all.map(([, t]) => t.four),
      five: all.map(([, t]) => t.five),
    };
  }

  /**
   * Warnings for `day`, from the latest revisions of days day−7 … day (ascending, any subset).
   * No rating stored for `day` → no warnings.
   */
  warningsOn(day: string, industryCode: string | null, ratings: readonly StoredRatingRow[]): EarlyWarningJson[] {
    const today = ratings.find((r) => r.day === day);
    if (!today) return [];
    const d = dayFromIso(day);
    const recent = ratings
      .map((r) => ({ day: dayFromIso(r.day), stars: r.stars }))
      .filter((r) => r.day >= d - 7 && r.day <= d)
      .sort((a, b) => a.day - b.day);
    return earlyWarnings(dayRatingOf(today), recent, profileFor(this.rules(), industryCode)).map((w) => ({
      kind: w.kind,
      ...(w.threshold !== undefined ? { threshold: w.threshold / 10 } : {}),
      ...(w.day !== undefined ? { day: isoFromDay(w.day) } : {}),
      ...(w.eventIds !== undefined ? { eventIds: w.eventIds } : {}),
    }));
  }
}
