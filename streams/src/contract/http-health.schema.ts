import { z } from 'zod';
import { errorBodySchema } from './http-common.schema';

/** GET /api/health: 200 when everything is up; 503 with the same fields plus the contract error. */
export const healthReportSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    db: z.enum(['up', 'down']),
    kafka: z.enum(['up', 'down', 'disabled']),
  })
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof healthReportSchema>;

export const healthDownSchema = healthReportSchema.extend(errorBodySchema.shape).meta({ id: 'HealthDown' });
export type HealthDown = z.infer<typeof healthDownSchema>;
