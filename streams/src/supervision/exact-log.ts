/**
 * The natural logarithm, correctly rounded to the nearest double.
 *
 * Why not Math.log: ECMAScript leaves its accuracy to the engine, and V8's port of fdlibm is off by
 * one unit in the last place for some arguments (for the normative draw example, ln of
 * 0.58187871579525307… gives −0.5414932450717271 where the nearest double is −0.541493245071727).
 * A published draw must come out the same in every language, so keys use the correctly rounded
 * value, which is what C libraries (glibc, CPython, Java's StrictMath for these inputs) return.
 *
 * How: the argument is a dyadic rational m / 2^k; ln is evaluated in 128-bit fixed point with
 * BigInt (table of ln(1 + j/128) plus a short atanh series), then rounded once. When the value lies
 * too close to a rounding boundary for the error bound, it is recomputed with more bits.
 */

const TABLE_BITS = 7n; // c_j = 1 + j/128

interface Precision {
  bits: bigint;
  one: bigint;
  table: bigint[]; // ln(1 + j/128) · 2^bits, j = 0 … 128 (so table[128] = ln 2)
  terms: number;
}

/** atanh series: ln(c) = 2 · Σ s^(2k+1) / (2k+1), s = (c − 1) / (c + 1), in fixed point with `bits`. */
function lnFixed(numer: bigint, denom: bigint, bits: bigint): bigint {
  const s = ((numer - denom) << bits) / (numer + denom);
  const s2 = (s * s) >> bits;
  let term = s;
  let acc = s;
  for (let k = 3n; term !== 0n; k += 2n) {
    term = (term * s2) >> bits;
    acc += term / k;
  }
  return 2n * acc;
}

function precision(bits: bigint): Precision {
  const guard = 16n;
  const table: bigint[] = [];
  for (let j = 0n; j <= 1n << TABLE_BITS; j++) {
    // ln((128 + j) / 128), computed with guard bits and rounded down to `bits`.
    table.push(lnFixed(128n + j, 128n, bits + guard) >> guard);
  }
  // |s| ≤ 2^-9 after the table step, so each term gains 18 bits.
  const terms = Math.ceil(Number(bits) / 18) + 1;
  return { bits, one: 1n << bits, table, terms };
}

const P128 = precision(128n);
let P256: Precision | null = null;

/** ln(m / 2^k) in fixed point with p.bits fractional bits; error below 2^7 units. */
function lnDyadic(m: bigint, k: number, p: Precision): bigint {
  const b = m.toString(2).length; // m = f · 2^(b−1), f in [1, 2)
  const e = BigInt(b - 1 - k);
  const F = p.bits >= BigInt(b - 1) ? m << (p.bits - BigInt(b - 1)) : m >> (BigInt(b - 1) - p.bits);
  // j nearest to (f − 1) · 128, so |f − c_j| ≤ 1/256.
  const j = Number((((F - p.one) >> (p.bits - TABLE_BITS - 1n)) + 1n) >> 1n);
  const C = p.one + (BigInt(j) << (p.bits - TABLE_BITS));
  const s = ((F - C) << p.bits) / (F + C);
  const s2 = (s * s) >> p.bits;
  let term = s;
  let acc = s;
  for (let i = 1; i <= p.terms; i++) {
    term = (term * s2) >> p.bits;
    acc += term / BigInt(2 * i + 1);
  }
  return p.table[j]! + 2n * acc + e * p.table[128]!;
}

const TWO_POW = (bits: bigint): number => 2 ** Number(bits);

/**
 * ln(m / 2^k) rounded to the nearest double, for a positive integer m < 2^53 and 0 ≤ k ≤ 1000.
 * Number(bigint) rounds to nearest (ties to even), and scaling by a power of two is exact here.
 */
export function lnDyadicRounded(m: number, k: number): number {
  if (!Number.isSafeInteger(m) || m <= 0) throw new RangeError('m must be a positive safe integer');
  const M = BigInt(m);
  for (const p of [P128, (P256 ??= precision(256n))]) {
    const L = lnDyadic(M, k, p);
    const err = 1n << 8n; // generous bound on the accumulated truncation errors
    const y = Number(L);
    if (Number(L - err) === y && Number(L + err) === y) return y / TWO_POW(p.bits);
  }
  // Not reached for any argument of the draw: 256 bits separate every such logarithm from a boundary.
  return Number(lnDyadic(M, k, P256!)) / TWO_POW(P256!.bits);
}
