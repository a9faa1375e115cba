import { z } from 'zod';
import { isValidUscc } from './uscc';
import { instantSchema } from './rating-values.schema';

/** Accounts: admins manage every account, inspectors create enterprise accounts; anyone signed in reads itself and changes its password. */

/** Long enough to resist guessing behind the login throttle; no composition rules (NIST 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;
export const ROLES = ['admin', 'inspector', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const usernameSchema = z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/, 'username: 3-64 characters of A-Z a-z 0-9 . _ @ -');

/**
 * A jurisdiction: region-code prefixes (2–6 digits of the 6-digit administrative code: province,
 * city or county). Empty: the deployment's whole jurisdiction.
 */
export const regionPrefixesSchema = z
  .array(z.string().regex(/^[0-9]{2,6}$/, 'a region prefix is 2–6 digits'))
  .max(50)
  .transform((prefixes) => [...new Set(prefixes)].sort())
  .meta({ description: 'region-code prefixes (2–6 digits); empty: everything' });

/**
 * Admin: any role; an inspector: enterprise accounts only (checked by the service). Staff accounts
 * have no enterpriseId; enterprise accounts need one. The password's strength is checked by the
 * service (zxcvbn score ≥ 3), after this length floor.
 */
export const newAccountSchema = z
  .strictObject({
    username: usernameSchema,
    role: z.enum(ROLES).default('enterprise'),
    enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC').optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(256).optional().meta({ description: 'omitted → a random initial password is generated and returned once' }),
    regionPrefixes: regionPrefixesSchema.optional().meta({ description: 'inspectors only: limits them to these regions on every route, list, export and socket room' }),
  })
  .superRefine((body, ctx) => {
    if (body.role === 'enterprise' && body.enterpriseId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'an enterprise account needs enterpriseId' });
    }
    if (body.role !== 'enterprise' && body.enterpriseId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'only enterprise accounts belong to an enterprise' });
    }
    if (body.role !== 'inspector' && body.regionPrefixes !== undefined && body.regionPrefixes.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['regionPrefixes'], message: 'only inspector accounts have a limited jurisdiction' });
    }
  })
  .meta({ id: 'NewAccount' });
export type NewAccountRequest = z.infer<typeof newAccountSchema>;

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `the new password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  })
  .meta({ id: 'ChangePassword' });
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;

export const accountListQuerySchema = z.strictObject({
  enterpriseId: z.string().refine(isValidUscc, 'enterpriseId must be a valid USCC').optional(),
  role: z.enum(ROLES).optional().meta({ description: 'admins only; inspectors always see enterprise accounts' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: '1–500, default 100' }),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

export const accountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: z.enum(ROLES),
    enterpriseId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    disabled: z.boolean(),
    createdAt: instantSchema,
    lastLoginAt: instantSchema.nullable(),
    regionPrefixes: z.array(z.string()).meta({ description: 'inspectors: their jurisdiction (empty: everything); always empty for other roles' }),
  })
  .meta({ id: 'Account' });
export type AccountJson = z.infer<typeof accountSchema>;

/** The answer to account creation: the account, plus the generated password when none was given (shown once). */
export const createdAccountSchema = accountSchema.extend({ initialPassword: z.string().optional() }).meta({ id: 'CreatedAccount' });
export type CreatedAccount = z.infer<typeof createdAccountSchema>;

/** A password change answers with a fresh token: every token issued before (this one too) is refused from now on. */
export const passwordChangedSchema = accountSchema.extend({ token: z.string() }).meta({ id: 'PasswordChanged' });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;

export const accountListSchema = z.object({ items: z.array(accountSchema) }).meta({ id: 'AccountList' });
export type AccountList = z.infer<typeof accountListSchema>;

/** Admin: an inspector's jurisdiction; their open sessions end at once (they sign in again under the new one). */
export const jurisdictionSchema = z.strictObject({ regionPrefixes: regionPrefixesSchema }).meta({ id: 'Jurisdiction' });
export type JurisdictionRequest = z.infer<typeof jurisdictionSchema>;
