import { z } from 'zod';
import { numericIdSchema } from './http-common.schema';
import { COMPLAINT_CATEGORIES } from './http-public.schema';
import { instantSchema, isoDaySchema } from './rating-values.schema';

/** The inspectors' complaint queue and the appeals (复核) workflow. */

const usccQuery = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'enterpriseId must be a USCC');
const pageLimit = z.coerce.number().int().min(1).max(200).default(50).meta({ description: '1–200, default 50' });
const afterCursor = z.string().regex(/^\d{1,18}$/).optional().meta({ description: 'nextCursor of the previous page' });

export const COMPLAINT_STATUSES = ['pending', 'verified', 'dismissed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const complaintIdSchema = numericIdSchema('complaint');
export const complaintListQuerySchema = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  enterpriseId: usccQuery.optional(),
  limit: pageLimit,
  after: afterCursor,
});
export type ComplaintListQuery = z.infer<typeof complaintListQuerySchema>;

// A verification costs the enterprise points publicly, so it needs a reason like a dismissal does.
export const verifyComplaintSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'VerifyComplaint' });
/** POST /api/complaints/{id}/undo-verification: within UNDO_VERIFICATION_MINUTES of the verification. */
export const undoVerificationSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'UndoVerification' });
export type UndoVerificationRequest = z.infer<typeof undoVerificationSchema>;
/** How long an inspector may take back a verification (it then voids the complaint_verified event). */
export const UNDO_VERIFICATION_MINUTES = 10;
export const dismissComplaintSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'DismissComplaint' });
export type VerifyComplaintRequest = z.infer<typeof verifyComplaintSchema>;
export type DismissComplaintRequest = z.infer<typeof dismissComplaintSchema>;

export const complaintSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string().nullable(),
    category: z.enum(COMPLAINT_CATEGORIES),
    text: z.string(),
    contact: z.string().nullable(),
    hasPhoto: z.boolean(),
    status: z.enum(COMPLAINT_STATUSES),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: instantSchema.nullable(),
    eventId: z.string().nullable().meta({ description: 'the enforcement.complaint_verified event of a verified complaint' }),
    createdAt: instantSchema,
    flagged: z.boolean().meta({ description: 'received while the enterprise had many reports (past the volume threshold): may be a flood' }),
    consequence: z
      .object({
        indicator: z.literal('S1'),
        target: z.literal('S'),
        points: z.number().meta({ description: 'points taken off the S sub-score' }),
        days: z.number().int().meta({ description: 'how many days the deduction lasts' }),
        weight: z.number().int().meta({ description: 'weight of S in ten-thousandths for this enterprise\u2019s industry profile' }),
        public: z.boolean().meta({ description: 'whether the deduction shows on the public page' }),
      })
      .meta({ id: 'VerificationConsequence', description: 'what verifying costs the enterprise, from the server\u2019s rule book' }),
    undoUntil: instantSchema.nullable().meta({ description: 'a verified complaint: until when the verification can be undone (null once the window has passed or when not verified)' }),
  })
  .meta({ id: 'Complaint' });
export type ComplaintJson = z.infer<typeof complaintSchema>;

export const complaintPageSchema = z.object({ items: z.array(complaintSchema), nextCursor: z.string().nullable() }).meta({ id: 'ComplaintPage' });
export type ComplaintPage = z.infer<typeof complaintPageSchema>;

/** GET /api/complaint-alerts: enterprises whose report volume is past the threshold right now (flood early warning). */
export const complaintAlertSchema = z
  .object({
    enterpriseId: z.string(),
    enterpriseName: z.string().nullable(),
    reports: z.number().int().meta({ description: 'reports in the window' }),
    flagged: z.number().int().meta({ description: 'of which flagged (past the threshold)' }),
    firstFlaggedAt: instantSchema,
  })
  .meta({ id: 'ComplaintAlert' });
export const complaintAlertsSchema = z
  .object({ windowSeconds: z.number().int(), threshold: z.number().int(), items: z.array(complaintAlertSchema) })
  .meta({ id: 'ComplaintAlerts' });
export type ComplaintAlerts = z.infer<typeof complaintAlertsSchema>;

export const APPEAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const appealIdSchema = numericIdSchema('appeal');
export const newAppealSchema = z
  .strictObject({
    eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'eventId must be an event id'),
    reasons: z.string().trim().min(1).max(2000),
  })
  .meta({ id: 'NewAppeal' });
export type NewAppealRequest = z.infer<typeof newAppealSchema>;

export const appealListQuerySchema = z.strictObject({
  status: z.enum(APPEAL_STATUSES).optional(),
  enterpriseId: usccQuery.optional(),
  limit: pageLimit,
  after: afterCursor,
});
export type AppealListQuery = z.infer<typeof appealListQuerySchema>;

export const acceptAppealSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() }).meta({ id: 'AcceptAppeal' });
export const rejectAppealSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'RejectAppeal' });
export type AcceptAppealRequest = z.infer<typeof acceptAppealSchema>;
export type RejectAppealRequest = z.infer<typeof rejectAppealSchema>;

/** Evidence files of an appeal: PDF, JPEG, PNG or WebP, checked by their first bytes. */
export const APPEAL_EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_APPEAL_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_APPEAL_EVIDENCE_FILES = 5;
export const appealEvidenceIdSchema = numericIdSchema('evidence');
export const appealEvidenceSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.enum(APPEAL_EVIDENCE_TYPES),
    size: z.number().int().meta({ description: 'bytes as stored (images re-encoded)' }),
    createdAt: instantSchema,
  })
  .meta({ id: 'AppealEvidence' });
export type AppealEvidenceJson = z.infer<typeof appealEvidenceSchema>;
/** Multipart form of POST /api/appeals/{id}/evidence. */
export const appealEvidenceFormSchema = z.object({ file: z.string().meta({ format: 'binary' }) }).meta({ id: 'AppealEvidenceForm' });

export const appealSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string().nullable(),
    eventId: z.string(),
    eventType: z.string().nullable(),
    eventDay: isoDaySchema.nullable(),
    reasons: z.string(),
    status: z.enum(APPEAL_STATUSES),
    decisionReason: z.string().nullable(),
    decidedAt: instantSchema.nullable(),
    voidEventId: z.string().nullable().meta({ description: 'the enforcement.voided event of an accepted appeal' }),
    createdAt: instantSchema,
    eventData: z.record(z.string(), z.unknown()).nullable().meta({ description: 'the appealed event\u2019s data (for its sentence)' }),
    complaint: z
      .object({ id: z.string(), category: z.enum(COMPLAINT_CATEGORIES), text: z.string(), hasPhoto: z.boolean() })
      .nullable()
      .meta({ description: 'staff only: the report behind an appealed complaint_verified event (photo: GET /api/complaints/{id}/photo)' }),
    evidence: z.array(appealEvidenceSchema).meta({ description: 'files the enterprise attached (download: GET /api/appeals/{id}/evidence/{evidenceId})' }),
  })
  .meta({ id: 'Appeal' });
export type AppealJson = z.infer<typeof appealSchema>;

export const appealPageSchema = z.object({ items: z.array(appealSchema), nextCursor: z.string().nullable() }).meta({ id: 'AppealPage' });
export type AppealPage = z.infer<typeof appealPageSchema>;
