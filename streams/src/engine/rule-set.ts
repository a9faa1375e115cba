import { z } from 'zod';
import { computeAhpWeights, CRITERIA, RuleSetError, type Weights } from './ahp';

/**
 * Rule sets are data: every number of the model lives here, and a rule-set file may override any
 * of them, per industry-code prefix. Scores and thresholds are kept in tenths of a point so the
 * engine never compares floats.
 */
export interface RuleProfile {
  /** AHP matrix, rows/columns E, M, P, S. */
  matrix: number[][];
  weights: Weights;
  consistencyRatio: number;
  points: {
    readingExceedance: number; // M1
    readingSevere: number; // M2
    severeFactor: number; // M2 applies above severeFactor × limit
    gapPerHour: number; // M3
    reportOverdue: number; // P1
    noValidPermit: number; // P2
    inspectionViolation: number; // E1
    penalty: { minor: number; general: number; serious: number }; // E2
    rectificationOrder: number; // E3
    orderOverdue: number; // E4
    incidentGeneral: number; // E5
    complaintVerified: number; // S1
    award: { city: number; provincial: number; national: number }; // B1
  };
  windows: {
    reading: number;
    gap: number;
    veto: number;
    reportOverdue: number;
    inspection: number;
    penalty: number;
    penaltyMinAfterRepair: number;
    incident: number;
    complaint: number;
    award: number;
  };
  caps: { readingPerPointPollutantDay: number; gapPerPointDay: number; bonusPerDay: number };
  /** Minimum score in tenths for 5, 4, 3 and 2 stars. */
  thresholds: { five: number; four: number; three: number; two: number };
}

export interface RuleBook {
  /** The rule book's version (a rule-set file's `version`); shown to clients by GET /api/model. */
  version?: string;
  defaultProfile: RuleProfile;
  /** Overrides keyed by industry-code prefix. */
  profiles: ReadonlyMap<string, RuleProfile>;
}

export const DEFAULT_MATRIX: number[][] = [
  [1, 2, 2, 4],
  [1 / 2, 1, 1, 2],
  [1 / 2, 1, 1, 3],
  [1 / 4, 1 / 2, 1 / 3, 1],
];

type ProfileNumbers = Omit<RuleProfile, 'weights' | 'consistencyRatio'>;

const MODEL_DEFAULTS: ProfileNumbers = {
  matrix: DEFAULT_MATRIX,
  points: {
    readingExceedance: 2,
    readingSevere: 5,
    severeFactor: 3,
    gapPerHour: 1,
    reportOverdue: 10,
    noValidPermit: 70,
    inspectionViolation: 10,
    penalty: { minor: 10, general: 25, serious: 50 },
    rectificationOrder: 10,
    orderOverdue: 20,
    incidentGeneral: 40,
    complaintVerified: 20,
    award: { city: 2, provincial: 3, national: 5 },
  },
  windows: {
    reading: 30,
    gap: 30,
    veto: 365,
    reportOverdue: 90,
    inspection: 90,
    penalty: 365,
    penaltyMinAfterRepair: 90,
    incident: 365,
    complaint: 90,
    award: 365,
  },
  caps: { readingPerPointPollutantDay: 10, gapPerPointDay: 6, bonusPerDay: 10 },
  thresholds: { five: 900, four: 800, three: 700, two: 600 },
};

function finishProfile(p: ProfileNumbers, label: string): RuleProfile {
  const t = p.thresholds;
  if (!(t.five > t.four && t.four > t.three && t.three > t.two && t.two > 0 && t.five <= 1000)) {
    throw new RuleSetError(`${label}: star thresholds must descend strictly within (0, 100]`);
  }
  let ahp;
  try {
    ahp = computeAhpWeights(p.matrix);
  } catch (e) {
    throw new RuleSetError(`${label}: ${(e as Error).message}`);
  }
  const weights = Object.fromEntries(CRITERIA.map((c, i) => [c, ahp.weights[i]!])) as Weights;
  return { ...p, weights, consistencyRatio: ahp.cr };
}

/** The version of the model's own rule set (scoring-model.md, version 1). */
export const DEFAULT_RULE_BOOK_VERSION = 'scoring-model-1';

let cachedDefault: RuleBook | undefined;

/** The model's own rule set (docs/rating-rules.md), with no profiles. */
export function defaultRuleBook(): RuleBook {
  cachedDefault ??= { version: DEFAULT_RULE_BOOK_VERSION, defaultProfile: finishProfile(MODEL_DEFAULTS, 'default'), profiles: new Map() };
  return cachedDefault;
}

// ---- rule-set files ------------------------------------------------------------------------

const points = z.number().int().min(0).max(1000);
const days = z.number().int().min(0).max(3660);
/** Matrix cells may be numbers or exact fractions such as "1/3" (JSON cannot write 1/3 exactly). */
const cell = z.union([
  z.number(),
  z.string().regex(/^\d+(\.\d+)?\/\d+(\.\d+)?$/, { message: 'must be a number or a fraction like "1/3"' }),
]);
const thresholdScore = z.number().min(0).max(100).multipleOf(0.1);

const profileOverride = z
  .object({
    matrix: z.array(z.array(cell).length(4)).length(4),
    points: z
      .object({
        readingExceedance: points,
        readingSevere: points,
        severeFactor: z.number().gt(1),
        gapPerHour: points,
        reportOverdue: points,
        noValidPermit: points,
        inspectionViolation: points,
        penalty: z.object({ minor: points, general: points, serious: points }).partial().strict(),
        rectificationOrder: points,
        orderOverdue: points,
        incidentGeneral: points,
        complaintVerified: points,
        award: z.object({ city: points, provincial: points, national: points }).partial().strict(),
      })
      .partial()
      .strict(),
    windows: z
      .object({
        reading: days,
        gap: days,
        veto: days,
        reportOverdue: days,
        inspection: days,
        penalty: days,
        penaltyMinAfterRepair: days,
        incident: days,
        complaint: days,
        award: days,
      })
      .partial()
      .strict(),
    caps: z.object({ readingPerPointPollutantDay: points, gapPerPointDay: points, bonusPerDay: points }).partial().strict(),
    thresholds: z.object({ five: thresholdScore, four: thresholdScore, three: thresholdScore, two: thresholdScore }).partial().strict(),
  })
  .partial()
  .strict();

export const ruleSetFileSchema = z
  .object({
    version: z.union([z.string(), z.number()]).optional(),
    description: z.string().optional(),
    default: profileOverride.optional(),
    profiles: z.record(z.string().regex(/^[A-Z0-9]{1,8}$/, { message: 'industry-code prefix' }), profileOverride).optional(),
  })
  .strict();
export type RuleSetFile = z.infer<typeof ruleSetFileSchema>;
type ProfileOverride = z.infer<typeof profileOverride>;

function parseCell(v: number | string): number {
  if (typeof v === 'number') return v;
  const [a, b] = v.split('/').map(Number);
  return a! / b!;
}

function applyOverride(base: ProfileNumbers, o: ProfileOverride | undefined): ProfileNumbers {
  if (!o) return base;
  return {
    matrix: o.matrix ? o.matrix.map((row) => row.map(parseCell)) : base.matrix,
    points: {
      ...base.points,
      ...o.points,
      penalty: { ...base.points.penalty, ...o.points?.penalty },
      award: { ...base.points.award, ...o.points?.award },
    },
    windows: { ...base.windows, ...o.windows },
    caps: { ...base.caps, ...o.caps },
    thresholds: {
      five: o.thresholds?.five !== undefined ? Math.round(o.thresholds.five * 10) : base.thresholds.five,
      four: o.thresholds?.four !== undefined ? Math.round(o.thresholds.four * 10) : base.thresholds.four,
      three: o.thresholds?.three !== undefined ? Math.round(o.thresholds.three * 10) : base.thresholds.three,
      two: o.thresholds?.two !== undefined ? Math.round(o.thresholds.two * 10) : base.thresholds.two,
    },
  };
}

/**
 * Builds a rule book from a parsed rule-set JSON document. Throws RuleSetError naming the bad field,
 * the bad matrix cell, or the consistency ratio.
 */
export function loadRuleBook(json: unknown): RuleBook {
  const parsed = ruleSetFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RuleSetError(`rule set: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const base = applyOverride(MODEL_DEFAULTS, parsed.data.default);
  const defaultProfile = finishProfile(base, 'default profile');
  const profiles = new Map<string, RuleProfile>();
  for (const [prefix, o] of Object.entries(parsed.data.profiles ?? {})) {
    profiles.set(prefix, finishProfile(applyOverride(base, o), `profile ${prefix}`));
  }
  const version = parsed.data.version;
  return { version: version === undefined ? DEFAULT_RULE_BOOK_VERSION : String(version), defaultProfile, profiles };
}

/** The profile for an industry code: the longest matching prefix wins, else the default. */
export function profileFor(book: RuleBook, industryCode: string | null | undefined): RuleProfile {
  if (!industryCode || book.profiles.size === 0) return book.defaultProfile;
  let best: RuleProfile = book.defaultProfile;
  let bestLen = 0;
  for (const [prefix, profile] of book.profiles) {
    if (prefix.length > bestLen && industryCode.startsWith(prefix)) {
      best = profile;
      bestLen = prefix.length;
    }
  }
  return best;
}
