import type { PublicViewJson } from '../../api/public-types';

/** The `<script type="application/json">` in which the server hands the view it rendered to the app. */
export const INITIAL_VIEW_ID = 'q-initial-view';

/** What that script holds: the view (the `/api/public/{token}` answer), whose it is and when the server read it. */
export interface ServerRenderedView {
  token: string;
  view: PublicViewJson;
  /** Epoch ms at which the server read the view. */
  renderedAt: number;
  /** The view's fingerprint: the live socket sends it back and gets the view again if it changed meanwhile. */
  seen?: string;
}

/** A handed-over view is initial data only right after the page loaded, not when the page is opened again later. */
const HANDOFF_WINDOW_MS = 30_000;

let taken: { value: ServerRenderedView | null; at: number } | undefined;

/**
 * The view the server rendered into this document, once, for the page of `token`: the script is read and
 * removed on the first call (later calls, e.g. React's double render in development, get the same answer).
 */
export function takeServerRenderedView(token: string): { data: PublicViewJson; updatedAt: number; seen: string | null } | null {
  if (taken === undefined) {
    taken = { value: readScript(), at: Date.now() };
  }
  const value = taken.value;
  if (!value || value.token !== token || Date.now() - taken.at > HANDOFF_WINDOW_MS) return null;
  return { data: value.view, updatedAt: value.renderedAt, seen: typeof value.seen === 'string' ? value.seen : null };
}

function readScript(): ServerRenderedView | null {
  if (typeof document === 'undefined') return null;
  const element = document.getElementById(INITIAL_VIEW_ID);
  if (!element) return null;
  element.remove();
  try {
    const parsed = JSON.parse(element.textContent ?? '') as Partial<ServerRenderedView>;
    return typeof parsed.token === 'string' && parsed.view && typeof parsed.renderedAt === 'number' ? (parsed as ServerRenderedView) : null;
  } catch {
    // A damaged hand-over is no reason to fail: the page loads the view as before.
    return null;
  }
}
