import { z } from 'zod';
import { isValidUscc } from '@envface/streams';

const isoDay = z.iso.date({ error: 'day must be a calendar date YYYY-MM-DD' });
// No NUL and no control characters in anything stored or echoed.
const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

/** POST /api/inspection-plans (api.md, version 2). Empty prefix lists mean no filter. */
export const newPlanSchema = z.strictObject({
  name: text(200),
  /** The ratings of this day are used; default today. */
  day: isoDay.optional(),
  regionPrefixes: z.array(z.string().regex(/^\d{1,6}$/, 'a region prefix is 1–6 digits')).max(100).default([]),
  industryPrefixes: z.array(z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'an industry prefix is 1–8 letters or digits')).max(100).default([]),
  size: z.number().int().min(1).max(10_000),
  inspectors: z
    .array(z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed'))
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'an inspector is named twice'),
  includeExempt: z.boolean().default(false),
});
export type NewPlanRequest = z.infer<typeof newPlanSchema>;

export const planIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'plan id must be a number');

export const planListQuerySchema = z.strictObject({
  /** only plans where this user is one of an enterprise's two inspectors ("my inspections") */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PlanListQuery = z.infer<typeof planListQuerySchema>;

export const cancelPlanSchema = z.strictObject({ reason: text(2000) });
export type CancelPlanRequest = z.infer<typeof cancelPlanSchema>;

/** An inspector's result for one drawn enterprise; it becomes an enforcement.inspection event. */
export const recordResultSchema = z.strictObject({
  uscc: z.string().refine(isValidUscc, 'uscc must be a valid USCC'),
  result: z.enum(['compliant', 'violation_found']),
  findings: z.string().trim().max(2000).regex(/^[^\u0000]*$/, 'NUL is not allowed').optional(),
});
export type RecordResultRequest = z.infer<typeof recordResultSchema>;
