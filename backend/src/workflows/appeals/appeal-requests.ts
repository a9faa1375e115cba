import { z } from 'zod';

export const newAppealSchema = z.strictObject({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'eventId must be an event id'),
  reasons: z.string().trim().min(1).max(2000),
});
export type NewAppealRequest = z.infer<typeof newAppealSchema>;

export const appealListQuerySchema = z.strictObject({
  status: z.enum(['pending', 'accepted', 'rejected']).optional(),
  enterpriseId: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'enterpriseId must be a USCC').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().regex(/^\d{1,18}$/).optional(),
});
export type AppealListQuery = z.infer<typeof appealListQuerySchema>;

export const acceptAppealSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });
export const rejectAppealSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type AcceptAppealRequest = z.infer<typeof acceptAppealSchema>;
export type RejectAppealRequest = z.infer<typeof rejectAppealSchema>;

export const appealIdSchema = z.string().regex(/^\d{1,18}$/, 'appeal id must be a number');
