import { decodeToken, endSession, loadSession, onSessionChange, startSession } from './session';

/**
 * The session shared between the tabs of one browser, without moving the token into cookies or localStorage:
 * each tab keeps its own copy in sessionStorage, and tabs talk over a BroadcastChannel (same origin only; nothing
 * is written to disk). A new tab (a Ctrl-click, a pasted link) asks the open tabs for the session; a login or a
 * new token (password change) is offered to the others; a logout in one tab logs out all of them.
 */
export const SESSION_CHANNEL = 'envface.session';

export type SessionMessage = { type: 'ask' } | { type: 'session'; token: string } | { type: 'logout' };

/** The part of BroadcastChannel this module uses (a stand-in in specs). */
export interface SessionChannel {
  postMessage(message: SessionMessage): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

export interface SessionSync {
  /** Asks the other tabs for their session (answered by every tab that has one). */
  ask(): void;
  close(): void;
}

function isMessage(value: unknown): value is SessionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, token } = value as Record<string, unknown>;
  return type === 'ask' || type === 'logout' || (type === 'session' && typeof token === 'string');
}

function defaultChannel(): SessionChannel | null {
  return typeof BroadcastChannel === 'function' ? (new BroadcastChannel(SESSION_CHANNEL) as unknown as SessionChannel) : null;
}

/** Starts sharing; null when the browser has no BroadcastChannel (then every tab signs in by itself, as before). */
export function startSessionSync(open: () => SessionChannel | null = defaultChannel): SessionSync | null {
  const channel = open();
  if (!channel) return null;
  // Set while this tab applies what another tab said, so it is not echoed back.
  let fromPeer = false;
  const apply = (change: () => void) => {
    fromPeer = true;
    try {
      change();
    } finally {
      fromPeer = false;
    }
  };

  channel.onmessage = (event) => {
    const message: unknown = event.data;
    if (!isMessage(message)) return;
    const mine = loadSession();
    if (message.type === 'ask') {
      if (mine) channel.postMessage({ type: 'session', token: mine.token });
      return;
    }
    if (message.type === 'logout') {
      if (mine) apply(() => endSession('logout'));
      return;
    }
    if (mine?.token === message.token) return;
    // Adopt it when signed out, or when it is a newer token of the same account (a password change in another
    // tab ended the old one); never replace another account's session.
    apply(() => {
      try {
        const offered = decodeToken(message.token);
        if (offered && (!mine || offered.sub === mine.claims.sub)) startSession(message.token);
      } catch {
        // An unusable or expired token is ignored: this tab stays as it is.
      }
    });
  };

  const stopListening = onSessionChange((session, reason) => {
    if (fromPeer) return;
    if (session) channel.postMessage({ type: 'session', token: session.token });
    else if (reason === 'logout') channel.postMessage({ type: 'logout' });
  });

  return {
    ask: () => channel.postMessage({ type: 'ask' }),
    close: () => {
      stopListening();
      channel.onmessage = null;
      channel.close();
    },
  };
}
