import { z } from 'zod';
import { DrawInputError, parsePopulationFile, rankPopulation, sha256Hex } from './draw';

/** The public plan as published at GET /api/public/inspection-plans/{id} (fields the check needs). */
export const publicPlanSchema = z.object({
  id: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  seed: z.string().regex(/^[0-9a-f]{64}$/, 'seed must be 64 lower-case hex digits'),
  snapshotSha256: z.string().regex(/^[0-9a-f]{64}$/),
  populationSize: z.number().int().nonnegative(),
  drawn: z.array(
    z.object({
      rank: z.number().int().positive(),
      uscc: z.string(),
      stars: z.number().int().min(1).max(5),
      weight: z.number(),
      key: z.number(),
    }),
  ),
});
export type PublicPlan = z.infer<typeof publicPlanSchema>;

export interface PlanVerification {
  ok: boolean;
  /** One line per check, in order; failed ones start with "✗". */
  lines: string[];
}

/**
 * Recomputes a published plan from its seed and population file: the file must hash to the
 * published snapshot, hold populationSize members, and the draw from the seed must give exactly the
 * published ranks, enterprises, stars, weights and keys. The plan's size is not published; when
 * drawn < population it is the number drawn, otherwise everyone is drawn, so recomputing with the
 * number drawn is the same check. Inspectors are not public and are not checked.
 */
export function verifyPlan(planJson: unknown, populationText: string): PlanVerification {
  const lines: string[] = [];
  const parsed = publicPlanSchema.safeParse(planJson);
  if (!parsed.success) return { ok: false, lines: [`✗ not a public plan: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`] };
  const plan = parsed.data;
  let ok = true;
  const check = (pass: boolean, good: string, bad: string): void => {
    ok &&= pass;
    lines.push(pass ? `✓ ${good}` : `✗ ${bad}`);
  };
  const hash = sha256Hex(populationText);
  check(hash === plan.snapshotSha256, `population file SHA-256 ${hash} = snapshotSha256`, `population file SHA-256 ${hash} ≠ snapshotSha256 ${plan.snapshotSha256}`);
  let members;
  try {
    members = parsePopulationFile(populationText);
  } catch (e) {
    if (!(e instanceof DrawInputError)) throw e;
    check(false, '', e.message);
    return { ok, lines };
  }
  check(members.length === plan.populationSize, `${members.length} enterprises in the population`, `population file has ${members.length} enterprises, the plan says ${plan.populationSize}`);
  if (plan.drawn.length === 0) {
    check(members.length === 0, 'empty population, nothing drawn', 'nothing drawn from a non-empty population');
    return { ok, lines };
  }
  let ranked;
  try {
    ranked = rankPopulation(plan.seed, plan.drawn.length, members);
  } catch (e) {
    if (!(e instanceof DrawInputError)) throw e;
    check(false, '', e.message);
    return { ok, lines };
  }
  const published = [...plan.drawn].sort((a, b) => a.rank - b.rank);
  for (let i = 0; i < Math.max(published.length, ranked.drawn.length); i++) {
    const p = published[i];
    const r = ranked.drawn[i];
    const same = p !== undefined && r !== undefined && p.rank === r.rank && p.uscc === r.uscc && p.stars === r.stars && p.weight === r.weight && p.key === r.key;
    check(
      same,
      `rank ${r?.rank}: ${r?.uscc} ${r?.stars}★ weight ${r?.weight} key ${r?.key}`,
      `rank ${i + 1}: published ${p ? `${p.uscc} ${p.stars}★ weight ${p.weight} key ${p.key}` : 'nothing'}, recomputed ${r ? `${r.uscc} ${r.stars}★ weight ${r.weight} key ${r.key}` : 'nothing'}`,
    );
  }
  return { ok, lines };
}
