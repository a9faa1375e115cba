import { z } from 'zod';
import { colourSchema, EFFECT_TARGETS, faceSchema, gradeSchema, indicatorIdSchema, starsSchema } from './rating-values.schema';

/**
 * GET /api/model: the numbers of the rule book the server rates with, so the web app draws star
 * thresholds, shows criterion weights and names indicators from the server's own rule book instead
 * of copies (an industry profile may change thresholds and weights).
 */

const weightsSchema = z
  .object({ E: z.number().int(), M: z.number().int(), P: z.number().int(), S: z.number().int() })
  .meta({ id: 'CriterionWeights', description: 'AHP weights in ten-thousandths (sum 10000)' });

/** Lowest score of 5, 4, 3 and 2 stars (below `two`: one star). */
const thresholdsSchema = z
  .object({ five: z.number(), four: z.number(), three: z.number(), two: z.number() })
  .meta({ id: 'StarThresholds', description: 'lowest score (one decimal) of 5, 4, 3 and 2 stars' });

export const modelProfileSchema = z
  .object({
    weights: weightsSchema,
    consistencyRatio: z.number(),
    thresholds: thresholdsSchema,
  })
  .meta({ id: 'ModelProfile' });
export type ModelProfile = z.infer<typeof modelProfileSchema>;

export const ratingModelSchema = z
  .object({
    version: z.string().meta({ description: 'the rule book version' }),
    default: modelProfileSchema,
    profiles: z
      .array(modelProfileSchema.extend({ industryPrefix: z.string() }))
      .meta({ description: 'overrides by industry-code prefix; the longest prefix of an enterprise\u2019s industryCode wins' }),
    bands: z
      .array(z.object({ stars: starsSchema, face: faceSchema, colour: colourSchema, grade: gradeSchema }))
      .meta({ description: 'what each star level shows, 5 stars first' }),
    indicators: z.array(z.object({ id: indicatorIdSchema, target: z.enum(EFFECT_TARGETS) })).meta({ description: 'indicator ids and where their effects land' }),
  })
  .meta({ id: 'RatingModel' });
export type RatingModel = z.infer<typeof ratingModelSchema>;
