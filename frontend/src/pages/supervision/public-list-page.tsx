import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { ListJson } from '../../api/supervision-types';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorState, LoadingState } from '../../components/state-view';
import { LanguageSwitch } from '../../i18n/language-switch';
import '../../styles/public.css';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /public/lists/red and /public/lists/black — 公示 of today's red and black lists, phone first. */
export function PublicListPage() {
  const { list } = useParams();
  const { t } = useTranslation();
  const ok = list === 'red' || list === 'black';
  const path = `/api/public/lists/${list}`;
  const query = useApiQuery(path, (signal) => apiClient.request<ListJson>(path, { signal, auth: false }));
  useDocumentTitle(t(`supervision.publicList.title.${list === 'black' ? 'black' : 'red'}`));
  if (!ok) return <Navigate to="/public/lists/red" replace />;
  return (
    <main className="q-page">
      <header className="q-top">
        <span className="q-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <section className={`q-card sv-public-list sv-public-list--${list}`} data-testid="public-list">
        <h1 className="q-name">{t(`supervision.publicList.title.${list}`)}</h1>
        {query.status === 'loading' ? <LoadingState /> : null}
        {query.status === 'error' ? <ErrorState onRetry={query.reload} /> : null}
        {query.status === 'success' ? (
          <>
            <p className="q-muted">{t('supervision.publicList.subtitle', { day: query.data.day, count: query.data.enterprises.length })}</p>
            {query.data.enterprises.length === 0 ? <p>{t('supervision.publicList.empty')}</p> : null}
            <ul className="sv-public-entries">
              {query.data.enterprises.map((e) => (
                <li key={e.uscc}>
                  <strong>{e.name ?? e.uscc}</strong>
                  <div className="q-muted q-mono">{e.uscc}</div>
                  <div className="q-muted">
                    {e.regionCode ?? ''} · {t('supervision.publicList.since', { since: e.since })}
                  </div>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <footer className="q-footer">{t('publicPage.footer')}</footer>
    </main>
  );
}
