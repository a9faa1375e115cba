// Roles are part of the HTTP contract (http-accounts.schema.ts).
export { ROLES, type Role } from '@envface/streams';
import type { Role } from '@envface/streams';

/** Claims inside our JWTs (HS256, 12 h). */
export interface TokenClaims {
  /** user id */
  sub: string;
  name: string;
  role: Role;
  /** USCC for enterprise accounts, null for staff */
  enterpriseId: string | null;
}

/** The authenticated caller, attached to the request by AuthGuard. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  enterpriseId: string | null;
}
