import { z } from 'zod';

/**
 * The values every rating carries (api.md "Values", scoring-model §6), as zod schemas. Messages,
 * HTTP answers and the stored explanation all build on these, so a face, a colour or an effect is
 * declared once for the backend, the OpenAPI document and the web app.
 *
 * `.meta({ id })` names a schema: the OpenAPI document lists it once under components/schemas and
 * the web app's generated types get the same name.
 */

export const FACES = ['smile', 'neutral', 'cry'] as const;
export const COLOURS = ['green', 'blue', 'yellow', 'red', 'black'] as const;
export const GRADES = ['trustworthy', 'good', 'warning', 'bad'] as const;
export const STAR_LEVELS = [1, 2, 3, 4, 5] as const;
export const CRITERION_KEYS = ['E', 'M', 'P', 'S'] as const;
export const INDICATOR_IDS = ['M1', 'M2', 'M3', 'M4', 'P1', 'P2', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'S1', 'B1'] as const;
/** Where an effect lands: one of the four criteria, the goal-layer bonus, or a veto. */
export const EFFECT_TARGETS = ['E', 'M', 'P', 'S', 'bonus', 'veto'] as const;

export const faceSchema = z.enum(FACES).meta({ id: 'Face' });
export const colourSchema = z.enum(COLOURS).meta({ id: 'RatingColour' });
export const gradeSchema = z.enum(GRADES).meta({ id: 'Grade' });
// Several values in one literal are rendered as one enum value by the generator: the enum is spelled out.
export const starsSchema = z.literal(STAR_LEVELS).meta({ id: 'Stars', description: '1 (worst) … 5 (best)', type: 'integer', enum: [...STAR_LEVELS] });
export const criterionKeySchema = z.enum(CRITERION_KEYS).meta({ id: 'CriterionKey' });
export const indicatorIdSchema = z.enum(INDICATOR_IDS).meta({ id: 'IndicatorId' });

/** A calendar day in the rating timezone. */
export const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').meta({ format: 'date', example: '2026-03-15' });
/** An instant, ISO 8601 with offset. */
export const instantSchema = z.string().meta({ format: 'date-time' });
/** A score with one decimal, 0.0 … 100.0. */
export const scoreSchema = z.number().meta({ description: 'score with one decimal (0.0–100.0)', example: 78.1 });

/**
 * `schema | null` for a named schema. Not `.nullable()`: the OpenAPI generator would then either mark
 * the named component itself nullable or lose the null (allOf), and the web app's types would be wrong.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

export type Face = z.infer<typeof faceSchema>;
export type RatingColour = z.infer<typeof colourSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type StarLevel = z.infer<typeof starsSchema>;
export type CriterionKey = z.infer<typeof criterionKeySchema>;

export const criterionScoreSchema = z.object({ points: z.number(), subscore: z.number() }).meta({ id: 'CriterionScore' });
export const criteriaSchema = z
  .object({ E: criterionScoreSchema, M: criterionScoreSchema, P: criterionScoreSchema, S: criterionScoreSchema })
  .meta({ id: 'Criteria', description: 'deducted points (after caps) and sub-score per criterion' });
export type Criteria = z.infer<typeof criteriaSchema>;

/**
 * One active effect of a day, as stored with each rating revision (daily_ratings.effects) and shown
 * by every rating route: `until` is exclusive and null while open-ended. Written by the engine's
 * `ratingDetailJson`; read back by the API, the portal and the early warnings.
 */
export const storedEffectSchema = z
  .object({
    indicator: indicatorIdSchema,
    eventId: z.string(),
    criterion: z.enum(EFFECT_TARGETS),
    points: z.number().meta({ description: 'points after caps (0 for a veto)' }),
    impact: z.number().meta({ description: 'points × W / 10000 for a criterion, the bonus points for a bonus, 0 for a veto' }),
    from: isoDaySchema,
    until: isoDaySchema.nullable().meta({ description: 'exclusive; null when open-ended' }),
    repairable: z.boolean(),
  })
  .meta({ id: 'RatingEffect' });
export type StoredEffect = z.infer<typeof storedEffectSchema>;

/** The rating fields of one enterprise-day (api.md: `day score stars face colour grade veto`). */
export const ratingFieldsSchema = z.object({
  day: isoDaySchema,
  score: scoreSchema,
  stars: starsSchema,
  face: faceSchema,
  colour: colourSchema,
  grade: gradeSchema,
  veto: z.boolean(),
});
export type RatingFields = z.infer<typeof ratingFieldsSchema>;

/** The event behind an effect, so a screen can say it in a sentence (enterprise detail and portal). */
export const effectSourceSchema = z
  .object({ type: z.string(), day: isoDaySchema, data: z.record(z.string(), z.unknown()).nullable() })
  .nullable()
  .meta({ id: 'EffectSource', description: 'null when the event is not stored (e.g. purged)' });
export type EffectSource = z.infer<typeof effectSourceSchema>;
