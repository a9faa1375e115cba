import { z } from 'zod';

/**
 * POST /api/ingest/{kind}: deployments without Kafka post the same JSON as a Kafka message value
 * (events.md); it is validated like a Kafka message, so the body is described loosely here.
 */
export const ingestBodySchema = z.record(z.string(), z.unknown()).meta({ id: 'IngestEvent', description: 'one input event, as on the Kafka input topic (events.md)' });

export const ingestResultSchema = z
  .object({
    accepted: z.boolean(),
    duplicate: z.boolean().meta({ description: 'an identical event with this eventId was stored before' }),
    revisions: z.number().int().meta({ description: 'rating revisions the event caused' }),
  })
  .meta({ id: 'IngestResult' });
export type IngestResult = z.infer<typeof ingestResultSchema>;
