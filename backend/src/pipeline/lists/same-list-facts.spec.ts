import { sameListFacts, type ListFacts } from './list-membership.service';

// Default thresholds in tenths: 5★ from 90.0, 4★ from 80.0, 3★ from 70.0, 2★ from 60.0; "near" is within 2.0 above.
const t = { five: 900, four: 800, three: 700, two: 600 };
const rating = (over: Partial<ListFacts>): ListFacts => ({ scoreTenths: 950, stars: 5, veto: false, effects: [], ...over });

describe('sameListFacts: whether a revision can move a credit list', () => {
  it('a score move inside the band and away from the threshold moves nothing', () => {
    expect(sameListFacts(rating({ scoreTenths: 950 }), rating({ scoreTenths: 940 }), t)).toBe(true);
  });

  it('crossing into "near the threshold" (≤ 2.0 above) counts, though stars stay', () => {
    expect(sameListFacts(rating({ scoreTenths: 925 }), rating({ scoreTenths: 920 }), t)).toBe(false);
    expect(sameListFacts(rating({ scoreTenths: 921 }), rating({ scoreTenths: 920 }), t)).toBe(false);
    expect(sameListFacts(rating({ scoreTenths: 919 }), rating({ scoreTenths: 901 }), t)).toBe(true);
  });

  it('stars, veto and an overdue rectification order (E4) each count', () => {
    expect(sameListFacts(rating({ stars: 5 }), rating({ stars: 4, scoreTenths: 850 }), t)).toBe(false);
    expect(sameListFacts(rating({ stars: 1, scoreTenths: 950 }), rating({ stars: 1, veto: true }), t)).toBe(false);
    expect(sameListFacts(rating({ effects: [{ indicator: 'S1' }] }), rating({ effects: [{ indicator: 'S1' }, { indicator: 'E4' }] }), t)).toBe(false);
    expect(sameListFacts(rating({ effects: [{ indicator: 'E4' }] }), rating({ effects: [{ indicator: 'E4' }, { indicator: 'S1' }] }), t)).toBe(true);
  });

  it('uses the thresholds it is given (an industry profile)', () => {
    const strict = { five: 940, four: 850, three: 750, two: 650 };
    expect(sameListFacts(rating({ scoreTenths: 965 }), rating({ scoreTenths: 955 }), strict)).toBe(false);
  });
});
