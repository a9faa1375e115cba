import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DrawInputError, drawOrder, drawPlan, expectedFrequencyByStars, parsePopulationFile, populationFileText, sha256Hex, type DrawStars } from './draw';

// The normative worked example, copied into the project's fixtures.
const example = JSON.parse(readFileSync(join(__dirname, '../../../tests/fixtures/draw-example.json'), 'utf8')) as {
  seed: string;
  size: number;
  inspectors: string[];
  population: { uscc: string; stars: DrawStars; weight: number; key: number }[];
  populationFile: string;
  snapshotSha256: string;
  drawn: { rank: number; uscc: string; key: number; inspectors: string[] }[];
};

describe('drawPlan — hand-computed example (6 enterprises, seed 00…2a)', () => {
  // Keys computed independently (a one-off script: node's crypto with BigInt for x, then Python's
  // math.log, checked against a 60-digit Decimal ln): x = first 8 bytes >> 12, u = (2x + 1) / 2^53,
  // key = ln(u) / weight. For …00021M V8's Math.log would give −0.9816709197303299, one unit off. Sane: the two 1★ enterprises (weight 4) and the 2★
  // take three of the four places; the 5★ one gets in only because its u = 0.82 is high.
  const seed = '00000000000000000000000000000000000000000000000000000000000000' + '2a';
  const population = [
    { uscc: '91320102MA1W00001N', stars: 5 as const },
    { uscc: '91320102MA1W00011P', stars: 1 as const },
    { uscc: '91320104MA1W00021M', stars: 3 as const },
    { uscc: '91320105MA1W000315', stars: 2 as const },
    { uscc: '91320111MA1W00051W', stars: 4 as const },
    { uscc: '12320100MA1W000413', stars: 1 as const },
  ];
  const result = drawPlan({ seed, size: 4, inspectors: ['a.inspector', 'b.inspector', 'c.inspector'], population });

  it('computes every key', () => {
    expect(result.population.map((m) => [m.uscc, m.weight, m.key])).toEqual([
      ['12320100MA1W000413', 4, -0.1661749924030227], //  x = 2316777067002548, u = 0.5144278485419537
      ['91320102MA1W00001N', 0.5, -0.3969637630068467], // x = 3692837426021407, u = 0.819974627313293
      ['91320102MA1W00011P', 4, -0.34761920597054435], // x = 1121200706373934, u = 0.24895656788846632
      ['91320104MA1W00021M', 2, -0.98167091973033], //  x = 632253507845191,  u = 0.14038848036195073
      ['91320105MA1W000315', 3, -0.19588164963126534], // x = 2502354391532647, u = 0.5556342922502838
      ['91320111MA1W00051W', 1, -0.7264955937958526], //  x = 2177944191424897, u = 0.4836007575337081
    ]);
  });

  it('draws the four highest keys in order and pairs inspectors under the cap of ceil(8 / 3) = 3', () => {
    // Pool order per enterprise (HMAC hex, first 8 digits):
    //   …000413: b 188baaa9, a 9c097eea, c c6171f39 → b, a
    //   …000315: b 2f6c6c5d, c 3499fe36, a c507fd63 → b, c
    //   …00011P: b 63ea7980, c 895af595, a c5099cf3 → b, c   (b now at the cap)
    //   …00001N: a 27e1ed82, b 69a65848, c d60afda0 → a, c   (b skipped: 3 already)
    expect(result.drawn.map((d) => [d.rank, d.uscc, d.stars, d.inspectors])).toEqual([
      [1, '12320100MA1W000413', 1, ['b.inspector', 'a.inspector']],
      [2, '91320105MA1W000315', 2, ['b.inspector', 'c.inspector']],
      [3, '91320102MA1W00011P', 1, ['b.inspector', 'c.inspector']],
      [4, '91320102MA1W00001N', 5, ['a.inspector', 'c.inspector']],
    ]);
  });

  it('writes the population file in USCC order and hashes it', () => {
    expect(result.populationFile).toBe(
      '12320100MA1W000413,1\n91320102MA1W00001N,5\n91320102MA1W00011P,1\n91320104MA1W00021M,3\n91320105MA1W000315,2\n91320111MA1W00051W,4\n',
    );
    expect(result.snapshotSha256).toBe('7c5886728e3c2313bba54f2cff46872a5ec01943c6a991a4521fac87f6fa654c');
  });

  it('does not depend on the order the population is given in', () => {
    const again = drawPlan({ seed, size: 4, inspectors: ['a.inspector', 'b.inspector', 'c.inspector'], population: [...population].reverse() });
    expect(again).toEqual(result);
  });

  it('draws everyone when size exceeds the population', () => {
    const all = drawPlan({ seed, size: 50, inspectors: ['a.inspector', 'b.inspector'], population });
    expect(all.drawn.map((d) => d.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // cap = ceil(12 / 2) = 6: both inspectors on every enterprise.
    for (const d of all.drawn) expect([...d.inspectors].sort()).toEqual(['a.inspector', 'b.inspector']);
  });
});

describe('drawPlan — the normative worked example (tests/fixtures/draw-example.json)', () => {
  const result = drawPlan({ seed: example.seed, size: example.size, inspectors: example.inspectors, population: example.population });

  it('reproduces every weight and key', () => {
    expect(result.population.map((m) => ({ uscc: m.uscc, stars: m.stars, weight: m.weight, key: m.key }))).toEqual(example.population);
  });

  it('reproduces the population file and its SHA-256', () => {
    expect(result.populationFile).toBe(example.populationFile);
    expect(result.snapshotSha256).toBe(example.snapshotSha256);
  });

  it('reproduces the drawn enterprises, ranks and inspector pairs in the order chosen', () => {
    expect(result.drawn.map((d) => ({ rank: d.rank, uscc: d.uscc, key: d.key, inspectors: d.inspectors }))).toEqual(example.drawn);
  });
});

describe('draw rules', () => {
  it('orders equal keys by USCC ascending', () => {
    const a = { uscc: '91320102MA1W00011P', key: -0.5 };
    const b = { uscc: '12320100MA1W000413', key: -0.5 };
    const c = { uscc: '91320105MA1W000315', key: -0.1 };
    expect([a, b, c].sort(drawOrder).map((m) => m.uscc)).toEqual(['91320105MA1W000315', '12320100MA1W000413', '91320102MA1W00011P']);
  });

  it('refuses a pool of fewer than two, a repeated name, a bad seed, a repeated USCC', () => {
    const population = example.population;
    expect(() => drawPlan({ seed: example.seed, size: 2, inspectors: ['one'], population })).toThrow(DrawInputError);
    expect(() => drawPlan({ seed: example.seed, size: 2, inspectors: ['one', 'one'], population })).toThrow(DrawInputError);
    expect(() => drawPlan({ seed: example.seed.toUpperCase(), size: 2, inspectors: ['a', 'b'], population })).toThrow(DrawInputError);
    expect(() => drawPlan({ seed: example.seed, size: 2, inspectors: ['a', 'b'], population: [population[0]!, population[0]!] })).toThrow(DrawInputError);
  });

  it('spreads the work: nobody above ceil(2 · drawn / pool)', () => {
    const population = Array.from({ length: 300 }, (_, i) => ({ uscc: `91320100MA${String(i).padStart(8, '0')}`, stars: ((i % 5) + 1) as DrawStars }));
    const pool = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    const r = drawPlan({ seed: example.seed, size: 40, inspectors: pool, population });
    const load = new Map<string, number>();
    for (const d of r.drawn) {
      expect(new Set(d.inspectors).size).toBe(2);
      for (const n of d.inspectors) load.set(n, (load.get(n) ?? 0) + 1);
    }
    expect(Math.max(...load.values())).toBeLessThanOrEqual(Math.ceil(80 / 7));
  });

  it('still gives two inspectors when the cap leaves only one name (over the cap by one, in the enterprise\'s own order)', () => {
    const population = Array.from({ length: 4 }, (_, i) => ({ uscc: `91320100MA${String(i).padStart(8, '0')}`, stars: 3 as DrawStars }));
    let found = 0;
    for (let s = 0; s < 400; s++) {
      const seed = s.toString(16).padStart(64, '0');
      const r = drawPlan({ seed, size: 4, inspectors: ['a', 'b', 'c'], population });
      const load = new Map<string, number>();
      for (const d of r.drawn) {
        expect(new Set(d.inspectors).size).toBe(2);
        for (const n of d.inspectors) load.set(n, (load.get(n) ?? 0) + 1);
      }
      if (Math.max(...load.values()) > 3) {
        found++;
        expect(Math.max(...load.values())).toBe(4);
      }
    }
    expect(found).toBeGreaterThan(0); // the case exists and is handled
  });

  it('reads a population file back and refuses a malformed one', () => {
    const text = populationFileText(example.population);
    expect(sha256Hex(text)).toBe(example.snapshotSha256);
    expect(parsePopulationFile(text)).toEqual(example.population.map((m) => ({ uscc: m.uscc, stars: m.stars })));
    expect(parsePopulationFile('')).toEqual([]);
    expect(() => parsePopulationFile('91320102MA1W00001N,5')).toThrow(DrawInputError);
    expect(() => parsePopulationFile('91320102MA1W00001N,6\n')).toThrow(/line 1/);
  });
});

describe('expectedFrequencyByStars', () => {
  it('makes 1★ eight times as likely as 5★ at equal count', () => {
    const f = expectedFrequencyByStars({ 1: 1000, 5: 1000 }, 90);
    const one = f.find((l) => l.stars === 1)!;
    const five = f.find((l) => l.stars === 5)!;
    expect(one.perEnterprise / five.perEnterprise).toBeCloseTo(8, 10);
    expect(one.expectedDrawn).toBeCloseTo(80, 10);
    expect(five.expectedDrawn).toBeCloseTo(10, 10);
  });

  it('sums to the plan size and never draws more than a level holds', () => {
    const f = expectedFrequencyByStars({ 1: 3, 2: 5, 3: 50, 4: 200, 5: 1000 }, 400);
    expect(f.reduce((s, l) => s + l.expectedDrawn, 0)).toBeCloseTo(400, 9);
    for (const l of f) {
      expect(l.perEnterprise).toBeLessThanOrEqual(1);
      expect(l.expectedDrawn).toBeLessThanOrEqual(l.count);
    }
    expect(f.find((l) => l.stars === 1)!.perEnterprise).toBe(1);
  });

  it('draws everyone when size ≥ population, nobody from an empty one', () => {
    expect(expectedFrequencyByStars({ 2: 3, 5: 4 }, 10).map((l) => l.expectedDrawn)).toEqual([0, 3, 0, 0, 4]);
    expect(expectedFrequencyByStars({}, 10).every((l) => l.expectedDrawn === 0)).toBe(true);
  });
});
