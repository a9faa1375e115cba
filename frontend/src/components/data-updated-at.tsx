import { useQueryClient, type Query } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { API_QUERY } from '../api/query-client';

/** When the page's data last came from the server: the newest answer among the API queries on screen. */
function newestAnswer(queries: readonly Query[]): { at: number; fetching: boolean } {
  let at = 0;
  let fetching = false;
  for (const query of queries) {
    if (query.queryKey[0] !== API_QUERY || query.getObserversCount() === 0) continue;
    at = Math.max(at, query.state.dataUpdatedAt);
    fetching ||= query.state.fetchStatus === 'fetching';
  }
  return { at, fetching };
}

/**
 * "已更新 hh:mm:ss" / "updated hh:mm:ss": how fresh the page's numbers are. Every page header shows it, so a
 * screen that stopped following the live channel (or lost its connection) says how old it is.
 */
export function DataUpdatedAt() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const cache = client.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  // A string snapshot: useSyncExternalStore compares snapshots with Object.is.
  const snapshot = useSyncExternalStore(subscribe, () => {
    const { at, fetching } = newestAnswer(cache.getAll());
    return `${at}|${fetching ? 1 : 0}`;
  });
  const [atText, fetchingText] = snapshot.split('|');
  const at = Number(atText);
  if (at === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(at));
  return (
    <span className="data-updated muted" data-testid="updated-at" data-updated-at={at} aria-live="off" title={new Date(at).toISOString()}>
      {t('live.updatedAt', { time })}
      {fetchingText === '1' ? <span className="data-updated__busy" aria-hidden="true"> ⟳</span> : null}
    </span>
  );
}
