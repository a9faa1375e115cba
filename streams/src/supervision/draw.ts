import { createHash, createHmac } from 'node:crypto';
import { lnDyadicRounded } from './exact-log';

/**
 * The weighted inspection draw (双随机、一公开), see `docs/supervision.md`. Pure and deterministic: the
 * same seed, population and inspector pool give the same plan anywhere, so anyone holding the
 * published seed and population file can recompute it (`npm run verify-draw`).
 */

export type DrawStars = 1 | 2 | 3 | 4 | 5;

/** Sampling weight by stars on the plan's day: a 1★ enterprise is 8 times as likely as a 5★ one. */
export const DRAW_WEIGHTS: Readonly<Record<DrawStars, number>> = { 5: 0.5, 4: 1, 3: 2, 2: 3, 1: 4 };

export interface PopulationMember {
  uscc: string;
  stars: DrawStars;
}

export interface KeyedMember extends PopulationMember {
  weight: number;
  key: number;
}

export interface DrawnMember extends KeyedMember {
  rank: number;
  inspectors: string[];
}

export interface DrawInput {
  /** 64 lower-case hex digits (32 bytes). */
  seed: string;
  size: number;
  /** Inspector user names, at least two, distinct. */
  inspectors: readonly string[];
  population: readonly PopulationMember[];
}

export interface DrawResult {
  /** Sorted by USCC, with weight and key. */
  population: KeyedMember[];
  populationFile: string;
  snapshotSha256: string;
  drawn: DrawnMember[];
}

const SEED = /^[0-9a-f]{64}$/;
const TWO_POW_20 = 2 ** 20;

export class DrawInputError extends Error {}

function seedBytes(seed: string): Buffer {
  if (!SEED.test(seed)) throw new DrawInputError('seed must be 64 lower-case hex digits');
  return Buffer.from(seed, 'hex');
}

/** Plain code-point order, never locale order: USCCs are ASCII and every verifier must agree. */
function byUscc(a: { uscc: string }, b: { uscc: string }): number {
  return a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0;
}

/**
 * The Efraimidis–Spirakis key: u from the first 52 bits of HMAC-SHA256(seed, "draw|" + USCC), taken as
 * (2x + 1) / 2^53 so it is never 0 or 1, then ln(u) / weight. u is exact in a double; ln(u) is the
 * correctly rounded logarithm (not Math.log, see exact-log.ts) and the division is IEEE's, so the
 * key is the same bit for bit wherever it is recomputed.
 */
export function drawKey(seed: Buffer, uscc: string, weight: number): number {
  const h = createHmac('sha256', seed).update(`draw|${uscc}`, 'utf8').digest();
  // x = first 8 bytes (big-endian) >> 12: the high 32 bits times 2^20 plus the top 20 of the low 32.
  const x = h.readUInt32BE(0) * TWO_POW_20 + (h.readUInt32BE(4) >>> 12);
  return lnDyadicRounded(2 * x + 1, 53) / weight;
}

/** The population file: one `USCC,stars\n` line per member in USCC order, no header. */
export function populationFileText(population: readonly PopulationMember[]): string {
  return [...population].sort(byUscc).map((m) => `${m.uscc},${m.stars}\n`).join('');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads a population file back; throws DrawInputError naming the first bad line. */
export function parsePopulationFile(text: string): PopulationMember[] {
  if (text.length > 0 && !text.endsWith('\n')) throw new DrawInputError('population file must end with a newline');
  const lines = text.split('\n').slice(0, -1);
  return lines.map((line, i) => {
    const m = /^([0-9A-Z]{18}),([1-5])$/.exec(line);
    if (!m) throw new DrawInputError(`population file line ${i + 1} is not "USCC,stars": ${JSON.stringify(line.slice(0, 60))}`);
    return { uscc: m[1]!, stars: Number(m[2]) as DrawStars };
  });
}

/**
 * Two inspectors per drawn enterprise, in rank order: the pool is ordered per enterprise by
 * HMAC-SHA256(seed, "inspector|" + USCC + "|" + name) in hex, and the first two still under the cap
 * ceil(2 · drawn / pool) are taken, so the work is spread evenly and nobody picks their enterprises.
 *
 * The cap can leave fewer than two names for a late enterprise (pool a, b, c and four drawn: cap 3;
 * if a and b were paired three times, only c is under it). The rules are silent there; two inspectors
 * per inspection is the law, so the missing place goes to the next names in that enterprise's own
 * order (one inspector then carries cap + 1). The published example never reaches this case.
 */
export function assignInspectors(seed: Buffer, drawnUsccs: readonly string[], pool: readonly string[]): string[][] {
  if (pool.length < 2) throw new DrawInputError('the inspector pool needs at least 2 inspectors');
  if (new Set(pool).size !== pool.length) throw new DrawInputError('the inspector pool has a name twice');
  const cap = Math.ceil((2 * drawnUsccs.length) / pool.length);
  const load = new Map<string, number>(pool.map((name) => [name, 0]));
  return drawnUsccs.map((uscc) => {
    const order = pool
      .map((name) => ({ name, h: createHmac('sha256', seed).update(`inspector|${uscc}|${name}`, 'utf8').digest('hex') }))
      .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
    const chosen: string[] = [];
    for (const { name } of order) {
      if (chosen.length === 2) break;
      if (load.get(name)! < cap) chosen.push(name);
    }
    for (const { name } of order) {
      if (chosen.length === 2) break;
      if (!chosen.includes(name)) chosen.push(name);
    }
    for (const name of chosen) load.set(name, load.get(name)! + 1);
    return chosen;
  });
}

/** Draw order: key descending, equal keys by USCC ascending. */
export function drawOrder(a: { uscc: string; key: number }, b: { uscc: string; key: number }): number {
  return b.key !== a.key ? b.key - a.key : byUscc(a, b);
}

export interface RankedDraw {
  /** Sorted by USCC, with weight and key. */
  population: KeyedMember[];
  /** The first min(size, N) in draw order, ranks 1, 2, …, without inspectors. */
  drawn: (KeyedMember & { rank: number })[];
}

/** Keys and order only (what a public verifier can recompute: inspectors are not published). */
export function rankPopulation(seedHex: string, size: number, members: readonly PopulationMember[]): RankedDraw {
  const seed = seedBytes(seedHex);
  if (!Number.isInteger(size) || size < 1) throw new DrawInputError('size must be a positive integer');
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.uscc)) throw new DrawInputError(`USCC ${m.uscc} appears twice in the population`);
    seen.add(m.uscc);
    if (!(m.stars in DRAW_WEIGHTS)) throw new DrawInputError(`stars of ${m.uscc} must be 1–5`);
  }
  const population = [...members].sort(byUscc).map((m): KeyedMember => {
    const weight = DRAW_WEIGHTS[m.stars];
    return { uscc: m.uscc, stars: m.stars, weight, key: drawKey(seed, m.uscc, weight) };
  });
  const ordered = [...population].sort(drawOrder);
  return { population, drawn: ordered.slice(0, Math.min(size, ordered.length)).map((m, i) => ({ ...m, rank: i + 1 })) };
}

/** The whole draw: keys, order (key descending, ties by USCC), the first min(size, N), inspector pairs, snapshot. */
export function drawPlan(input: DrawInput): DrawResult {
  const { population, drawn } = rankPopulation(input.seed, input.size, input.population);
  const pairs = assignInspectors(seedBytes(input.seed), drawn.map((m) => m.uscc), input.inspectors);
  const populationFile = populationFileText(population);
  return {
    population,
    populationFile,
    snapshotSha256: sha256Hex(populationFile),
    drawn: drawn.map((m, i) => ({ ...m, inspectors: pairs[i]! })),
  };
}

export interface StarLevelFrequency {
  stars: DrawStars;
  weight: number;
  /** Members of the population at this level. */
  count: number;
  /** Chance that one enterprise of this level is drawn. */
  perEnterprise: number;
  /** Expected number of this level among the drawn. */
  expectedDrawn: number;
}

/**
 * Expected frequency per star level, for the plan page. Inclusion probabilities are taken
 * proportional to weight, π = min(1, c · weight), with c chosen so that Σπ = min(size, N) — the
 * usual approximation of weighted sampling without replacement: exact for the first pick and at the
 * extremes (size 1, size ≥ N), and within a few percent otherwise because the draw favours
 * heavy levels slightly less than proportionally once they are depleted.
 */
export function expectedFrequencyByStars(counts: Readonly<Partial<Record<DrawStars, number>>>, size: number): StarLevelFrequency[] {
  const levels = ([1, 2, 3, 4, 5] as const).map((stars) => ({ stars, weight: DRAW_WEIGHTS[stars], count: Math.max(0, Math.floor(counts[stars] ?? 0)) }));
  const total = levels.reduce((s, l) => s + l.count, 0);
  const k = Math.max(0, Math.min(Math.floor(size), total));
  // Water-filling: levels whose π would exceed 1 are drawn whole; the rest share what remains.
  const full = new Set<DrawStars>();
  let c = 0;
  for (let round = 0; round < 5; round++) {
    const left = k - levels.filter((l) => full.has(l.stars)).reduce((s, l) => s + l.count, 0);
    const mass = levels.filter((l) => !full.has(l.stars)).reduce((s, l) => s + l.count * l.weight, 0);
    c = mass > 0 ? left / mass : 0;
    const over = levels.filter((l) => !full.has(l.stars) && l.count > 0 && c * l.weight > 1);
    if (over.length === 0) break;
    for (const l of over) full.add(l.stars);
  }
  return levels.map((l) => {
    const perEnterprise = l.count === 0 ? 0 : full.has(l.stars) ? 1 : c * l.weight;
    return { ...l, perEnterprise, expectedDrawn: perEnterprise * l.count };
  });
}
