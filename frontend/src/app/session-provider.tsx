import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiClient } from '../api/api-client';
import { startSessionSync } from '../api/session-sync';
import {
  endSession,
  isExpired,
  loadSession,
  onSessionChange,
  startSession,
  type Session,
  type SessionEndReason,
} from '../api/session';

export interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended, so /login can say "session expired" rather than nothing. */
  endReason: SessionEndReason | undefined;
  /** True for a moment after the tab opened without a session, while the other tabs are asked for theirs. */
  resolving: boolean;
  login(username: string, password: string): Promise<Session>;
  logout(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** How long a new tab waits for another tab's session before it shows the login page. */
const ASK_TABS_MS = 400;

// setTimeout takes a signed 32-bit delay; longer ones fire at once.
const MAX_TIMER_MS = 2_147_483_647;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ session: Session | null; endReason?: SessionEndReason }>(() => ({
    session: loadSession(),
  }));
  const [resolving, setResolving] = useState(() => state.session === null && typeof BroadcastChannel === 'function');

  useEffect(
    () =>
      onSessionChange((session, endReason) => {
        // Nothing of the last account stays cached for the next one (a new account always starts signed out).
        if (!session) queryClient.clear();
        setState({ session, endReason });
      }),
    [queryClient],
  );

  // The session is shared with the browser's other tabs (api/session-sync.ts); a tab opened without one asks them.
  useEffect(() => {
    const sync = startSessionSync();
    if (!sync) {
      setResolving(false);
      return undefined;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (!loadSession()) {
      sync.ask();
      timer = setTimeout(() => setResolving(false), ASK_TABS_MS);
    } else setResolving(false);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      sync.close();
    };
  }, []);

  // Log out when the token expires, without waiting for the next API call to come back 401.
  useEffect(() => {
    const session = state.session;
    if (!session) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (isExpired(session.claims)) {
        endSession('expired');
        return;
      }
      timer = setTimeout(check, Math.min(MAX_TIMER_MS, session.claims.exp * 1000 - Date.now() + 50));
    };
    check();
    // Timers are paused while a laptop sleeps; re-check as soon as the tab is visible again.
    const onVisible = () => {
      if (document.visibilityState === 'visible' && isExpired(session.claims)) endSession('expired');
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [state.session]);

  const login = useCallback(async (username: string, password: string) => {
    const { token } = await apiClient.login(username, password);
    return startSession(token);
  }, []);
  // The server ends this token's session too (a copied token stops working); the UI does not wait for it.
  const logout = useCallback(() => {
    const token = loadSession()?.token;
    if (token) void apiClient.logout(token);
    endSession('logout');
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({ session: state.session, endReason: state.endReason, resolving: resolving && state.session === null, login, logout }),
    [state, resolving, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
