// Shapes of the admin routes (accounts, the audit trail): generated from the contract
// (streams/src/contract/http-accounts.schema.ts, http-audit.schema.ts); only the names are the app's.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

/** GET /api/accounts items, POST /api/accounts/{username}/jurisdiction */
export type AccountItemJson = Schemas['Account'];
export type AccountListJson = Schemas['AccountList'];
/** POST /api/accounts and password-reset: with the one-time password (shown once). */
export type CreatedAccountJson = Schemas['CreatedAccount'];
export type AuditEntryJson = Schemas['AuditEntry'];
export type AuditPageJson = Schemas['AuditPage'];
