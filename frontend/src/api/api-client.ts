import type { ApiErrorBody, LoginResponse } from './api-types';
import { endSession, getToken } from './session';

/** Any failed API call. `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Record<string, unknown>).code === 'string' &&
    typeof (error as Record<string, unknown>).message === 'string'
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /**
   * false for calls that are not made on behalf of the session (login): no bearer header, and a 401 is an answer
   * to show (wrong password), not a sign that the session ended.
   */
  auth?: boolean;
}

export interface ApiClientDeps {
  fetch: typeof fetch;
  getToken: () => string | null;
  /** Called once per 401 on an authenticated call, after which the call rejects. */
  onUnauthorized: () => void;
  baseUrl: string;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
  login(username: string, password: string): Promise<LoginResponse>;
  /** Ends the session of `token` on the server; never throws (the local session ends regardless). */
  logout(token: string): Promise<void>;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { method = 'GET', body, signal, auth = true } = options;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = auth ? deps.getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await deps.fetch(deps.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      // Let callers tell a cancelled request (component unmounted) from an unreachable server.
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
    }

    const payload = await readJson(response);
    if (response.ok) return payload as T;

    if (response.status === 401 && auth) deps.onUnauthorized();
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.error.code, payload.error.message);
    // A proxy or the dev server may answer with HTML or nothing; keep the status so the UI can still say something useful.
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
  }

  return {
    request,
    get: (path, signal) => request(path, { signal }),
    post: (path, body, signal) => request(path, { method: 'POST', body, signal }),
    login: (username, password) =>
      request<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password }, auth: false }),
    // Not through request(): a 401 here (token already revoked) must not turn the logout into "session expired".
    logout: async (token) => {
      try {
        await deps.fetch(`${deps.baseUrl}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      } catch {
        // offline: the token still expires on its own; the local session ends anyway
      }
    },
  };
}

/**
 * The app's client: same-origin (the backend serves the app; the Vite dev server proxies /api).
 * A 401 on an authenticated call means the token was rejected: end the session as expired, which sends the
 * user to /login with a "session expired" message (see SessionProvider / RequireAuth).
 */
export const apiClient: ApiClient = createApiClient({
  fetch: (input, init) => globalThis.fetch(input, init),
  getToken,
  onUnauthorized: () => endSession('expired'),
  baseUrl: '',
});
