import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import { DEAD_LETTER_REASONS, type DeadLetterJson, type DeadLetterReason, type DeadLetterSummaryJson, type DeadLetterPageJson } from '../../api/dead-letter-types';
import { useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import { DeadLetterCard } from './dead-letter-card';
import { deadLettersPath, isDeadLetterReason } from './dead-letter-format';
import '../../styles/dead-letters.css';

/**
 * /dead-letters — messages the pipeline refused, newest first, for inspectors: the reason in words, where the
 * message came from, the message itself, and a re-drive once the cause is fixed. The reason filter lives in the
 * URL so a link to "the processing errors" can be shared.
 */
export function DeadLettersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('deadLetters.title'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('reason');
  const reason: DeadLetterReason | null = isDeadLetterReason(requested) ? requested : null;
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);

  const summary = useApiQuery('/api/dead-letters/summary', (signal) => apiClient.get<DeadLetterSummaryJson>('/api/dead-letters/summary', signal), {
    keepData: true,
  });
  const firstPath = deadLettersPath(reason, null);
  const first = useApiQuery(firstPath, (signal) => apiClient.get<DeadLetterPageJson>(firstPath, signal));

  // Pages after the first, and letters changed by a re-drive, belong to one filter: a new filter starts afresh.
  const [more, setMore] = useState<{ key: string; pages: DeadLetterPageJson[] }>({ key: firstPath, pages: [] });
  const [changed, setChanged] = useState<{ key: string; byId: Record<string, DeadLetterJson> }>({ key: firstPath, byId: {} });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const extra = more.key === firstPath ? more.pages : [];
  const changedById = changed.key === firstPath ? changed.byId : {};

  const items = first.status === 'success' ? [...first.data.items, ...extra.flatMap((p) => p.items)].map((l) => changedById[l.id] ?? l) : [];
  const nextCursor = first.status === 'success' ? (extra.length > 0 ? extra[extra.length - 1]!.nextCursor : first.data.nextCursor) : null;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    const key = firstPath;
    try {
      const next = await apiClient.get<DeadLetterPageJson>(deadLettersPath(reason, nextCursor));
      setMore((current) => (current.key === key ? { key, pages: [...current.pages, next] } : { key, pages: [next] }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  function choose(next: DeadLetterReason | null) {
    setParams(next ? { reason: next } : {}, { replace: true });
  }

  function letterChanged(letter: DeadLetterJson) {
    const key = firstPath;
    setChanged((current) => ({ key, byId: { ...(current.key === key ? current.byId : {}), [letter.id]: letter } }));
    summary.reload();
  }

  const counts = summary.status === 'success' ? summary.data : null;
  // Reasons with letters, plus the chosen one even at 0 (a shared link to a now-empty reason must still show it).
  const reasonChips = DEAD_LETTER_REASONS.filter((r) => (counts?.byReason[r] ?? 0) > 0 || r === reason);

  return (
    <>
      <PageHeader
        title={t('deadLetters.title')}
        subtitle={t('deadLetters.subtitle')}
        actions={<ExportButtons path="/api/dead-letters" query={reason ? `reason=${reason}` : ''} fileName={`dead-letters${reason ? `-${reason}` : ''}`} testId="dead-letters-export" />}
      />
      {counts ? (
        <div className="dlq-filter" role="group" aria-label={t('deadLetters.filter')} data-testid="dead-letter-filter">
          <FilterChip label={t('deadLetters.all')} count={number.format(counts.total)} active={reason === null} onClick={() => choose(null)} />
          {reasonChips.map((r) => (
            <FilterChip
              key={r}
              reason={r}
              label={t(`deadLetters.reasons.${r}`)}
              count={number.format(counts.byReason[r] ?? 0)}
              active={reason === r}
              onClick={() => choose(r)}
            />
          ))}
          {counts.lastAt ? (
            <span className="dlq-filter__last">{t('deadLetters.lastAt', { time: new Date(counts.lastAt).toLocaleString(i18n.resolvedLanguage) })}</span>
          ) : null}
        </div>
      ) : null}
      {first.status === 'loading' ? <LoadingState /> : null}
      {first.status === 'error' ? <ErrorState title={t('state.error')} onRetry={first.reload} /> : null}
      {first.status === 'success' && items.length === 0 ? (
        reason ? (
          <EmptyState title={t('deadLetters.emptyReason')} />
        ) : (
          <EmptyState title={t('deadLetters.empty')}>{t('deadLetters.emptyHint')}</EmptyState>
        )
      ) : null}
      {items.length > 0 ? (
        <>
          <ul className="dlq-list" data-testid="dead-letters">
            {items.map((letter) => (
              <DeadLetterCard key={letter.id} letter={letter} onChanged={letterChanged} />
            ))}
          </ul>
          <div className="dlq-more">
            {moreError ? <ErrorState onRetry={() => void loadMore()}>{moreError instanceof Error ? moreError.message : t('errors.unknown')}</ErrorState> : null}
            {nextCursor ? (
              <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={loadingMore} data-testid="dead-letters-more">
                {loadingMore ? t('deadLetters.loadingMore') : t('deadLetters.loadMore')}
              </button>
            ) : (
              <span className="muted">{t('deadLetters.end')}</span>
            )}
          </div>
        </>
      ) : null}
    </>
  );
}

function FilterChip({
  label,
  count,
  active,
  reason,
  onClick,
}: {
  label: string;
  count: string;
  active: boolean;
  reason?: DeadLetterReason;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`dlq-chip${active ? ' is-active' : ''}${reason === 'processing_error' ? ' dlq-chip--urgent' : ''}`}
      aria-pressed={active}
      onClick={onClick}
      data-reason={reason ?? 'all'}
    >
      {label}
      <span className="dlq-chip__count">{count}</span>
    </button>
  );
}
