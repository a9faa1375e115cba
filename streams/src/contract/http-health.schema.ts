import { z } from 'zod';
import { errorBodySchema } from './http-common.schema';

/** GET /api/health: 200 when everything is up; 503 with the same fields plus the contract error (database or Kafka down, or the consumer stalled). */
export const healthReportSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    db: z.enum(['up', 'down']),
    kafka: z.enum(['up', 'down', 'disabled']),
    consumer: z.enum(['ok', 'stalled', 'disabled']).meta({ description: 'stalled: messages wait on a partition of this instance and no offset moved for ENVFACE_CONSUMER_STALL_SECONDS' }),
  })
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof healthReportSchema>;

export const healthDownSchema = healthReportSchema.extend(errorBodySchema.shape).meta({ id: 'HealthDown' });
export type HealthDown = z.infer<typeof healthDownSchema>;
