import type { RatingEffect } from '../../api/api-types';

export type EffectKind = 'deduction' | 'veto' | 'bonus';

export interface RegainStep {
  effect: RatingEffect;
  kind: EffectKind;
  /** The first day it no longer counts (the effect's exclusive `until`), null when only a repair ends it. */
  endsOn: string | null;
  /** Days from `today` until it ends, null when open-ended. */
  daysLeft: number | null;
  repairable: boolean;
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

function kindOf(effect: RatingEffect): EffectKind {
  if (effect.criterion === 'veto') return 'veto';
  if (effect.criterion === 'bonus') return 'bonus';
  return 'deduction';
}

/**
 * "How to regain stars": the effects active on `today`, what ends each and when. Vetoes first (they decide the
 * stars alone), then deductions by how much they cost, then bonuses; ties by the earliest end.
 */
export function regainPlan(effects: readonly RatingEffect[], today: string): RegainStep[] {
  const t = dayNumber(today);
  const rank: Record<EffectKind, number> = { veto: 0, deduction: 1, bonus: 2 };
  return effects
    .filter((e) => e.from <= today && (e.until === null || e.until > today))
    .map((effect): RegainStep => ({
      effect,
      kind: kindOf(effect),
      endsOn: effect.until,
      daysLeft: effect.until === null ? null : dayNumber(effect.until) - t,
      repairable: effect.repairable,
    }))
    .sort(
      (a, b) =>
        rank[a.kind] - rank[b.kind] ||
        b.effect.impact - a.effect.impact ||
        (a.endsOn ?? '9999') .localeCompare(b.endsOn ?? '9999') ||
        a.effect.eventId.localeCompare(b.effect.eventId),
    );
}
