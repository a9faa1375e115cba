import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { API_QUERY } from './query-client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'success'; data: T; refreshing?: boolean }
  | { status: 'error'; error: unknown };

export interface ApiQueryOptions<T = unknown> {
  /**
   * Keep showing the last answer while a new key loads (a new filter, a new range): flashing a spinner each
   * time would make the page jump. Re-fetches of the same key always keep the data (that is how live updates look).
   */
  keepData?: boolean;
  /** Also re-fetch this often (ms) while the page is open, for numbers that move without rating changes. */
  refetchIntervalMs?: number;
  /**
   * Data the server already sent with the page (server-rendered first paint): shown at once and not fetched
   * again when the page mounts; `updatedAt` is when the server read it. Later mounts fetch as usual.
   */
  initial?: { data: T; updatedAt: number };
}

/** Keys that mean "nothing to load yet" (a path that depends on data still loading). */
const IDLE_KEY = 'none';

export type ApiQueryResult<T> = QueryState<T> & {
  reload: () => void;
  /** When the shown data arrived from the server (epoch ms); 0 before the first answer. */
  updatedAt: number;
};

/**
 * One server request as a TanStack query: `key` identifies the request (e.g. its URL) and is the query key, so
 * pages asking the same thing share one request and one cache entry, and the live channel can invalidate it.
 * Switching keys cancels the previous request when nothing else uses it, so a fast click through enterprises
 * never shows the answer for the one before. The key 'none' waits (a path that depends on data still loading).
 */
export function useApiQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options: ApiQueryOptions<T> = {}): ApiQueryResult<T> {
  const query = useQuery<T>({
    queryKey: [API_QUERY, key],
    queryFn: ({ signal }) => load(signal),
    enabled: key !== IDLE_KEY,
    placeholderData: options.keepData ? keepPreviousData : undefined,
    refetchInterval: options.refetchIntervalMs,
    ...(options.initial
      ? {
          initialData: options.initial.data,
          initialDataUpdatedAt: options.initial.updatedAt,
          // Only the server's data so far (no fetch has completed): it is what the page was just sent.
          refetchOnMount: (q: { state: { dataUpdateCount: number } }) => q.state.dataUpdateCount > 0,
        }
      : {}),
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const updatedAt = query.dataUpdatedAt;
  // A failed background re-fetch keeps the data on screen (the "updated" time says how old it is); a failed
  // first load is an error.
  if (query.data !== undefined && !(query.isError && query.isPlaceholderData)) {
    return { status: 'success', data: query.data, refreshing: query.isFetching, reload, updatedAt };
  }
  if (query.isError) return { status: 'error', error: query.error, reload, updatedAt };
  return { status: 'loading', reload, updatedAt };
}

/** Queues (complaints, appeals, notices) also gain items that no rating change announces: polled this often. */
export const QUEUE_POLL_MS = 30_000;
