import { z } from 'zod';
import { isValidUscc } from '@envface/streams';
import { ROLES } from '../auth/auth-user';

/** A floor before the strength check (zxcvbn score ≥ 3, see auth/password-policy.ts); no composition rules (NIST 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;

export const usernameSchema = z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/, 'username: 3-64 characters of A-Z a-z 0-9 . _ @ -');

/**
 * Admin: any role; an inspector: enterprise accounts only (checked by the service). Staff accounts
 * have no enterpriseId; enterprise accounts need one.
 */
export const newAccountSchema = z
  .strictObject({
    username: usernameSchema,
    role: z.enum(ROLES).default('enterprise'),
    enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC').optional(),
    /** omitted → a random initial password is generated and returned once */
    password: z.string().min(MIN_PASSWORD_LENGTH).max(256).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.role === 'enterprise' && body.enterpriseId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'an enterprise account needs enterpriseId' });
    }
    if (body.role !== 'enterprise' && body.enterpriseId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'only enterprise accounts belong to an enterprise' });
    }
  });
export type NewAccountRequest = z.infer<typeof newAccountSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH, `the new password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;

export const accountListQuerySchema = z.strictObject({
  enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC').optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;
