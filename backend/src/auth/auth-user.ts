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
  /** users.token_version when issued: a bump (password change, disable) refuses every older token */
  ver?: number;
  /** session id: logout puts it on the denylist (revoked_sessions) */
  jti?: string;
  /** expiry (seconds since the epoch); required: a token without one is refused */
  exp?: number;
}

/** The session a verified token stands for (see SessionValidityService). */
export interface TokenSession {
  /** the token's jti (or, for a token without one, a hash of the token itself) */
  id: string;
  /** the account's token_version the token was issued under */
  version: number;
  expiresAtMs: number;
}

/** The authenticated caller, attached to the request by AuthGuard. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  enterpriseId: string | null;
  /**
   * Inspectors: the region-code prefixes of their jurisdiction, read from the account on every request
   * (empty or absent: everything). See jurisdiction.ts.
   */
  regionPrefixes?: readonly string[];
}
