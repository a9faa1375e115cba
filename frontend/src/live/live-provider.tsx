import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveRatingChange } from '../api/api-types';
import { apiClient } from '../api/api-client';
import { useSession } from '../app/session-provider';
import { connectLive, type LiveStatus } from './live-connection';
import { staleAfter } from './live-invalidation';

export type LiveChangesHandler = (changes: LiveRatingChange[], meta: { truncated: boolean; count: number }) => void;

interface LiveContextValue {
  status: LiveStatus;
  subscribe(handler: LiveChangesHandler): () => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** An enterprise's own page data follows at once (it is a handful of small requests)… */
const ENTERPRISE_WAIT_MS = 250;
/**
 * …lists, counts and queues 1.5 s after the last change, at the latest 5 s after the first of a series: under a
 * steady stream of changes they still refresh regularly instead of waiting for a quiet moment that never comes.
 */
const AGGREGATE_WAIT_MS = 1500;
const AGGREGATE_MAX_WAIT_MS = 5000;

/**
 * One /live socket per signed-in tab, shared by every page: it feeds the pages that show changes as they come
 * (the overview's feed) and makes TanStack Query re-fetch what a change touched, so every screen that shows a
 * rating follows the live channel. After a drop, changes may have been missed: everything live is re-fetched once
 * the connection is back.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const token = session?.token ?? null;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlers = useRef(new Set<LiveChangesHandler>());

  useEffect(() => {
    if (!token) return undefined;
    const changed = new Set<string>();
    let enterpriseTimer: ReturnType<typeof setTimeout> | undefined;
    let aggregateTimer: ReturnType<typeof setTimeout> | undefined;
    let aggregateFirst: number | null = null;
    let aggregatePending = false;
    let wasDown = false;

    const flush = (aggregates: boolean) => {
      const ids = new Set(changed);
      if (aggregates) {
        aggregatePending = false;
        aggregateFirst = null;
      }
      changed.clear();
      void queryClient.invalidateQueries({ predicate: (query) => staleAfter(query.queryKey, ids, aggregates) });
    };
    const scheduleAggregates = () => {
      const now = Date.now();
      aggregateFirst ??= now;
      aggregatePending = true;
      if (aggregateTimer !== undefined) clearTimeout(aggregateTimer);
      aggregateTimer = setTimeout(() => {
        aggregateTimer = undefined;
        flush(true);
      }, Math.max(0, Math.min(now + AGGREGATE_WAIT_MS, aggregateFirst + AGGREGATE_MAX_WAIT_MS) - now));
    };

    const connection = connectLive(token, {
      onStatus: (next) => {
        setStatus(next);
        if (next === 'reconnecting' || next === 'refused') wasDown = true;
        if (next === 'live' && wasDown) {
          wasDown = false;
          void queryClient.invalidateQueries({ predicate: (query) => staleAfter(query.queryKey, new Set(), true) });
        }
      },
      onChanges: (changes, meta) => {
        for (const change of changes) changed.add(change.enterpriseId);
        if (enterpriseTimer === undefined) {
          enterpriseTimer = setTimeout(() => {
            enterpriseTimer = undefined;
            // Aggregates wait for their own timer; the enterprises named so far are cleared here.
            const ids = new Set(changed);
            changed.clear();
            void queryClient.invalidateQueries({ predicate: (query) => staleAfter(query.queryKey, ids, false) });
          }, ENTERPRISE_WAIT_MS);
        }
        scheduleAggregates();
        handlers.current.forEach((handler) => handler(changes, meta));
      },
      // The server closed this socket's session: logout elsewhere, an expired token, or a password change that
      // gave this tab a new token (which may arrive after the old one's socket was closed). One request with the
      // current token tells them apart: a 401 ends the session (api-client), a success keeps it.
      onSessionExpired: () => void apiClient.get('/api/accounts/me').catch(() => undefined),
    });
    return () => {
      connection.close();
      if (enterpriseTimer !== undefined) clearTimeout(enterpriseTimer);
      if (aggregateTimer !== undefined) clearTimeout(aggregateTimer);
      if (aggregatePending) flush(true);
      setStatus('connecting');
    };
  }, [token, queryClient]);

  const value = useMemo<LiveContextValue>(
    () => ({
      status,
      subscribe: (handler) => {
        handlers.current.add(handler);
        return () => {
          handlers.current.delete(handler);
        };
      },
    }),
    [status],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The live connection's status (for the indicator); 'connecting' outside a signed-in area. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext)?.status ?? 'connecting';
}

export function useLiveContext(): LiveContextValue | null {
  return useContext(LiveContext);
}
