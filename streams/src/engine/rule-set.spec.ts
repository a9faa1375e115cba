import { computeAhpWeights, RuleSetError } from './ahp';
import { DEFAULT_MATRIX, defaultRuleBook, loadRuleBook, profileFor } from './rule-set';

describe('AHP weights', () => {
  it('gives E 4379, M 2190, P 2437, S 994 for the default matrix, CR ≈ 0.0076', () => {
    const r = computeAhpWeights(DEFAULT_MATRIX);
    expect(r.weights).toEqual([4379, 2190, 2437, 994]);
    expect(r.weights.reduce((a, b) => a + b)).toBe(10000);
    expect(r.cr).toBeCloseTo(0.0076, 3);
  });

  it('gives equal weights for an all-ones matrix', () => {
    const ones = [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]];
    expect(computeAhpWeights(ones).weights).toEqual([2500, 2500, 2500, 2500]);
  });

  it('gives the rounding remainder to the largest weight', () => {
    // 1:1:1 over three criteria would round to 3333 each; the first (largest on a tie) takes the 1.
    expect(computeAhpWeights([[1, 1, 1], [1, 1, 1], [1, 1, 1]], ['E', 'M', 'P']).weights).toEqual([3334, 3333, 3333]);
  });

  it('refuses an inconsistent matrix, giving its CR', () => {
    const bad = [
      [1, 9, 1 / 9, 1],
      [1 / 9, 1, 9, 1],
      [9, 1 / 9, 1, 1],
      [1, 1, 1, 1],
    ];
    expect(() => computeAhpWeights(bad)).toThrow(/inconsistent judgements: consistency ratio CR = \d+\.\d{4}/);
  });

  it('refuses a non-reciprocal matrix, naming the cell', () => {
    const m = DEFAULT_MATRIX.map((r) => [...r]);
    m[2]![0] = 0.6;
    expect(() => computeAhpWeights(m)).toThrow(/A\[P\]\[E\] = 0.6 is not the reciprocal of A\[E\]\[P\] = 2/);
  });

  it('refuses a zero, a negative and a wrong diagonal', () => {
    const z = DEFAULT_MATRIX.map((r) => [...r]);
    z[0]![3] = 0;
    expect(() => computeAhpWeights(z)).toThrow(/A\[E\]\[S\] = 0: entries must be > 0/);
    const d = DEFAULT_MATRIX.map((r) => [...r]);
    d[1]![1] = 2;
    expect(() => computeAhpWeights(d)).toThrow(/A\[M\]\[M\] = 2: the diagonal must be 1/);
  });
});

describe('rule-set files', () => {
  it('loads profiles by industry prefix; the longest prefix wins', () => {
    const book = loadRuleBook({
      default: { points: { penalty: { serious: 60 } } },
      profiles: {
        D: { caps: { bonusPerDay: 5 } },
        D46: { matrix: [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], thresholds: { five: 95 } },
      },
    });
    expect(book.defaultProfile.points.penalty).toEqual({ minor: 10, general: 25, serious: 60 });
    expect(profileFor(book, 'C3130')).toBe(book.defaultProfile);
    expect(profileFor(book, 'D4410').caps.bonusPerDay).toBe(5);
    const d46 = profileFor(book, 'D4620');
    expect(d46.weights).toEqual({ E: 2500, M: 2500, P: 2500, S: 2500 });
    expect(d46.thresholds.five).toBe(950);
    expect(d46.points.penalty.serious).toBe(60); // inherits the file's default
    expect(d46.caps.bonusPerDay).toBe(10); // not D's: profiles do not stack
  });

  it('keeps the file\'s version (clients see it in GET /api/model); the model\'s own is scoring-model-1', () => {
    expect(loadRuleBook({ version: 3 }).version).toBe('3');
    expect(loadRuleBook({}).version).toBe('scoring-model-1');
    expect(defaultRuleBook().version).toBe('scoring-model-1');
  });

  it('accepts exact fractions in the matrix', () => {
    const book = loadRuleBook({ default: { matrix: [[1, 2, 2, 4], ['1/2', 1, 1, 2], ['1/2', 1, 1, 3], ['1/4', '1/2', '1/3', 1]] } });
    expect(book.defaultProfile.weights).toEqual(defaultRuleBook().defaultProfile.weights);
  });

  it.each([
    [{ default: { points: { penalty: { huge: 1 } } } }, /default\.points\.penalty/],
    [{ default: { windows: { reading: -1 } } }, /default\.windows\.reading/],
    [{ profiles: { d46: {} } }, /profiles/],
    [{ default: { thresholds: { four: 95 } } }, /thresholds must descend/],
    [{ profiles: { D: { matrix: [[1, 2, 2, 4], [0.5, 1, 1, 2], [0.5, 1, 1, 3], [0.25, 0.5, 0.3, 1]] } } }, /profile D: A\[S\]\[P\] = 0.3/],
    [{ unknown: true }, /unknown|Unrecognized/i],
  ])('refuses a bad rule set %#', (json, why) => {
    expect(() => loadRuleBook(json)).toThrow(RuleSetError);
    expect(() => loadRuleBook(json)).toThrow(why);
  });
});
