import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiClient } from '../../api/api-client';
import type { EnterpriseEventsResponse } from '../../api/api-types';
import { API_QUERY } from '../../api/query-client';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { eventSentence, sentenceLanguage } from '../../i18n/event-sentences';
import { eventLogPath, EVENT_LOG_CATEGORIES, type EventLogFilter } from './event-log-query';

const PAGE = 50;

/**
 * The enterprise's event log: filter by category, hourly readings summed up in one line (or listed when asked),
 * older events page by page. One TanStack infinite query per filter, keyed by its path, so a live rating change
 * of this enterprise re-fetches the pages on screen (live/live-invalidation.ts).
 */
export function EventLogCard({ uscc }: { uscc: string }) {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const [filter, setFilter] = useState<EventLogFilter>({ category: null, readings: 'summary' });
  const path = eventLogPath(uscc, filter, PAGE);
  const query = useInfiniteQuery({
    queryKey: [API_QUERY, path],
    queryFn: ({ pageParam, signal }) =>
      apiClient.get<EnterpriseEventsResponse>(pageParam ? `${path}&before=${encodeURIComponent(pageParam)}` : path, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  });
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'short', timeStyle: 'short' });
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const readings = query.data?.pages[0]?.readings ?? null;

  return (
    <section className="card enterprise__events" aria-labelledby="events-title">
      <div className="card__head">
        <h2 id="events-title" className="card__title">
          {t('enterprise.eventsTitle')}
        </h2>
        <div className="segmented event-log__filter" role="group" aria-label={t('enterprise.eventsFilter')} data-testid="event-log-filter">
          {[null, ...EVENT_LOG_CATEGORIES].map((category) => (
            <button
              key={category ?? 'all'}
              type="button"
              aria-pressed={filter.category === category}
              data-category={category ?? 'all'}
              onClick={() => setFilter({ ...filter, category })}
            >
              {category ? t(`enterprise.eventCategory.${category}`) : t('enterprise.eventsAll')}
            </button>
          ))}
        </div>
      </div>
      {readings && readings.count > 0 ? (
        <p className="event-log__readings" data-testid="event-log-readings">
          <span>{t('enterprise.eventsReadings', { total: number.format(readings.count), exceeded: number.format(readings.exceeded) })}</span>{' '}
          <button type="button" className="button button--secondary button--small" onClick={() => setFilter({ ...filter, readings: 'list' })}>
            {t('enterprise.eventsShowReadings')}
          </button>
        </p>
      ) : null}
      {filter.readings === 'list' && filter.category !== 'enforcement' && filter.category !== 'permit' && filter.category !== 'public' ? (
        <p className="event-log__readings">
          <button type="button" className="button button--secondary button--small" onClick={() => setFilter({ ...filter, readings: 'summary' })}>
            {t('enterprise.eventsHideReadings')}
          </button>
        </p>
      ) : null}
      {query.isPending ? (
        <LoadingState compact />
      ) : query.isError && !query.data ? (
        <ErrorState onRetry={() => void query.refetch()}>
          {query.error instanceof ApiError && query.error.status === 0 ? t('errors.network') : query.error instanceof Error ? query.error.message : t('errors.unknown')}
        </ErrorState>
      ) : events.length === 0 ? (
        <EmptyState compact title={t('enterprise.eventsEmpty')} />
      ) : (
        <>
          <table className="data-table data-table--cards event-log" data-testid="event-log" aria-busy={query.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('enterprise.occurredAt')}</th>
                <th scope="col">{t('enterprise.eventSentence')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.eventId} title={`${t('enterprise.eventIdLabel')}: ${e.eventId}`} data-type={e.type}>
                  <td className="nowrap card-cell--meta">{time.format(new Date(e.occurredAt))}</td>
                  <td className="event-data card-cell--full">{eventSentence({ type: e.type, data: e.data }, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {query.hasNextPage ? (
            <div className="explorer__more">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                data-testid="event-log-more"
              >
                {query.isFetchingNextPage ? t('explorer.loadingMore') : t('enterprise.eventsMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
