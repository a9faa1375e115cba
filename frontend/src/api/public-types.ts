// Names for the generated types (generated/openapi.d.ts) of the public page, complaints, appeals,
// signs, accounts and the enterprise portal. See api-types.ts.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

/** GET /api/public/{token}: rating fields are null while the enterprise has no rating yet. */
export type PublicViewJson = Schemas['PublicView'];

export type ComplaintCategory = Schemas['NewComplaint']['category'];
/** The categories in the order the form offers them (checked against the API's list). */
export const COMPLAINT_CATEGORIES = ['air', 'water', 'noise', 'waste', 'odour', 'other'] as const satisfies readonly ComplaintCategory[];

export type ComplaintReceipt = Schemas['ComplaintReceipt'];
/** GET /api/public/{token}/complaints/challenge */
export type ComplaintChallenge = Schemas['ComplaintChallenge'];
/** GET /api/complaint-alerts: the flood early warning */
export type ComplaintAlerts = Schemas['ComplaintAlerts'];
/** POST /api/public/complaints/follow */
export type ComplaintFollow = Schemas['ComplaintFollow'];
export type ComplaintJson = Schemas['Complaint'];
export type AppealJson = Schemas['Appeal'];

/** Keyset pages of the complaint and appeal queues. */
export type ComplaintPage = Schemas['ComplaintPage'];
export type AppealPage = Schemas['AppealPage'];

export type SignJson = Schemas['Sign'];
/** GET /api/signs?region= */
export type RegionSigns = Schemas['RegionSigns'];
/** An account; `initialPassword` only in the answer to its creation (shown once). */
export type AccountJson = Schemas['CreatedAccount'];

export type EarlyEnd = Schemas['EarlyEnd'];
export type PortalEffect = Schemas['PortalEffect'];
export type PortalOverview = Schemas['PortalOverview'];
export type PortalEvent = Schemas['PortalEvent'];
export type PortalEvents = Schemas['PortalEvents'];
export type PortalRevision = Schemas['PortalRevision'];
export type PortalRevisions = Schemas['PortalRevisions'];
