/**
 * The inspector session: the bearer token and what the UI reads from its payload.
 *
 * The token lives in sessionStorage, not localStorage, to limit exposure: it is scoped to one tab, gone when the
 * tab closes, and not shared with every other tab or left on disk for the next user of a shared office machine.
 * (Any script running on the page can still read it; that is why the app renders no untrusted HTML.)
 *
 * The payload is decoded without verifying the signature. That is only for UX (which pages to show, when to
 * log out); every authorisation decision is the server's.
 */

export const TOKEN_STORAGE_KEY = 'envface.token';

export interface SessionClaims {
  /** User id. */
  sub: string;
  /** Username to show (the backend's `name` claim); falls back to sub. */
  name?: string;
  role: string;
  enterpriseId?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type SessionEndReason = 'logout' | 'expired';

export interface Session {
  token: string;
  claims: SessionClaims;
}

type Listener = (session: Session | null, reason?: SessionEndReason) => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims of a JWT; null when the token is malformed or lacks sub/role/exp. */
export function decodeToken(token: string): SessionClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof payload !== 'object' || payload === null) return null;
    const { sub, name, role, exp, enterpriseId } = payload as Record<string, unknown>;
    // sub is a database id: a string from this backend, but a number is just as valid a JWT subject.
    const subject = typeof sub === 'number' ? String(sub) : sub;
    if (typeof subject !== 'string' || typeof role !== 'string' || typeof exp !== 'number') return null;
    return {
      sub: subject,
      role,
      exp,
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof enterpriseId === 'string' ? { enterpriseId } : {}),
    };
  } catch {
    return null;
  }
}

export function isExpired(claims: SessionClaims, nowMs: number = Date.now()): boolean {
  return claims.exp * 1000 <= nowMs;
}

/** The stored session if it is present, well formed and not expired; a stale token is removed. */
export function loadSession(nowMs: number = Date.now()): Session | null {
  const token = storage()?.getItem(TOKEN_STORAGE_KEY);
  if (!token) return null;
  const claims = decodeToken(token);
  if (!claims || isExpired(claims, nowMs)) {
    storage()?.removeItem(TOKEN_STORAGE_KEY);
    return null;
  }
  return { token, claims };
}

export function getToken(): string | null {
  return loadSession()?.token ?? null;
}

/** Stores a freshly issued token; throws when it cannot be used (then the login must not be reported as successful). */
export function startSession(token: string, nowMs: number = Date.now()): Session {
  const claims = decodeToken(token);
  if (!claims) throw new Error('The server returned a token the app cannot read');
  if (isExpired(claims, nowMs)) throw new Error('The server returned an expired token');
  storage()?.setItem(TOKEN_STORAGE_KEY, token);
  const session = { token, claims };
  listeners.forEach((listener) => listener(session));
  return session;
}

export function endSession(reason: SessionEndReason): void {
  storage()?.removeItem(TOKEN_STORAGE_KEY);
  listeners.forEach((listener) => listener(null, reason));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Roles that may use the inspector dashboard (the backend's built-in account `admin` has role admin). */
export const INSPECTOR_ROLES: readonly string[] = ['admin', 'inspector'];
