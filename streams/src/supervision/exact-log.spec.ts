import { lnDyadicRounded } from './exact-log';

describe('lnDyadicRounded', () => {
  it('gives the nearest double where V8 Math.log is one unit off (the normative example)', () => {
    // u = 0.58187871579525307641489462184836156666278839111328 = m / 2^53; ln u = −0.541493245071727074545…
    const m = 0.58187871579525307641489462184836156666278839111328 * 2 ** 53;
    expect(Number.isInteger(m)).toBe(true);
    expect(lnDyadicRounded(m, 53)).toBe(-0.541493245071727);
  });

  it('agrees with exact values where they are known', () => {
    expect(lnDyadicRounded(1, 0)).toBe(0);
    expect(lnDyadicRounded(1, 1)).toBe(-Math.LN2); // LN2 is the correctly rounded ln 2
    expect(lnDyadicRounded(1, 10)).toBe(-6.931471805599453); // 10 ln 2 = 6.93147180559945309417…
    // The far ends of the draw's u: (2^53 − 1) / 2^53 and 1 / 2^53.
    expect(lnDyadicRounded(2 ** 53 - 1, 53)).toBe(-1.1102230246251566e-16); // −2^-53 − 2^-107 …
    expect(lnDyadicRounded(1, 53)).toBe(-36.7368005696771); // 53 ln 2 = 36.73680056967710139…
  });

  it('stays within one unit of Math.log on random arguments', () => {
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const m = 2 * (seed * 2 ** 21 + (i % 2 ** 21)) + 1;
      const exact = lnDyadicRounded(m, 53);
      const approx = Math.log(m / 2 ** 53);
      expect(Math.abs(exact - approx)).toBeLessThanOrEqual(Math.abs(approx) * 2 ** -52);
    }
  });
});
