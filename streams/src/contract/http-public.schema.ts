import { z } from 'zod';
import { colourSchema, faceSchema, gradeSchema, instantSchema, isoDaySchema, scoreSchema, starsSchema, orNull } from './rating-values.schema';

/** What anyone may see behind a QR code (api.md), 码上监督 reports, and the inspectors' signs. */

/** One day of the public 30-day strip. */
export const publicDaySchema = z.object({ day: isoDaySchema, stars: starsSchema, face: faceSchema }).meta({ id: 'PublicDay' });
export const publicPenaltySchema = z
  .object({ day: isoDaySchema, caseNo: z.string(), violation: z.string(), publicText: z.string().nullable() })
  .meta({ id: 'PublicPenalty' });
export type PublicDay = z.infer<typeof publicDaySchema>;
export type PublicPenalty = z.infer<typeof publicPenaltySchema>;

/**
 * GET /api/public/{token}: exactly what anyone may see, plus the under-appeal badge. Rating fields
 * are null while the enterprise has no rating yet. Strict: a field added by accident is an error in tests.
 */
export const publicViewSchema = z
  .strictObject({
    name: z.string().nullable(),
    uscc: z.string(),
    score: scoreSchema.nullable(),
    stars: orNull(starsSchema),
    face: orNull(faceSchema),
    colour: orNull(colourSchema),
    grade: orNull(gradeSchema),
    last30: z.array(publicDaySchema),
    penalties: z.array(publicPenaltySchema),
    underAppeal: z.boolean(),
  })
  .meta({ id: 'PublicView' });
export type PublicView = z.infer<typeof publicViewSchema>;

export const COMPLAINT_CATEGORIES = ['air', 'water', 'noise', 'waste', 'odour', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** POST /api/public/{token}/complaints (JSON, or the text fields of a multipart form with `photo`). Strict. */
export const newComplaintSchema = z
  .strictObject({
    category: z.enum(COMPLAINT_CATEGORIES),
    text: z.string().trim().min(1).max(2000),
    contact: z.string().trim().max(100).optional(),
    altcha: z
      .string()
      .max(4096)
      .optional()
      .meta({ description: 'the solved proof-of-work challenge (base64 JSON of altcha), needed while the enterprise receives many reports' }),
  })
  .meta({ id: 'NewComplaint' });
export type NewComplaintRequest = z.infer<typeof newComplaintSchema>;

/** Multipart form of the same report, with an optional photo (JPEG, PNG or WebP). */
export const newComplaintFormSchema = newComplaintSchema.extend({
  photo: z.string().optional().meta({ format: 'binary' }),
});

export const complaintReceiptSchema = z
  .object({
    id: z.string(),
    reference: z.string().meta({ example: 'CMP-12' }),
    receivedAt: instantSchema,
    followCode: z.string().meta({ description: 'secret code to follow the report with its reference; shown once, only its hash is kept' }),
  })
  .meta({ id: 'ComplaintReceipt' });
export type ComplaintReceipt = z.infer<typeof complaintReceiptSchema>;

/** An altcha proof-of-work challenge (created and verified by this server, no outside service). */
export const altchaChallengeSchema = z
  .object({ algorithm: z.string(), challenge: z.string(), maxnumber: z.number().int().positive(), salt: z.string(), signature: z.string() })
  .meta({ id: 'AltchaChallenge' });
export type AltchaChallenge = z.infer<typeof altchaChallengeSchema>;

/** GET /api/public/{token}/complaints/challenge: whether a report needs a solved challenge now, and one to solve. */
export const complaintChallengeSchema = z
  .object({
    required: z.boolean().meta({ description: 'true while the enterprise receives many reports: the next report must carry `altcha`' }),
    challenge: altchaChallengeSchema.nullable(),
  })
  .meta({ id: 'ComplaintChallenge' });
export type ComplaintChallenge = z.infer<typeof complaintChallengeSchema>;
/** POST /api/public/complaints/follow: a citizen follows a report (reference + the code shown once). */
export const followComplaintSchema = z
  .strictObject({
    reference: z.string().trim().regex(/^CMP-\d{1,18}$/i, 'reference looks like CMP-12'),
    code: z.string().trim().min(1).max(64),
  })
  .meta({ id: 'FollowComplaint' });
export type FollowComplaintRequest = z.infer<typeof followComplaintSchema>;
export const COMPLAINT_FOLLOW_STATUSES = ['received', 'verified', 'dismissed'] as const;
export const complaintFollowSchema = z
  .object({
    reference: z.string(),
    enterpriseName: z.string().nullable(),
    category: z.enum(COMPLAINT_CATEGORIES),
    receivedAt: instantSchema,
    status: z.enum(COMPLAINT_FOLLOW_STATUSES).meta({ description: 'received (not decided yet), verified (counts in the rating), dismissed' }),
    decidedAt: instantSchema.nullable(),
    reason: z.string().nullable().meta({ description: 'why it was dismissed (null otherwise)' }),
  })
  .meta({ id: 'ComplaintFollow' });
export type ComplaintFollow = z.infer<typeof complaintFollowSchema>;

/** Everything one printed A4 sign shows (GET /api/enterprises/{uscc}/sign, GET /api/signs). */
export const signSchema = z
  .object({
    uscc: z.string(),
    name: z.string().nullable(),
    address: z.string().nullable(),
    score: scoreSchema.nullable(),
    stars: orNull(starsSchema),
    face: orNull(faceSchema),
    colour: orNull(colourSchema),
    grade: orNull(gradeSchema),
    publicUrl: z.string(),
    qrSvg: z.string().meta({ description: 'the QR code of publicUrl as SVG markup' }),
  })
  .meta({ id: 'Sign' });
export type SignData = z.infer<typeof signSchema>;

export const regionSignsQuerySchema = z.strictObject({ region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit administrative code') });
export const regionSignsResponseSchema = z.object({ items: z.array(signSchema), truncated: z.boolean() }).meta({ id: 'RegionSigns' });
export type RegionSigns = z.infer<typeof regionSignsResponseSchema>;

export const tokenRotationSchema = z.object({ uscc: z.string(), publicUrl: z.string() }).meta({ id: 'TokenRotation' });
export type TokenRotation = z.infer<typeof tokenRotationSchema>;
