import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { RegionSigns } from '../../api/public-types';
import { useApiQuery } from '../../api/use-api-query';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { regionName } from '../../i18n/code-names';
import { sentenceLanguage } from '../../i18n/event-sentences';
import { SignCard } from './sign-card';
import '../../styles/public.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /print/region/:region — every registered enterprise of a region, one sign per printed page. */
export function RegionSignsPage() {
  const { region = '' } = useParams();
  const { t, i18n } = useTranslation();
  const path = `/api/signs?region=${encodeURIComponent(region)}`;
  const signs = useApiQuery(path, (signal) => apiClient.get<RegionSigns>(path, signal));
  useDocumentTitle(`${regionName(region, sentenceLanguage(i18n.resolvedLanguage))} · ${t('app.pageTitles.regionSigns')}`);
  return (
    <div>
      <div className="sign-toolbar">
        <strong>{t('print.regionTitle', { region: regionName(region, sentenceLanguage(i18n.resolvedLanguage)) })}</strong>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        {signs.status === 'success' && signs.data.truncated ? <span>{t('print.truncated', { count: signs.data.items.length })}</span> : null}
      </div>
      {signs.status === 'loading' ? <LoadingState /> : null}
      {signs.status === 'error' ? <ErrorState title={t('state.error')} onRetry={signs.reload} /> : null}
      {signs.status === 'success' && signs.data.items.length === 0 ? <EmptyState title={t('queues.empty')} /> : null}
      {signs.status === 'success' ? signs.data.items.map((s) => <SignCard key={s.uscc} sign={s} />) : null}
    </div>
  );
}
