import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import { dayIn } from '../../api/day-range';
import { fetchBlob, saveBlob } from '../../api/fetch-blob';
import { CREDIT_LISTS, type CreditList, type ListJson } from '../../api/supervision-types';
import { useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { countByRegion, filterEntries } from './list-view';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** Rows rendered at once; the count and the CSV always cover the whole list. */
const MAX_ROWS = 500;

const isList = (v: string | undefined): v is CreditList => (CREDIT_LISTS as readonly string[]).includes(v ?? '');

/** /lists/:list — one credit list on a day: search, region filter, count per region, CSV download. */
export function ListPage() {
  const { t } = useTranslation();
  const { list } = useParams();
  useDocumentTitle(isList(list) ? `${t(`supervision.lists.names.${list}`)} · ${t('supervision.lists.title')}` : t('supervision.lists.title'));
  const [params, setParams] = useSearchParams();
  const today = dayIn(new Date());
  // Without a chosen day the server's today is used (the browser's clock may be in another zone or wrong).
  const chosenDay = params.get('day');
  const [search, setSearch] = useState('');
  const [region, setRegion] = useState('');
  const [downloading, setDownloading] = useState(false);
  const path = `/api/lists/${list}${chosenDay ? `?day=${chosenDay}` : ''}`;
  const query = useApiQuery(path, (signal) => apiClient.get<ListJson>(path, signal), { keepData: true });
  const entries = query.status === 'success' ? query.data.enterprises : [];
  const day = chosenDay ?? (query.status === 'success' ? query.data.day : '');
  const regions = useMemo(() => countByRegion(entries), [entries]);
  const shown = useMemo(() => filterEntries(entries, search, region), [entries, search, region]);
  if (!isList(list)) return <Navigate to="/lists/red" replace />;

  const download = async () => {
    setDownloading(true);
    try {
      saveBlob(await fetchBlob(`/api/lists/${list}.csv${day ? `?day=${day}` : ''}`), `envface-${list}-${day}.csv`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('supervision.lists.title')}
        subtitle={t('supervision.lists.subtitle')}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={download} disabled={downloading} data-testid="list-download">
              {t('supervision.lists.download')}
            </button>
            <ExportButtons path={`/api/lists/${list}`} query={day ? `day=${day}` : ''} fileName={`envface-${list}-${day}`} testId="list-export" />
          </>
        }
      />
      <nav className="sv-tabs" aria-label={t('supervision.lists.title')}>
        {CREDIT_LISTS.map((l) => (
          <Link key={l} to={`/lists/${l}${chosenDay ? `?day=${chosenDay}` : ''}`} className="sv-tab" aria-current={l === list ? 'page' : undefined}>
            {t(`supervision.lists.names.${l}`)}
          </Link>
        ))}
      </nav>
      <p className="sv-rule" data-testid="list-rule">{t(`supervision.lists.rules.${list}`)}</p>
      <section className="card sv-filters">
        <label className="field">
          <span className="field__label">{t('supervision.lists.day')}</span>
          <input type="date" value={day} max={today} onChange={(e) => e.target.value && setParams({ day: e.target.value }, { replace: true })} data-testid="list-day" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.lists.search')}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="list-search" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.lists.region')}</span>
          <select value={region} onChange={(e) => setRegion(e.target.value)} data-testid="list-region">
            <option value="">{t('supervision.lists.allRegions')}</option>
            {regions.map((r) => (
              <option key={r.regionCode} value={r.regionCode}>
                {r.regionCode || '—'} ({r.count})
              </option>
            ))}
          </select>
        </label>
      </section>
      {query.status === 'loading' ? <LoadingState /> : null}
      {query.status === 'error' ? <ErrorState onRetry={query.reload} /> : null}
      {query.status === 'success' && entries.length === 0 ? <EmptyState title={t('supervision.lists.empty')} /> : null}
      {query.status === 'success' && entries.length > 0 ? (
        <div className="sv-list-layout">
          <section className="card">
            <p className="sv-count" data-testid="list-count">
              {t('supervision.lists.count', { count: entries.length })} · {t('supervision.lists.shown', { shown: Math.min(shown.length, MAX_ROWS), count: shown.length })}
            </p>
            <div className="sv-table-wrap">
              <table className="data-table" data-testid="list-table">
                <thead>
                  <tr>
                    <th>{t('supervision.lists.name')}</th>
                    <th>{t('supervision.lists.uscc')}</th>
                    <th>{t('supervision.lists.regionCode')}</th>
                    <th>{t('supervision.lists.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.slice(0, MAX_ROWS).map((e) => (
                    <tr key={e.uscc}>
                      <td>
                        <Link to={`/enterprises/${e.uscc}`}>{e.name ?? t('supervision.lists.unnamed')}</Link>
                      </td>
                      <td className="sv-mono">{e.uscc}</td>
                      <td>{e.regionCode ?? '—'}</td>
                      <td>{e.since}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <aside className="card sv-regions" aria-label={t('supervision.lists.byRegion')}>
            <h2>{t('supervision.lists.byRegion')}</h2>
            <ul data-testid="list-by-region">
              {regions.map((r) => (
                <li key={r.regionCode}>
                  <button type="button" className="sv-link-button" aria-pressed={region === r.regionCode} onClick={() => setRegion(region === r.regionCode ? '' : r.regionCode)}>
                    <span>{r.regionCode || '—'}</span>
                    <strong>{r.count}</strong>
                  </button>
                </li>
              ))}
            </ul>
          </aside>
        </div>
      ) : null}
    </>
  );
}
