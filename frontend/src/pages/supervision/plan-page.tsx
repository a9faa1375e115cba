import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import type { DrawnJson, InspectionResult, PlanJson } from '../../api/supervision-types';
import { useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../app/session-provider';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { StarRating } from '../../components/star-rating';
import { ErrorState, LoadingState } from '../../components/state-view';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /inspection-plans/:id — the draw, my inspections with result recording, progress, expected frequency. */
export function PlanPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const me = session?.claims.name ?? '';
  const path = `/api/inspection-plans/${id}`;
  const query = useApiQuery(path, (signal) => apiClient.get<PlanJson>(path, signal), { keepData: true });
  const [plan, setPlan] = useState<PlanJson | null>(null);
  useDocumentTitle(query.status === 'success' ? `${(plan && plan.id === id ? plan : query.data).name} · ${t('supervision.plans.title')}` : t('supervision.plans.title'));
  if (query.status === 'loading') return <LoadingState />;
  if (query.status === 'error') return <ErrorState onRetry={query.reload}>{query.error instanceof ApiError ? query.error.message : null}</ErrorState>;
  const p = plan && plan.id === id ? plan : query.data;
  const done = p.drawn.filter((d) => d.result !== null).length;
  const mine = p.drawn.filter((d) => d.inspectors?.includes(me));
  const active = p.status === 'active';

  return (
    <>
      <PageHeader
        title={p.name}
        subtitle={`${t('supervision.plans.plan.day')} ${p.day} · ${t('supervision.plans.population', { count: p.populationSize })}`}
        actions={
          <>
            <ExportButtons path={`/api/inspection-plans/${p.id}/draws`} fileName={`inspection-plan-${p.id}-${p.day}`} testId="plan-draws-export" />
            <Link className="button button--secondary" to={`/public/inspection-plans/${p.id}`} target="_blank" rel="noreferrer" data-testid="plan-public-link">
              {t('supervision.plans.plan.publicLink')}
            </Link>
          </>
        }
      />
      {!active ? (
        <p className="sv-error" data-testid="plan-cancelled">
          {t('supervision.plans.plan.cancelled', { at: p.cancelledAt ? new Date(p.cancelledAt).toLocaleString(i18n.resolvedLanguage) : '', reason: p.cancelReason })}
        </p>
      ) : null}
      <div className="sv-plan-grid">
        <section className="card">
          <dl className="sv-facts">
            <dt>{t('supervision.plans.plan.seed')}</dt>
            <dd className="sv-mono sv-break" data-testid="plan-seed">{p.seed}</dd>
            <dt>{t('supervision.plans.plan.snapshot')}</dt>
            <dd className="sv-mono sv-break">{p.snapshotSha256}</dd>
          </dl>
          <p className="sv-muted">{t('supervision.plans.progress', { done, total: p.drawn.length })}</p>
          <progress className="sv-progress" max={p.drawn.length} value={done} data-testid="plan-progress" />
        </section>
        {p.expectedByStars ? (
          <section className="card">
            <h2>{t('supervision.plans.plan.expected')}</h2>
            <ul className="sv-expected" data-testid="plan-expected">
              {[...p.expectedByStars].reverse().map((l) => (
                <li key={l.stars}>
                  <StarRating stars={l.stars} decorative />{' '}
                  {t('supervision.plans.plan.expectedLevel', {
                    stars: l.stars,
                    count: l.count,
                    expected: l.expectedDrawn.toFixed(1),
                    percent: (l.perEnterprise * 100).toFixed(l.perEnterprise < 0.01 ? 2 : 1),
                  })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      <section className="card">
        <h2>{t('supervision.plans.plan.mine')}</h2>
        {mine.length === 0 ? <p className="sv-muted">{t('supervision.plans.plan.noMine')}</p> : null}
        <ul className="sv-mine" data-testid="plan-mine">
          {mine.map((d) => (
            <MyInspection key={d.uscc} planId={p.id} drawn={d} active={active} onRecorded={setPlan} />
          ))}
        </ul>
      </section>

      <section className="card">
        <h2>{t('supervision.plans.plan.drawn')}</h2>
        <div className="sv-table-wrap">
          <table className="data-table" data-testid="plan-drawn">
            <thead>
              <tr>
                <th>{t('supervision.plans.plan.rank')}</th>
                <th>{t('supervision.lists.name')}</th>
                <th>{t('supervision.plans.plan.stars')}</th>
                <th>{t('supervision.plans.plan.weight')}</th>
                <th>{t('supervision.plans.plan.key')}</th>
                <th>{t('supervision.plans.plan.inspectors')}</th>
                <th>{t('supervision.plans.plan.result')}</th>
              </tr>
            </thead>
            <tbody>
              {p.drawn.map((d) => (
                <tr key={d.uscc}>
                  <td>{d.rank}</td>
                  <td>
                    <Link to={`/enterprises/${d.uscc}`}>{d.name ?? d.uscc}</Link>
                    <div className="sv-muted sv-mono">{d.uscc}</div>
                  </td>
                  <td>
                    <StarRating stars={d.stars} />
                  </td>
                  <td>{d.weight}</td>
                  <td className="sv-mono">{d.key.toPrecision(6)}</td>
                  <td>{d.inspectors?.join('、')}</td>
                  <td>
                    <ResultBadge result={d.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {active ? <CancelPlan planId={p.id} onCancelled={setPlan} /> : null}
    </>
  );
}

function ResultBadge({ result }: { result: InspectionResult | null }) {
  const { t } = useTranslation();
  return <span className={`sv-result sv-result--${result ?? 'none'}`}>{t(`supervision.plans.plan.results.${result ?? 'none'}`)}</span>;
}

function MyInspection({ planId, drawn, active, onRecorded }: { planId: string; drawn: DrawnJson; active: boolean; onRecorded: (p: PlanJson) => void }) {
  const { t } = useTranslation();
  const [findings, setFindings] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const record = async (result: InspectionResult) => {
    setBusy(true);
    setError(null);
    try {
      onRecorded(await apiClient.post<PlanJson>(`/api/inspection-plans/${planId}/results`, { uscc: drawn.uscc, result, ...(findings.trim() ? { findings: findings.trim() } : {}) }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="sv-mine__item" data-testid="plan-mine-item" data-uscc={drawn.uscc}>
      <div className="sv-mine__head">
        <strong>
          {drawn.rank}. {drawn.name ?? drawn.uscc}
        </strong>
        <StarRating stars={drawn.stars} />
        <ResultBadge result={drawn.result} />
      </div>
      {drawn.result === null && active ? (
        <div className="sv-record">
          <label className="field">
            <span className="field__label">{t('supervision.plans.plan.findings')}</span>
            <textarea rows={2} maxLength={2000} value={findings} onChange={(e) => setFindings(e.target.value)} />
          </label>
          <div className="sv-record__buttons">
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => record('compliant')} data-testid="record-compliant">
              {t('supervision.plans.plan.recordCompliant')}
            </button>
            <button type="button" className="button button--primary sv-danger" disabled={busy} onClick={() => record('violation_found')} data-testid="record-violation">
              {t('supervision.plans.plan.recordViolation')}
            </button>
          </div>
          {error ? <p className="sv-error" role="alert">{error}</p> : null}
        </div>
      ) : null}
    </li>
  );
}

function CancelPlan({ planId, onCancelled }: { planId: string; onCancelled: (p: PlanJson) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card sv-cancel">
      <label className="field">
        <span className="field__label">{t('supervision.plans.plan.cancelReason')}</span>
        <input value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} data-testid="plan-cancel-reason" />
      </label>
      <button
        type="button"
        className="button button--secondary"
        disabled={reason.trim() === ''}
        onClick={async () => {
          try {
            onCancelled(await apiClient.post<PlanJson>(`/api/inspection-plans/${planId}/cancel`, { reason: reason.trim() }));
          } catch (err) {
            setError(err instanceof ApiError ? err.message : t('errors.unknown'));
          }
        }}
        data-testid="plan-cancel"
      >
        {t('supervision.plans.plan.cancel')}
      </button>
      {error ? <p className="sv-error" role="alert">{error}</p> : null}
    </section>
  );
}
