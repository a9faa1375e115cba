import { evaluateLists, isNearThreshold, membershipChanges, runsOf, type ListRating } from './credit-lists';

const r = (stars: number, extra: Partial<ListRating> = {}): ListRating => ({ stars, veto: false, near: false, overdueOrder: false, ...extra });

function history(starsFromDay100: (number | null)[]): Map<number, ListRating> {
  const m = new Map<number, ListRating>();
  starsFromDay100.forEach((s, i) => s !== null && m.set(100 + i, r(s)));
  return m;
}

describe('evaluateLists', () => {
  it('red and black follow the day; incentive and exempt need 30 and 180 rated 5★ days in a row', () => {
    const ratings = history(Array.from({ length: 40 }, () => 5));
    const f = evaluateLists({ from: 100, to: 139, ratings, fiveStreakBefore: 0 });
    expect(f.red.every(Boolean)).toBe(true);
    expect(f.incentive.indexOf(true)).toBe(29); // day 129 = the 30th day
    // With 150 5★ days before, the 180th comes on day 129 as well.
    const g = evaluateLists({ from: 100, to: 139, ratings, fiveStreakBefore: 150 });
    expect(g.exempt.indexOf(true)).toBe(29);
    expect(g.incentive.every(Boolean)).toBe(true);
  });

  it('a day not rated breaks every streak', () => {
    const stars = Array.from({ length: 40 }, (_, i) => (i === 10 ? null : 5));
    const f = evaluateLists({ from: 100, to: 139, ratings: history(stars), fiveStreakBefore: 100 });
    expect(f.incentive.slice(0, 10).every(Boolean)).toBe(true);
    expect(f.incentive[10]).toBe(false);
    expect(f.incentive.indexOf(true, 11)).toBe(-1); // days 111–139 are 29: the 30th would be day 140
    expect(f.red[10]).toBe(false);
  });

  it('priority: a veto, or ≤ 2★ on each of 7 days', () => {
    const stars = [2, 1, 2, 2, 1, 2, 2, 3, 2];
    const f = evaluateLists({ from: 100, to: 108, ratings: history(stars), fiveStreakBefore: 0 });
    expect(f.priority).toEqual([false, false, false, false, false, false, true, false, false]);
    const v = evaluateLists({ from: 100, to: 100, ratings: new Map([[100, r(1, { veto: true })]]), fiveStreakBefore: 0 });
    expect(v.priority).toEqual([true]);
    expect(v.black).toEqual([true]);
  });

  it('warning: near a threshold, an overdue order, or a drop within the last 7 days', () => {
    const ratings = history([5, 4, 4, 4, 4, 4, 4, 4, 4]);
    const f = evaluateLists({ from: 100, to: 108, ratings, fiveStreakBefore: 0 });
    expect(f.warning).toEqual([false, true, true, true, true, true, true, true, false]);
    ratings.set(108, r(4, { overdueOrder: true }));
    expect(evaluateLists({ from: 108, to: 108, ratings, fiveStreakBefore: 0 }).warning).toEqual([true]);
    ratings.set(108, r(4, { near: true }));
    expect(evaluateLists({ from: 108, to: 108, ratings, fiveStreakBefore: 0 }).warning).toEqual([true]);
  });

  it('near a threshold: inclusive 2.0 above the current band, never under a veto or at 1★', () => {
    const t = { five: 900, four: 800, three: 700, two: 600 };
    expect(isNearThreshold(920, 5, false, t)).toBe(true);
    expect(isNearThreshold(921, 5, false, t)).toBe(false);
    expect(isNearThreshold(800, 4, false, t)).toBe(true);
    expect(isNearThreshold(950, 1, true, t)).toBe(false);
    expect(isNearThreshold(500, 1, false, t)).toBe(false);
  });
});

describe('runsOf and membershipChanges', () => {
  it('turns flags into maximal runs, the last one open', () => {
    expect(runsOf([true, true, false, true], 10)).toEqual([{ from: 10, to: 11 }, { from: 13, to: null }]);
    expect(runsOf([false, false], 10)).toEqual([]);
  });

  it('one message for a change of today; a rewrite from the first differing day after a revision', () => {
    expect(membershipChanges([true, true, true], [true, true, false], 10)).toEqual([{ day: 12, change: 'left' }]);
    expect(membershipChanges([false, false, false, false], [false, true, true, false], 10)).toEqual([
      { day: 11, change: 'joined' },
      { day: 13, change: 'left' },
    ]);
    expect(membershipChanges([true, false, true], [true, false, true], 10)).toEqual([]);
  });
});
