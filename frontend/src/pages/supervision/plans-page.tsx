import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { PlanListJson } from '../../api/supervision-types';
import { useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /inspection-plans — the plans, newest first; "only mine" shows plans where I inspect an enterprise. */
export function PlansPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('supervision.plans.title'));
  const [mine, setMine] = useState(false);
  const path = `/api/inspection-plans?limit=100${mine ? '&mine=true' : ''}`;
  const query = useApiQuery(path, (signal) => apiClient.get<PlanListJson>(path, signal), { keepData: true });
  return (
    <>
      <PageHeader
        title={t('supervision.plans.title')}
        subtitle={t('supervision.plans.subtitle')}
        actions={
          <>
            <ExportButtons path="/api/inspection-plans" query={mine ? 'mine=true' : ''} fileName="inspection-plans" testId="plans-export" />
            <Link to="/inspection-plans/new" className="button button--primary" data-testid="plan-new">
              {t('supervision.plans.new')}
            </Link>
          </>
        }
      />
      <label className="sv-toggle">
        <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> {t('supervision.plans.mineOnly')}
      </label>
      {query.status === 'loading' ? <LoadingState /> : null}
      {query.status === 'error' ? <ErrorState onRetry={query.reload} /> : null}
      {query.status === 'success' && query.data.plans.length === 0 ? <EmptyState title={t('supervision.plans.empty')} /> : null}
      {query.status === 'success' && query.data.plans.length > 0 ? (
        <ul className="sv-plan-list" data-testid="plan-list">
          {query.data.plans.map((p) => (
            <li key={p.id} className="card sv-plan-item">
              <div>
                <Link to={`/inspection-plans/${p.id}`} className="sv-plan-item__name">
                  {p.name}
                </Link>
                <p className="sv-muted">
                  {p.day} · {t('supervision.plans.population', { count: p.populationSize })} · {t('supervision.plans.createdBy', { name: p.createdBy })} ·{' '}
                  {new Date(p.createdAt).toLocaleString(i18n.resolvedLanguage)}
                </p>
              </div>
              <div className="sv-plan-item__side">
                <span className={`sv-status sv-status--${p.status}`}>{t(`supervision.plans.status.${p.status}`)}</span>
                <progress max={p.drawnCount} value={p.recordedCount} />
                <span className="sv-muted">{t('supervision.plans.progress', { done: p.recordedCount, total: p.drawnCount })}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
