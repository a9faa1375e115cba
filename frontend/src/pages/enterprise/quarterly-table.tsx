import { useTranslation } from 'react-i18next';
import { apiClient } from '../../api/api-client';
import type { QuarterlyCompliance } from '../../api/api-types';
import { useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { ErrorState, LoadingState } from '../../components/state-view';

/** ECHO-style quarterly compliance table (issue #13 §4): this quarter and the 12 before it, downloadable. */
export function QuarterlyTable({ uscc, refreshKey = 0 }: { uscc: string; refreshKey?: string | number }) {
  const { t, i18n } = useTranslation();
  const path = `/api/enterprises/${encodeURIComponent(uscc)}/quarters`;
  const query = useApiQuery(`${path}@${refreshKey}`, (signal) => apiClient.get<QuarterlyCompliance>(path, signal), { keepData: true });
  const money = new Intl.NumberFormat(i18n.resolvedLanguage, { maximumFractionDigits: 0 });
  const q = (key: string) => t(`comparison.quarters.${key}` as 'comparison.quarters.quarter');
  const zero = (n: number) => (n === 0 ? <span className="muted">0</span> : n);

  return (
    <section className="card quarterly" aria-labelledby="quarters-title" data-testid="quarterly-table">
      <div className="card__head">
        <h2 id="quarters-title" className="card__title">
          {q('title')} <span className="muted quarterly__subtitle">{q('subtitle')}</span>
        </h2>
        <ExportButtons path={path} fileName={`quarters-${uscc}`} testId="quarters-export" />
      </div>
      {query.status === 'loading' ? <LoadingState compact /> : null}
      {query.status === 'error' ? <ErrorState onRetry={query.reload}>{t('errors.unknown')}</ErrorState> : null}
      {query.status === 'success' ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={q('title')}>
          <table className="data-table quarterly__table">
            <thead>
              <tr>
                <th scope="col">{q('quarter')}</th>
                <th scope="col">{q('minStars')}</th>
                <th scope="col">{q('meanStars')}</th>
                <th scope="col">{q('smile')}</th>
                <th scope="col">{q('neutral')}</th>
                <th scope="col">{q('cry')}</th>
                <th scope="col">{q('inspections')}</th>
                <th scope="col">{q('violations')}</th>
                <th scope="col">{q('penalties')}</th>
                <th scope="col">{q('penaltyYuan')}</th>
                <th scope="col">{q('orders')}</th>
                <th scope="col">{q('complaints')}</th>
                <th scope="col">{q('vetoes')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.quarters.map((row, i) => (
                <tr key={row.quarter} data-testid={`quarter-${row.quarter}`}>
                  <th scope="row">
                    {row.quarter}
                    {i === 0 ? <span className="muted">{q('current')}</span> : null}
                  </th>
                  <td>{row.minStars === null ? q('noRating') : `${row.minStars}★`}</td>
                  <td>{row.meanStars === null ? q('noRating') : row.meanStars.toFixed(2)}</td>
                  <td>{zero(row.smileDays)}</td>
                  <td>{zero(row.neutralDays)}</td>
                  <td>{zero(row.cryDays)}</td>
                  <td>{zero(row.inspections)}</td>
                  <td>{zero(row.violations)}</td>
                  <td>{zero(row.penalties)}</td>
                  <td>{row.penaltyYuan === 0 ? <span className="muted">0</span> : money.format(row.penaltyYuan)}</td>
                  <td>{zero(row.orders)}</td>
                  <td>{zero(row.verifiedComplaints)}</td>
                  <td>{zero(row.vetoes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
