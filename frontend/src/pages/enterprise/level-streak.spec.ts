import type { Stars } from '../../api/api-types';
import { levelStreak } from './level-streak';

const r = (day: string, stars: Stars) => ({ day, stars });

describe('levelStreak', () => {
  it('counts the days the current star level has been held, whatever the level', () => {
    expect(levelStreak([r('2026-11-03', 1), r('2026-11-01', 5), r('2026-11-02', 1)])).toEqual({ stars: 1, days: 2, atLeast: false });
  });

  it('says "at least" when the run covers all the loaded history', () => {
    expect(levelStreak([r('2026-11-01', 3), r('2026-11-02', 3)])).toEqual({ stars: 3, days: 2, atLeast: true });
  });

  it('stops at a missing day and answers null without ratings', () => {
    expect(levelStreak([r('2026-11-01', 4), r('2026-11-03', 4)])).toEqual({ stars: 4, days: 1, atLeast: false });
    expect(levelStreak([])).toBeNull();
  });
});
