import { apiClient } from './api-client';
import type { RatingModel } from './api-types';
import { useApiQuery, type QueryState } from './use-api-query';

export const RATING_MODEL_PATH = '/api/model';

let loading: Promise<RatingModel> | null = null;

/**
 * The server's rule book numbers (GET /api/model), fetched once per page load and shared: they change only with a
 * new rule book, i.e. a server restart. A failed load is retried by the next caller.
 */
export function loadRatingModel(): Promise<RatingModel> {
  loading ??= apiClient.get<RatingModel>(RATING_MODEL_PATH).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The rule book for components; loading/error like any query (the shared request is never cancelled). */
export function useRatingModel(): QueryState<RatingModel> & { reload: () => void } {
  return useApiQuery(RATING_MODEL_PATH, () => loadRatingModel());
}
