import type { RatingEffect } from '../../api/api-types';
import { regainPlan } from './regain-plan';

const effect = (over: Partial<RatingEffect>): RatingEffect => ({
  indicator: 'E2', eventId: 'pen-1', criterion: 'E', points: 25, impact: 10.9, from: '2026-03-01', until: '2026-06-01', repairable: true, ...over,
});

describe('regainPlan', () => {
  const today = '2026-03-15';

  it('lists only effects active today, with the exclusive end day and days left', () => {
    const plan = regainPlan(
      [effect({}), effect({ eventId: 'old', until: '2026-03-15' }), effect({ eventId: 'future', from: '2026-03-16' })],
      today,
    );
    expect(plan.map((s) => s.effect.eventId)).toEqual(['pen-1']);
    expect(plan[0]).toMatchObject({ endsOn: '2026-06-01', daysLeft: 78, repairable: true, kind: 'deduction' });
  });

  it('puts vetoes first, then the costliest deductions, then bonuses; open-ended ones have no end day', () => {
    const plan = regainPlan(
      [
        effect({ eventId: 'bonus', criterion: 'bonus', indicator: 'B1', impact: 3 }),
        effect({ eventId: 'small', impact: 2 }),
        effect({ eventId: 'order', indicator: 'E3', impact: 4.4, until: null }),
        effect({ eventId: 'veto', criterion: 'veto', indicator: 'E7', impact: 0, repairable: false }),
      ],
      today,
    );
    expect(plan.map((s) => s.effect.eventId)).toEqual(['veto', 'order', 'small', 'bonus']);
    expect(plan[1]).toMatchObject({ endsOn: null, daysLeft: null });
    expect(plan.map((s) => s.kind)).toEqual(['veto', 'deduction', 'deduction', 'bonus']);
  });
});
