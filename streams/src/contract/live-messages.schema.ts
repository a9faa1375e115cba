import { z } from 'zod';
import { isValidUscc } from './uscc';

/**
 * What clients send on socket.io `/live` and what the server acks. The server's messages are the
 * rating-change message and the ratings burst (rating-message.schema.ts); `session.expired` carries
 * the contract error body (http-common.schema.ts).
 */

/** `subscribe` / `unsubscribe` body: one region code, one enterprise, or the `all` room (staff). */
export const subscriptionRequestSchema = z
  .union([
    z.strictObject({ all: z.literal(true) }),
    z.strictObject({ region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit administrative code') }),
    z.strictObject({ enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC') }),
  ])
  .meta({ id: 'SubscriptionRequest', description: 'socket.io /live subscribe and unsubscribe body' });
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/** The ack of `subscribe` / `unsubscribe`. */
export const subscriptionAckSchema = z
  .union([
    z.object({ ok: z.literal(true), room: z.string() }),
    z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  ])
  .meta({ id: 'SubscriptionAck' });
export type SubscriptionAck = z.infer<typeof subscriptionAckSchema>;
