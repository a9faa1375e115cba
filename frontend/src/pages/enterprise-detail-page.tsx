import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, apiClient } from '../api/api-client';
import type { RatingsResponse } from '../api/api-types';
import { lastDays } from '../api/day-range';
import { useApiQuery } from '../api/use-api-query';
import { chartLabels } from '../charts/chart-labels';
import { EChartsChart } from '../charts/echarts-chart';
import { buildScoreTimelineOption } from '../charts/score-timeline.option';
import { buildStarCalendarOption } from '../charts/star-calendar.option';
import { PageHeader } from '../components/page-header';
import { RatingBadge } from '../components/rating-badge';
import { EmptyState, ErrorState, LoadingState } from '../components/state-view';

const HISTORY_DAYS = 365;

/** Enterprise detail: the last year of daily ratings from GET /api/enterprises/{uscc}/ratings (contract api.md). */
export function EnterpriseDetailPage() {
  const { t, i18n } = useTranslation();
  const { uscc = '' } = useParams<{ uscc: string }>();
  // Fixed per mount and enterprise: re-rendering must not move the window (and re-fetch) at midnight.
  const range = useMemo(() => lastDays(HISTORY_DAYS), [uscc]);
  const path = `/api/enterprises/${encodeURIComponent(uscc)}/ratings?from=${range.from}&to=${range.to}`;
  const query = useApiQuery(path, (signal) => apiClient.get<RatingsResponse>(path, signal));
  const labels = useMemo(() => chartLabels(t, i18n.resolvedLanguage), [t, i18n.resolvedLanguage]);

  const ratings = query.status === 'success' ? query.data.ratings : [];
  const timeline = useMemo(() => buildScoreTimelineOption(ratings, [], labels), [ratings, labels]);
  const calendar = useMemo(
    () => buildStarCalendarOption(ratings, [range.from, range.to], labels),
    [ratings, range, labels],
  );
  const latest = ratings.length > 0 ? ratings.reduce((a, b) => (b.day > a.day ? b : a)) : undefined;

  let body;
  if (query.status === 'loading') {
    body = (
      <section className="card">
        <LoadingState />
      </section>
    );
  } else if (query.status === 'error') {
    const error = query.error;
    body = (
      <section className="card">
        {error instanceof ApiError && error.status === 404 ? (
          <EmptyState title={t('pages.enterprise.notFound')}>{error.message}</EmptyState>
        ) : (
          <ErrorState onRetry={query.reload}>
            {error instanceof ApiError && error.status === 0
              ? t('errors.network')
              : error instanceof Error
                ? error.message
                : t('errors.unknown')}
          </ErrorState>
        )}
      </section>
    );
  } else if (!latest) {
    body = (
      <section className="card">
        <EmptyState title={t('pages.enterprise.noRatings')} />
      </section>
    );
  } else {
    body = (
      <div className="detail-grid">
        <section className="card detail-grid__latest" aria-labelledby="latest-title">
          <h2 id="latest-title" className="card__title">
            {t('pages.enterprise.latest', { day: latest.day })}
          </h2>
          <RatingBadge size="lg" {...latest} />
        </section>
        <section className="card detail-grid__timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="card__title">
            {t('charts.scoreTimeline')}
          </h2>
          <EChartsChart option={timeline} height={320} ariaLabel={t('charts.scoreTimeline')} />
        </section>
        <section className="card detail-grid__calendar" aria-labelledby="calendar-title">
          <h2 id="calendar-title" className="card__title">
            {t('pages.enterprise.calendar', { from: range.from, to: range.to })}
          </h2>
          <div className="chart-scroll">
            <EChartsChart option={calendar} height={220} ariaLabel={t('pages.enterprise.calendar', range)} style={{ minWidth: 760 }} />
          </div>
        </section>
      </div>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/enterprises">← {t('pages.enterprise.back')}</Link>
      </p>
      <PageHeader title={t('pages.enterprise.title')} subtitle={`${t('pages.enterprise.uscc')}: ${uscc}`} />
      {body}
    </>
  );
}
