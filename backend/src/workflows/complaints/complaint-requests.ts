import { z } from 'zod';

export const COMPLAINT_CATEGORIES = ['air', 'water', 'noise', 'waste', 'odour', 'other'] as const;

/** Report from the public page (JSON, or the text fields of a multipart form). Strict: extra fields are refused. */
export const newComplaintSchema = z.strictObject({
  category: z.enum(COMPLAINT_CATEGORIES),
  text: z.string().trim().min(1).max(2000),
  contact: z.string().trim().max(100).optional(),
});
export type NewComplaintRequest = z.infer<typeof newComplaintSchema>;

export const complaintListQuerySchema = z.strictObject({
  status: z.enum(['pending', 'verified', 'dismissed']).optional(),
  enterpriseId: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'enterpriseId must be a USCC').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().regex(/^\d{1,18}$/).optional(),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuerySchema>;

export const verifyComplaintSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const dismissComplaintSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type VerifyComplaintRequest = z.infer<typeof verifyComplaintSchema>;
export type DismissComplaintRequest = z.infer<typeof dismissComplaintSchema>;

export const complaintIdSchema = z.string().regex(/^\d{1,18}$/, 'complaint id must be a number');
