/**
 * AHP (analytic hierarchy process) weights for the four criteria, exactly as the model says:
 * principal eigenvector by power iteration, Saaty consistency ratio, half-up rounding to
 * ten-thousandths with the remainder given to the largest weight.
 */
export const CRITERIA = ['E', 'M', 'P', 'S'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Weights = Record<Criterion, number>;

/** Saaty's random index by matrix size. */
const RANDOM_INDEX: Record<number, number> = { 3: 0.58, 4: 0.9, 5: 1.12 };

export class RuleSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSetError';
  }
}

export interface AhpResult {
  /** Integer weights in ten-thousandths, summing to 10000, in criterion order. */
  weights: number[];
  /** Unrounded principal eigenvector, normalised to sum 1. */
  vector: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
}

const RECIPROCAL_TOLERANCE = 1e-9;
const CONVERGENCE = 1e-12;
const MAX_ITERATIONS = 100_000;

function cellName(i: number, j: number, names: readonly string[]): string {
  return `A[${names[i] ?? i}][${names[j] ?? j}]`;
}

/** Validates a pairwise comparison matrix and derives its weights; throws RuleSetError naming the cell or the CR. */
export function computeAhpWeights(matrix: number[][], names: readonly string[] = CRITERIA): AhpResult {
  const n = matrix.length;
  if (!RANDOM_INDEX[n]) throw new RuleSetError(`AHP matrix must be 3×3 to 5×5 (got ${n} rows)`);
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    if (row.length !== n) throw new RuleSetError(`AHP matrix row ${names[i] ?? i} has ${row.length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) {
      const a = row[j]!;
      if (!Number.isFinite(a) || a <= 0) throw new RuleSetError(`${cellName(i, j, names)} = ${a}: entries must be > 0`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (Math.abs(matrix[i]![i]! - 1) > RECIPROCAL_TOLERANCE) {
      throw new RuleSetError(`${cellName(i, i, names)} = ${matrix[i]![i]}: the diagonal must be 1`);
    }
    for (let j = i + 1; j < n; j++) {
      const aij = matrix[i]![j]!;
      const aji = matrix[j]![i]!;
      if (Math.abs(aji - 1 / aij) > RECIPROCAL_TOLERANCE) {
        throw new RuleSetError(
          `${cellName(j, i, names)} = ${aji} is not the reciprocal of ${cellName(i, j, names)} = ${aij} (expected ${1 / aij})`,
        );
      }
    }
  }

  let w = new Array<number>(n).fill(1 / n);
  for (let iter = 0; ; iter++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[i]! += matrix[i]![j]! * w[j]!;
    const sum = next.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) next[i]! /= sum;
    const delta = Math.max(...next.map((v, i) => Math.abs(v - w[i]!)));
    w = next;
    if (delta <= CONVERGENCE) break;
    if (iter >= MAX_ITERATIONS) throw new RuleSetError('AHP power iteration did not converge');
  }

  let lambda = 0;
  for (let i = 0; i < n; i++) {
    let aw = 0;
    for (let j = 0; j < n; j++) aw += matrix[i]![j]! * w[j]!;
    lambda += aw / w[i]!;
  }
  const lambdaMax = lambda / n;
  const ci = (lambdaMax - n) / (n - 1);
  const cr = ci / RANDOM_INDEX[n]!;
  if (cr >= 0.1) {
    throw new RuleSetError(`inconsistent judgements: consistency ratio CR = ${cr.toFixed(4)} (must be < 0.10)`);
  }

  const weights = w.map((v) => Math.floor(v * 10000 + 0.5));
  const diff = 10000 - weights.reduce((a, b) => a + b, 0);
  if (diff !== 0) {
    let largest = 0;
    for (let i = 1; i < n; i++) if (weights[i]! > weights[largest]!) largest = i;
    weights[largest]! += diff;
  }
  return { weights, vector: w, lambdaMax, ci, cr };
}
