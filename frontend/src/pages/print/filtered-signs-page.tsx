import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { EnterpriseListResponse } from '../../api/api-types';
import type { SignJson } from '../../api/public-types';
import { useApiQuery } from '../../api/use-api-query';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import { filtersFromParams, listRequestPath } from '../enterprises/explorer-query';
import { SignCard } from './sign-card';
import '../../styles/public.css';

/** At most one API page of enterprises: a batch print is for a district's or a list's gates, not the province. */
const MAX_FILTERED_SIGNS = 200;

async function signsOf(path: string, signal: AbortSignal): Promise<{ items: SignJson[]; truncated: boolean }> {
  const list = await apiClient.get<EnterpriseListResponse>(path, signal);
  const items: SignJson[] = [];
  // A few at a time: each sign carries a QR code the server draws.
  for (let i = 0; i < list.items.length; i += 6) {
    const chunk = list.items.slice(i, i + 6);
    items.push(...(await Promise.all(chunk.map((e) => apiClient.get<SignJson>(`/api/enterprises/${encodeURIComponent(e.uscc)}/sign`, signal)))));
  }
  return { items, truncated: list.nextCursor !== null };
}

/** /print/signs?<explorer filters> — the signs of the explorer's filtered set, one per printed page. */
export function FilteredSignsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const path = useMemo(() => listRequestPath(filtersFromParams(params), null, MAX_FILTERED_SIGNS), [params]);
  const signs = useApiQuery(`signs:${path}`, (signal) => signsOf(path, signal));
  const count = signs.status === 'success' ? signs.data.items.length : 0;
  useDocumentTitle(t('app.pageTitles.regionSigns'));
  return (
    <div>
      <div className="sign-toolbar">
        <strong>{t('print.filteredTitle', { count })}</strong>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        {signs.status === 'success' && signs.data.truncated ? <span>{t('print.truncated', { count })}</span> : null}
      </div>
      {signs.status === 'loading' ? <LoadingState /> : null}
      {signs.status === 'error' ? <ErrorState title={t('state.error')} onRetry={signs.reload} /> : null}
      {signs.status === 'success' && count === 0 ? <EmptyState title={t('queues.empty')} /> : null}
      {signs.status === 'success' ? signs.data.items.map((s) => <SignCard key={s.uscc} sign={s} />) : null}
    </div>
  );
}
