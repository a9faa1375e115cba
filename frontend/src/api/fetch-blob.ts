import { ApiError } from './api-client';
import { endSession, getToken } from './session';

/**
 * GET a binary resource (QR code images) with the session's bearer token. Images behind a token cannot be plain
 * <img src> or <a href> links (those send no Authorization header), so they are fetched and shown or saved as blobs.
 */
export async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 401) endSession('expired');
  if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
  return response.blob();
}

/** Saves a blob under `fileName` through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
