import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import type { PublicPlanJson } from '../../api/supervision-types';
import { useApiQuery } from '../../api/use-api-query';
import { StarRating } from '../../components/star-rating';
import { ErrorState, LoadingState } from '../../components/state-view';
import { LanguageSwitch } from '../../i18n/language-switch';
import '../../styles/public.css';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /public/inspection-plans/:id — 一公开: the published draw, phone first, with what anyone needs to recompute it. */
export function PublicPlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const path = `/api/public/inspection-plans/${id}`;
  const query = useApiQuery(path, (signal) => apiClient.request<PublicPlanJson>(path, { signal, auth: false }));
  useDocumentTitle(query.status === 'success' ? query.data.name : t('supervision.plans.title'));
  return (
    <main className="q-page">
      <header className="q-top">
        <span className="q-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      {query.status === 'loading' ? <LoadingState /> : null}
      {query.status === 'error' ? (
        query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400) ? (
          <section className="q-card q-notfound" data-testid="public-plan-not-found">
            <h1>{t('supervision.publicPlan.notFound')}</h1>
          </section>
        ) : (
          <ErrorState onRetry={query.reload}>{t('errors.network')}</ErrorState>
        )
      ) : null}
      {query.status === 'success' ? <PublicPlan plan={query.data} /> : null}
      <footer className="q-footer">{t('publicPage.footer')}</footer>
    </main>
  );
}

function PublicPlan({ plan }: { plan: PublicPlanJson }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="q-card" data-testid="public-plan">
        <h1 className="q-name">{plan.name}</h1>
        <p className="q-muted">{t('supervision.publicPlan.subtitle')}</p>
        <p>{t('supervision.publicPlan.day', { day: plan.day })}</p>
        {plan.status === 'cancelled' ? <p className="sv-error">{t('supervision.publicPlan.cancelled', { reason: plan.cancelReason })}</p> : null}
        <dl className="sv-facts">
          <dt>{t('supervision.publicPlan.seed')}</dt>
          <dd className="q-mono sv-break" data-testid="public-plan-seed">{plan.seed}</dd>
          <dt>{t('supervision.publicPlan.snapshot')}</dt>
          <dd className="q-mono sv-break" data-testid="public-plan-sha">{plan.snapshotSha256}</dd>
        </dl>
        <a className="button button--secondary button--block" href={`/api/public/inspection-plans/${plan.id}/population.csv`} download={`population-${plan.id}.csv`} data-testid="public-plan-population">
          {t('supervision.publicPlan.populationFile', { count: plan.populationSize })}
        </a>
      </section>
      <section className="q-card">
        <h2>{t('supervision.publicPlan.drawn')}</h2>
        <ol className="sv-public-drawn" data-testid="public-plan-drawn">
          {plan.drawn.map((d) => (
            <li key={d.uscc}>
              <span className="sv-rank">{d.rank}</span>
              <div>
                <strong>{d.name ?? d.uscc}</strong>
                <div className="q-muted q-mono">{d.uscc}</div>
                <div className="sv-public-drawn__meta">
                  <StarRating stars={d.stars} />
                  <span className={`sv-result sv-result--${d.result ?? 'none'}`}>{t(`supervision.plans.plan.results.${d.result ?? 'none'}`)}</span>
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section className="q-card" data-testid="public-plan-verify">
        <h2>{t('supervision.publicPlan.verifyTitle')}</h2>
        <ol className="sv-steps">
          <li>{t('supervision.publicPlan.verifySteps.step1')}</li>
          <li>{t('supervision.publicPlan.verifySteps.step2')}</li>
          <li>{t('supervision.publicPlan.verifySteps.step3')}</li>
          <li>{t('supervision.publicPlan.verifySteps.step4')}</li>
        </ol>
        <p className="q-mono sv-break q-muted">npm run verify-draw -- --plan {`${window.location.origin}/api/public/inspection-plans/${plan.id}`}</p>
      </section>
    </>
  );
}
