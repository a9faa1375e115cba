/**
 * Counter-based randomness: every random draw is a pure function of (seed, keys…), e.g.
 * (seed, enterprise, hour, point). That is what lets the simulator produce any time interval on
 * its own — the events of an hour never depend on which hours were generated before — so chunked
 * and one-shot generation agree exactly and a long-running producer needs no state for readings.
 */

/**
 * 32-bit multiply without Math.imul: under jest's vm contexts V8 does not inline another
 * context's Math.imul, which made generation several times slower in tests than in production.
 */
function mul32(a: number, b: number): number {
  const lo = (a & 0xffff) * b;
  const hi = (((a >>> 16) * b) & 0xffff) << 16;
  return (lo + hi) | 0;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection on 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = mul32(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = mul32(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed from a number or a string (FNV-1a over UTF-16 units for strings). */
export function seedHash(seed: number | string): number {
  if (typeof seed === 'number') {
    // Keep both halves of integers beyond 2^32 so 1 and 2^32 + 1 differ.
    const hi = Math.floor(seed / 4294967296) | 0;
    return fmix32(fmix32(seed | 0) ^ mul32(hi, 0x9e3779b1));
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = mul32(h ^ seed.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** Combines a seed with integer keys (may be negative or up to ±2^53) into one 32-bit state. */
export function hashKeys(seed: number, keys: readonly number[]): number {
  let h = seed >>> 0;
  for (const k of keys) {
    const lo = k | 0;
    const hi = Math.floor(k / 4294967296) | 0;
    h = fmix32(h ^ fmix32(lo + 0x9e3779b9) ^ mul32(hi, 0x85ebca77));
    h = (mul32(h, 5) + 0xe6546b64) >>> 0;
  }
  return fmix32(h);
}

/** mulberry32 seeded from hashKeys: small, fast, and good enough for simulation. */
export class Rng {
  private state: number;

  constructor(seed: number, ...keys: number[]) {
    this.state = hashKeys(seed, keys);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = mul32(t ^ (t >>> 15), t | 1);
    t ^= t + mul32(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weightOf(it);
    let r = this.next() * total;
    for (const it of items) {
      r -= weightOf(it);
      if (r < 0) return it;
    }
    return items[items.length - 1]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
