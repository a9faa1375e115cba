import { z } from 'zod';
import { EXPORT_LANGS } from './http-exports.schema';
import { instantSchema } from './rating-values.schema';

/** The audit trail for admins (issue 15): who did what, when, to what, and why. Append-only in the database. */

const text = (max: number) => z.string().min(1).max(max).regex(/^[^\u0000]*$/, 'no NUL characters');

/** Filters shared by the list and its exports. `from`/`to` are instants (ISO 8601); `to` is exclusive. */
export const auditFilterSchema = z.strictObject({
  actor: text(64).optional().meta({ description: 'the account that acted (exact user name)' }),
  action: z.string().regex(/^[a-z_.]{1,64}\*?$/, 'action: letters, _ and . (a trailing * matches a prefix, e.g. login.*)').optional(),
  target: text(200).optional().meta({ description: 'what was acted on (exact: a user name, USCC, id or route)' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'from this instant (inclusive)' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'until this instant (exclusive)' }),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListQuerySchema = auditFilterSchema.extend({
  before: z.string().regex(/^[1-9][0-9]{0,18}$/, 'before: an entry id').optional().meta({ description: 'cursor: entries older than this id (the previous page\u2019s nextCursor)' }),
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: '1–500, default 50' }),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditExportQuerySchema = auditFilterSchema.extend({
  lang: z.enum(EXPORT_LANGS).default('zh').meta({ description: 'language of the column headers: zh (default) or en' }),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: instantSchema,
    action: z.string(),
    actor: z.string().nullable().meta({ description: 'user name of the account that acted; null: anonymous (e.g. a failed login) or a service key' }),
    target: z.string().nullable(),
    client: z.string().nullable().meta({ description: 'client address' }),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryJson = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;
