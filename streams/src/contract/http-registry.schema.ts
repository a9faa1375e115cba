import { z } from 'zod';

import { FACES, instantSchema } from './rating-values.schema';
import { isValidUscc } from './uscc';

/**
 * Registry workflows (issue #13 §2): import of enterprises from a CSV / XLSX file (dry run, then
 * apply), hand registration of enterprises missing from the legal-person library, and batch edits of
 * region or industry from the explorer. Every change goes out as `enterprise.upserted` events.
 */

/** The fields one registry row carries, in file / template order. */
export const REGISTRY_FIELDS = ['uscc', 'name', 'regionCode', 'industryCode', 'address', 'lat', 'lon'] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];
export const registryFieldSchema = z.enum(REGISTRY_FIELDS).meta({ id: 'RegistryField' });

/** Length limits of enterprise.upserted (docs/events.md). */
export const REGISTRY_LIMITS = { name: 200, address: 300 } as const;

/**
 * GB/T 4754-2017 codes: a section letter A–T, optionally followed by the 2-digit division, the
 * 3-digit group or the 4-digit class (C, C26, C261, C2614).
 */
export const INDUSTRY_CODE_PATTERN = /^[A-T](\d{2}|\d{3}|\d{4})?$/;
export const REGION_CODE_PATTERN = /^\d{6}$/;

export const registryRegionCodeSchema = z.string().regex(REGION_CODE_PATTERN, 'a 6-digit administrative region code');
export const registryIndustryCodeSchema = z.string().regex(INDUSTRY_CODE_PATTERN, 'a GB/T 4754 industry code such as C2614');
const usccBodySchema = z.string().refine(isValidUscc, 'not a valid USCC (18 characters, GB 32100 check character)');

/** A sentence in both languages (reasons shown to people). */
export const bilingualTextSchema = z.object({ zh: z.string(), en: z.string() }).meta({ id: 'BilingualText' });

// ---- import ----

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export const importIdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'an import id');
export const templateQuerySchema = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh').meta({ description: 'header language (default zh)' }) });

/** Multipart body of POST /api/registry/imports. */
export const importUploadFormSchema = z.object({
  file: z.string().meta({ format: 'binary', description: `CSV (UTF-8, with or without BOM) or XLSX, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} rows` }),
});

const registryValuesSchema = z.object({
  name: z.string(),
  regionCode: z.string(),
  industryCode: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

export const fieldChangeSchema = z
  .object({ field: registryFieldSchema, from: z.union([z.string(), z.number()]).nullable(), to: z.union([z.string(), z.number()]).nullable() })
  .meta({ id: 'RegistryFieldChange' });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const importRowErrorSchema = z
  .object({
    row: z.number().int().meta({ description: 'the line in the spreadsheet (the header is line 1)' }),
    column: registryFieldSchema.nullable(),
    code: z.string().meta({ example: 'invalid_uscc' }),
    message: bilingualTextSchema,
  })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importReportSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    createdAt: instantSchema,
    createdBy: z.string(),
    appliedAt: instantSchema.nullable(),
    counts: z.object({ rows: z.number().int(), add: z.number().int(), change: z.number().int(), unchanged: z.number().int(), errorRows: z.number().int() }),
    add: z.array(registryValuesSchema.extend({ row: z.number().int(), uscc: z.string() })),
    change: z.array(z.object({ row: z.number().int(), uscc: z.string(), name: z.string(), changes: z.array(fieldChangeSchema) })),
    unchanged: z.array(z.object({ row: z.number().int(), uscc: z.string(), name: z.string() })),
    errors: z.array(importRowErrorSchema),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

export const importApplyResultSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    appliedAt: instantSchema,
    appliedBy: z.string(),
    added: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    errorRows: z.number().int().meta({ description: 'rows left out because of errors' }),
    events: z.number().int().meta({ description: 'enterprise.upserted events sent' }),
  })
  .meta({ id: 'ImportApplyResult' });
export type ImportApplyResult = z.infer<typeof importApplyResultSchema>;

// ---- hand registration ----

export const handRegistrationRequestSchema = z
  .strictObject({
    uscc: usccBodySchema,
    name: z.string().trim().min(1).max(REGISTRY_LIMITS.name),
    regionCode: registryRegionCodeSchema,
    industryCode: registryIndustryCodeSchema,
    address: z.string().trim().max(REGISTRY_LIMITS.address).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    note: z.string().trim().max(500).optional().meta({ description: 'why it is missing from the legal-person library' }),
  })
  .refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: 'give both lat and lon, or neither', path: ['lon'] })
  .meta({ id: 'HandRegistrationRequest' });
export type HandRegistrationRequest = z.infer<typeof handRegistrationRequestSchema>;

export const handRegistrationSchema = z
  .object({
    uscc: z.string(),
    name: z.string(),
    status: z.enum(['pending', 'verified']),
    registeredBy: z.string(),
    registeredAt: instantSchema,
    note: z.string().nullable(),
    verifiedBy: z.string().nullable(),
    verifiedAt: instantSchema.nullable(),
  })
  .meta({ id: 'HandRegistration' });
export type HandRegistration = z.infer<typeof handRegistrationSchema>;

export const handRegistrationListQuerySchema = z.strictObject({
  status: z.enum(['pending', 'verified']).optional(),
});
export type HandRegistrationListQuery = z.infer<typeof handRegistrationListQuerySchema>;
export const handRegistrationListSchema = z.object({ items: z.array(handRegistrationSchema) }).meta({ id: 'HandRegistrationList' });
export type HandRegistrationList = z.infer<typeof handRegistrationListSchema>;

// ---- batch edit ----

export const MAX_BATCH_EDIT = 50_000;

/** The explorer's filter (GET /api/enterprises without sort and paging). */
export const batchFilterSchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  region: z.array(registryRegionCodeSchema).min(1).max(50).optional(),
  industry: z.array(z.string().regex(/^[A-Z0-9]{1,8}$/)).min(1).max(50).optional(),
  stars: z.array(z.number().int().min(1).max(5)).min(1).max(5).optional(),
  face: z.array(z.enum(FACES)).min(1).max(3).optional(),
});
export type BatchFilter = z.infer<typeof batchFilterSchema>;

const batchSelectionSchema = z.union([
  z.strictObject({ usccs: z.array(usccBodySchema).min(1).max(MAX_BATCH_EDIT) }),
  z.strictObject({ filter: batchFilterSchema }),
]);

export const batchEditRequestSchema = z
  .strictObject({
    selection: batchSelectionSchema,
    set: z
      .strictObject({ regionCode: registryRegionCodeSchema.optional(), industryCode: registryIndustryCodeSchema.optional() })
      .refine((s) => s.regionCode !== undefined || s.industryCode !== undefined, 'set regionCode, industryCode or both'),
  })
  .meta({ id: 'BatchEditRequest' });
export type BatchEditRequest = z.infer<typeof batchEditRequestSchema>;

export const batchEditPreviewSchema = z
  .object({
    selected: z.number().int().meta({ description: 'enterprises selected' }),
    willChange: z.number().int(),
    unchanged: z.number().int().meta({ description: 'already have the new values' }),
    unregistered: z.number().int().meta({ description: 'known from events only (no name yet): cannot be edited' }),
  })
  .meta({ id: 'BatchEditPreview' });
export type BatchEditPreview = z.infer<typeof batchEditPreviewSchema>;

export const batchEditIdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a batch edit id');

export const batchEditResultSchema = z
  .object({
    id: z.string(),
    createdAt: instantSchema,
    createdBy: z.string(),
    set: z.object({ regionCode: z.string().optional(), industryCode: z.string().optional() }),
    selected: z.number().int(),
    unchanged: z.number().int(),
    unregistered: z.number().int(),
    changed: z.array(z.object({ uscc: z.string(), name: z.string(), changes: z.array(fieldChangeSchema) })),
  })
  .meta({ id: 'BatchEditResult' });
export type BatchEditResult = z.infer<typeof batchEditResultSchema>;

