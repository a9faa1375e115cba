import { starCountsOf, totalOf } from './star-counts';

describe('starCountsOf', () => {
  it('turns string keys into star levels and fills missing ones with 0', () => {
    const counts = starCountsOf({ '5': 7, '1': 2 });
    expect(counts).toEqual({ 1: 2, 2: 0, 3: 0, 4: 0, 5: 7 });
    expect(totalOf(counts)).toBe(9);
    expect(totalOf(starCountsOf(undefined))).toBe(0);
  });
});
