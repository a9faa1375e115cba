import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../../api/api-client';
import { solveChallenge } from 'altcha-lib/v1';
import type { ComplaintChallenge, ComplaintFollow, ComplaintReceipt, PublicViewJson } from '../../api/public-types';

/** Calls of the public page: no session, no bearer token (a visitor who is also signed in stays anonymous here). */
async function failure(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON
  }
  return new ApiError(response.status, code, message);
}

export async function fetchPublicView(token: string, signal?: AbortSignal): Promise<PublicViewJson> {
  const response = await fetch(`/api/public/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as PublicViewJson;
}

/** Multipart, so a photo travels as bytes (the server checks its type by content and caps it at 2 MB). */
export async function submitComplaint(token: string, form: FormData): Promise<ComplaintReceipt> {
  const response = await fetch(`/api/public/${encodeURIComponent(token)}/complaints`, { method: 'POST', body: form });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ComplaintReceipt;
}

/** Whether a report needs a solved proof-of-work challenge now, and one to solve. */
export async function fetchComplaintChallenge(token: string): Promise<ComplaintChallenge> {
  const response = await fetch(`/api/public/${encodeURIComponent(token)}/complaints/challenge`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ComplaintChallenge;
}

/**
 * Solves the challenge in the browser (altcha-lib, Web Crypto; no outside service) and returns the
 * `altcha` field: the base64 JSON payload the server verifies. Null when no number was found.
 */
export async function solveComplaintChallenge(challenge: NonNullable<ComplaintChallenge['challenge']>): Promise<string | null> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) return null;
  const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number, salt: challenge.salt, signature: challenge.signature };
  return btoa(JSON.stringify(payload));
}

/** A citizen follows a report with its reference and code (404 for a wrong code or unknown reference). */
export async function followComplaint(reference: string, code: string): Promise<ComplaintFollow> {
  const response = await fetch('/api/public/complaints/follow', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference, code }) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ComplaintFollow;
}

/** The `/public` socket: the server picks the room from the token and sends the whole public view on each change. */
/**
 * Follows one enterprise's public view. `seen` (from a server-rendered page) goes with the first
 * handshake: the server then sends the view at once if it changed since the page was rendered. After a
 * lost connection nothing says what was missed, so `onReconnect` asks the page to load the view again.
 */
export function watchPublicView(
  token: string,
  onView: (view: PublicViewJson) => void,
  onLive: (live: boolean) => void,
  options: { seen?: string | null; onReconnect?: () => void } = {},
): () => void {
  let connects = 0;
  const socket: Socket = io('/public', {
    // A function: evaluated for every connection attempt, so only the first handshake carries `seen`.
    auth: (send) => send(connects === 0 && options.seen ? { publicToken: token, seen: options.seen } : { publicToken: token }),
    transports: ['websocket'],
    reconnectionDelayMax: 30_000,
  });
  socket.on('connect', () => {
    if (connects++ > 0) options.onReconnect?.();
    onLive(true);
  });
  socket.on('disconnect', () => onLive(false));
  socket.on('public.view', onView);
  socket.on('public.revoked', () => socket.disconnect());
  return () => {
    socket.disconnect();
  };
}
