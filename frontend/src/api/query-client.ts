import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** First element of every API query key: the live bridge and the "updated" stamp look only at these. */
export const API_QUERY = 'api';

/**
 * Retries only what may pass on a second try (network drop, 5xx); a 4xx is an answer ("not found", "forbidden")
 * and must show at once.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

/**
 * The app's one server-state cache (TanStack Query). Data stays "fresh" for 2 s: pages that mount the same
 * request at once share it, and anything older is fetched again when a page mounts it; the live bridge
 * (`live/live-query-bridge.ts`) invalidates what a rating change touches.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        gcTime: 5 * 60_000,
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
      },
    },
  });
}
