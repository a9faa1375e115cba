import { ApiError } from './api-client';
import { endSession, getToken } from './session';

/**
 * POST a multipart form (file uploads) with the session's bearer token. The JSON client sets a JSON
 * content type; a form needs the browser to write its own multipart boundary.
 */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' }, body: form });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text === '' ? undefined : JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (response.ok) return payload as T;
  if (response.status === 401) endSession('expired');
  const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? (response.statusText || `HTTP ${response.status}`));
}
