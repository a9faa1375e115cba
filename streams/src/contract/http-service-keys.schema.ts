import { z } from 'zod';
import { EVENT_TYPES } from './event-schemas';
import { instantSchema } from './rating-values.schema';
import { INPUT_TOPIC_KINDS } from './topics';

/** Service keys for machine senders of POST /api/ingest/{kind} (admins): /api/service-keys. */

const eventTypePattern = z
  .string()
  .refine(
    (t) => (EVENT_TYPES as readonly string[]).includes(t) || (t.endsWith('.*') && (INPUT_TOPIC_KINDS as readonly string[]).includes(t.slice(0, -2))),
    'each entry is an event type (monitoring.reading) or a kind (monitoring.*)',
  );

export const newServiceKeySchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, 'name: 3-64 characters of A-Z a-z 0-9 . _ -'),
  eventTypes: z.array(eventTypePattern).min(1).max(64).meta({ description: 'event types (monitoring.reading) or kinds (monitoring.*) the key may send' }),
});
export type NewServiceKeyRequest = z.infer<typeof newServiceKeySchema>;

export const serviceKeyIdSchema = z.string().regex(/^\d{1,15}$/, 'id must be a number').meta({ description: 'service key id' });

export const serviceKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    eventTypes: z.array(z.string()),
    createdAt: instantSchema,
    lastUsedAt: instantSchema.nullable(),
    revokedAt: instantSchema.nullable(),
  })
  .meta({ id: 'ServiceKey' });
export type ServiceKeyJson = z.infer<typeof serviceKeySchema>;

export const createdServiceKeySchema = serviceKeySchema
  .extend({ key: z.string().meta({ description: 'the key (efk_<id>_<secret>), shown this once only' }) })
  .meta({ id: 'CreatedServiceKey' });
export type CreatedServiceKey = z.infer<typeof createdServiceKeySchema>;

export const serviceKeyListSchema = z.object({ items: z.array(serviceKeySchema).meta({ description: 'oldest first, revoked ones included' }) }).meta({ id: 'ServiceKeyList' });
export type ServiceKeyList = z.infer<typeof serviceKeyListSchema>;
