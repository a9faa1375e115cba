import { z } from 'zod';
import { deadLetterListQuerySchema } from './http-dead-letters.schema';
import { enterpriseListQuerySchema } from './http-enterprises.schema';
import { ratingsRangeQuerySchema } from './http-ratings.schema';
import { listQuerySchema, noticeListQuerySchema, planListQuerySchema } from './http-supervision.schema';
import { appealListQuerySchema, complaintListQuerySchema } from './http-workflows.schema';

/** Exports (CSV and XLSX) of the explorer, credit lists, early warnings, dead letters and rating history (issue #13 §1). */

export const EXPORT_LANGS = ['zh', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGS)[number];
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const lang = z.enum(EXPORT_LANGS).default('zh').meta({ description: 'language of the column headers: zh (default) or en' });

/** GET /api/enterprises.csv|.xlsx: exactly the explorer's filters and sort, the whole result (no limit, no cursor). */
export const enterpriseExportQuerySchema = enterpriseListQuerySchema.omit({ limit: true, cursor: true }).extend({ lang });
export type EnterpriseExportQuery = z.infer<typeof enterpriseExportQuerySchema>;

/** GET /api/lists/{list}.csv|.xlsx: the list's day; the CSV header stays uscc,name,regionCode,since (api.md). */
export const listExportQuerySchema = listQuerySchema.extend({ lang });
export type ListExportQuery = z.infer<typeof listExportQuerySchema>;

/** GET /api/stats/early-warnings.csv|.xlsx: every enterprise with a warning today. */
export const earlyWarningsExportQuerySchema = z.strictObject({ lang });
export type EarlyWarningsExportQuery = z.infer<typeof earlyWarningsExportQuerySchema>;

/** GET /api/dead-letters.csv|.xlsx: every dead letter (of a reason), newest first. */
export const deadLetterExportQuerySchema = deadLetterListQuerySchema.omit({ limit: true, cursor: true }).extend({ lang });
export type DeadLetterExportQuery = z.infer<typeof deadLetterExportQuerySchema>;

/** GET /api/enterprises/{uscc}/ratings.csv|.xlsx: day, score, stars, revision from `from` to `to` (as the JSON route). */
export const ratingsExportQuerySchema = ratingsRangeQuerySchema.extend({ lang });
export type RatingsExportQuery = z.infer<typeof ratingsExportQuerySchema>;

/** GET /api/inspection-plans.csv|.xlsx: every plan the caller sees (newest first), `mine` as the list. */
export const planExportQuerySchema = planListQuerySchema.omit({ limit: true }).extend({ lang });
export type PlanExportQuery = z.infer<typeof planExportQuerySchema>;

/** GET /api/inspection-plans/{id}/draws.csv|.xlsx: one plan's drawn enterprises in draw order, with their inspectors and results. */
export const planDrawsExportQuerySchema = z.strictObject({ lang });
export type PlanDrawsExportQuery = z.infer<typeof planDrawsExportQuerySchema>;

/** GET /api/complaints.csv|.xlsx: the whole queue with the queue's filters (status, enterprise), oldest first. */
export const complaintExportQuerySchema = complaintListQuerySchema.omit({ limit: true, after: true }).extend({ lang });
export type ComplaintExportQuery = z.infer<typeof complaintExportQuerySchema>;

/** GET /api/appeals.csv|.xlsx: the whole appeal queue with its filters (status, enterprise), oldest first. */
export const appealExportQuerySchema = appealListQuerySchema.omit({ limit: true, after: true }).extend({ lang });
export type AppealExportQuery = z.infer<typeof appealExportQuerySchema>;

/** GET /api/notices.csv|.xlsx: every notice (of an enterprise, or unacknowledged), newest first. */
export const noticeExportQuerySchema = noticeListQuerySchema.omit({ limit: true }).extend({ lang });
export type NoticeExportQuery = z.infer<typeof noticeExportQuerySchema>;

/** GET /api/enterprises/{uscc}/effects.csv|.xlsx: today's active effects of one enterprise with their events. */
export const effectsExportQuerySchema = z.strictObject({ lang });
export type EffectsExportQuery = z.infer<typeof effectsExportQuerySchema>;
