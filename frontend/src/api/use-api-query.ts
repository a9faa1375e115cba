import { useCallback, useEffect, useRef, useState } from 'react';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'success'; data: T; refreshing?: boolean }
  | { status: 'error'; error: unknown };

export interface ApiQueryOptions {
  /**
   * Keep showing the last answer while a new key or a reload loads (live dashboards re-fetch every few seconds;
   * flashing a spinner each time would make the wall screen flicker). An error still replaces the data.
   */
  keepData?: boolean;
}

/**
 * Runs `load` when `key` changes (and on reload), cancelling the previous request, so a fast click through
 * enterprises never shows the answer for the one before. `key` must identify the request (e.g. its URL).
 */
export function useApiQuery<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: ApiQueryOptions = {},
): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const keepData = useRef(options.keepData ?? false);
  keepData.current = options.keepData ?? false;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) =>
      keepData.current && previous.status === 'success' ? { ...previous, refreshing: true } : { status: 'loading' },
    );
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // `load` is deliberately not a dependency: callers pass inline closures; `key` says when the request changes.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
