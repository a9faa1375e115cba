import { z } from 'zod';

/**
 * The event contract (docs/events.md) as zod schemas. Types are derived from the schemas, so the
 * validator and the TypeScript view of an event can never drift apart. Unknown extra fields in
 * `data` are stripped (the contract says they are ignored), which also makes "identical body"
 * mean "identical in every field that matters".
 */

const isoDate = z.iso.date({ error: 'must be a real calendar date YYYY-MM-DD' });
const str = (min: number, max: number) => z.string().min(min).max(max);
const optStr = (max: number) => z.string().max(max).optional();
const finite = z.number(); // zod 4 rejects NaN and ±Infinity

export const EVENT_TYPES = [
  'monitoring.reading',
  'monitoring.gap',
  'monitoring.falsification',
  'permit.issued',
  'permit.renewed',
  'permit.revoked',
  'permit.report_overdue',
  'permit.report_submitted',
  'enforcement.inspection',
  'enforcement.penalty',
  'enforcement.rectification_order',
  'enforcement.rectification_completed',
  'enforcement.incident',
  'enforcement.veto',
  'enforcement.complaint_verified',
  'enforcement.award',
  'enforcement.voided',
  'enterprise.upserted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const VETO_REASONS = [
  'environmental_crime',
  'construction_without_approval',
  'secret_discharge_pipe',
  'illegal_hazardous_waste_dumping',
  'severe_ecological_damage',
  'obstruction_of_inspection',
  'monitoring_data_falsification',
] as const;

const permitValidity = z
  .object({ permitNo: str(1, 64), validFrom: isoDate, validUntil: isoDate })
  .refine((d) => d.validUntil >= d.validFrom, { message: 'must not be before validFrom', path: ['validUntil'] });

const reportType = z.enum(['annual', 'quarterly', 'monthly']);

/** Per-type `data` schemas. */
export const DATA_SCHEMAS = {
  'monitoring.reading': z.object({
    pointId: str(1, 64),
    pollutant: str(1, 32),
    value: finite.min(0),
    limit: finite.gt(0),
    unit: optStr(16),
  }),
  'monitoring.gap': z.object({ pointId: str(1, 64), hours: z.number().int().min(1).max(24) }),
  'monitoring.falsification': z.object({
    pointId: str(1, 64).optional(),
    caseNo: str(1, 64).optional(),
    description: optStr(2000),
  }),
  'permit.issued': permitValidity,
  'permit.renewed': permitValidity,
  'permit.revoked': z.object({ permitNo: str(1, 64), reason: optStr(2000) }),
  'permit.report_overdue': z.object({
    permitNo: str(1, 64),
    reportType,
    period: str(1, 16),
    dueDate: isoDate,
  }),
  'permit.report_submitted': z.object({ permitNo: str(1, 64), reportType, period: str(1, 16) }),
  'enforcement.inspection': z.object({
    inspectionId: str(1, 64),
    result: z.enum(['compliant', 'violation_found']),
    findings: optStr(2000),
    // the inspection plan this inspection closes (双随机), when it was drawn
    planId: str(1, 64).optional(),
  }),
  'enforcement.penalty': z.object({
    caseNo: str(1, 64),
    severity: z.enum(['minor', 'general', 'serious']),
    amountYuan: finite.min(0),
    violation: str(1, 500),
    publicText: optStr(2000),
  }),
  'enforcement.rectification_order': z.object({
    orderNo: str(1, 64),
    deadline: isoDate,
    relatedCaseNo: str(1, 64).optional(),
  }),
  'enforcement.rectification_completed': z.object({ ref: str(1, 64) }),
  'enforcement.incident': z.object({
    incidentId: str(1, 64),
    level: z.enum(['general', 'larger', 'major', 'especially_major']),
  }),
  'enforcement.veto': z.object({ reason: z.enum(VETO_REASONS), caseNo: str(1, 64).optional() }),
  'enforcement.complaint_verified': z.object({ complaintId: str(1, 64) }),
  'enforcement.award': z.object({ title: str(1, 200), level: z.enum(['city', 'provincial', 'national']) }),
  'enforcement.voided': z.object({ targetEventId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/), reason: str(1, 2000) }),
  'enterprise.upserted': z.object({
    name: str(1, 200),
    regionCode: z.string().regex(/^\d{6}$/, { message: 'must be 6 digits' }),
    industryCode: str(1, 8),
    address: optStr(300),
    lat: finite.min(-90).max(90).optional(),
    lon: finite.min(-180).max(180).optional(),
  }),
} as const satisfies Record<EventType, z.ZodType>;

/** The envelope; `data` is checked per type afterwards so reasons can be told apart. */
export const envelopeSchema = z.object({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'must be 1–128 of A-Z a-z 0-9 . _ : -' }),
  type: z.enum(EVENT_TYPES, { error: 'unknown event type' }),
  enterpriseId: z.string(),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time with Z or an offset' }),
  source: z.string().max(64).optional(),
  data: z.record(z.string(), z.unknown()),
});

type DataOf<T extends EventType> = z.infer<(typeof DATA_SCHEMAS)[T]>;

/** An accepted event, discriminated on `type`. */
export type ContractEvent = {
  [T in EventType]: {
    eventId: string;
    type: T;
    enterpriseId: string;
    occurredAt: string;
    source?: string;
    data: DataOf<T>;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<ContractEvent, { type: T }>;
