import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import type { NoticeJson, NoticePageJson } from '../../api/supervision-types';
import { QUEUE_POLL_MS, useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../app/session-provider';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

function NoticeItem({ notice, portal, onChanged }: { notice: NoticeJson; portal: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="sv-notice" data-testid="notice-item" data-id={notice.id}>
      <div className="sv-notice__head">
        {portal ? null : <strong>{notice.enterpriseName ?? notice.enterpriseId}</strong>}
        <span className="sv-muted">{t('supervision.notices.noticeDay', { day: notice.noticeDay })}</span>
        <span className="sv-muted">{t('supervision.notices.deadline', { day: notice.appealDeadline })}</span>
        <span className={notice.acknowledgedAt ? 'sv-result sv-result--compliant' : 'sv-result'}>
          {notice.acknowledgedAt ? t('supervision.notices.acknowledged', { at: new Date(notice.acknowledgedAt).toLocaleString(i18n.resolvedLanguage) }) : t('supervision.notices.notAcknowledged')}
        </span>
        <Link to={`/print/notice/${notice.id}`} target="_blank" rel="noreferrer">
          {t('supervision.notices.print')}
        </Link>
      </div>
      <details>
        <summary>{notice.text.split('\n').find((l) => l.startsWith('一、')) ?? t('supervision.notices.show')}</summary>
        <pre className="sv-notice-text">{notice.text}</pre>
      </details>
      {portal && !notice.acknowledgedAt ? (
        <button
          type="button"
          className="button button--primary"
          data-testid="notice-acknowledge"
          onClick={async () => {
            try {
              await apiClient.post(`/api/portal/notices/${notice.id}/acknowledge`, {});
              onChanged();
            } catch (err) {
              setError(err instanceof ApiError ? err.message : t('errors.unknown'));
            }
          }}
        >
          {t('supervision.notices.acknowledge')}
        </button>
      ) : null}
      {error ? <p className="sv-error" role="alert">{error}</p> : null}
    </li>
  );
}

/** The enterprise's notices in its portal, with the receipt button. */
export function PortalNoticesSection() {
  const { t } = useTranslation();
  const path = '/api/portal/notices';
  const q = useApiQuery(path, (signal) => apiClient.get<NoticePageJson>(path, signal), { keepData: true, refetchIntervalMs: QUEUE_POLL_MS });
  return (
    <section className="card" data-testid="portal-notices">
      <h2 className="card__title">{t('supervision.notices.portalTitle')}</h2>
      {q.status === 'loading' ? <LoadingState /> : null}
      {q.status === 'error' ? <ErrorState onRetry={q.reload} /> : null}
      {q.status === 'success' && q.data.items.length === 0 ? <p>{t('supervision.notices.empty')}</p> : null}
      {q.status === 'success' ? (
        <ul className="sv-notices">
          {q.data.items.map((n) => (
            <NoticeItem key={n.id} notice={n} portal onChanged={q.reload} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** /notices — inspectors: all notices, or those the enterprise has not acknowledged yet. */
export function NoticesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.notices.title'));
  const [open, setOpen] = useState(true);
  const path = `/api/notices?limit=200${open ? '&unacknowledged=true' : ''}`;
  const q = useApiQuery(path, (signal) => apiClient.get<NoticePageJson>(path, signal), { keepData: true, refetchIntervalMs: QUEUE_POLL_MS });
  return (
    <>
      <PageHeader
        title={t('supervision.notices.title')}
        actions={<ExportButtons path="/api/notices" query={open ? 'unacknowledged=true' : ''} fileName="credit-notices" testId="notices-export" />}
      />
      <label className="sv-toggle">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> {t('supervision.notices.onlyUnacknowledged')}
      </label>
      {q.status === 'loading' ? <LoadingState /> : null}
      {q.status === 'error' ? <ErrorState onRetry={q.reload} /> : null}
      {q.status === 'success' && q.data.items.length === 0 ? <EmptyState title={t('supervision.notices.empty')} /> : null}
      {q.status === 'success' ? (
        <ul className="sv-notices card">
          {q.data.items.map((n) => (
            <NoticeItem key={n.id} notice={n} portal={false} onChanged={q.reload} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** /print/notice/:id — the notice on an A4 page, the stored text verbatim. */
export function NoticePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useSession();
  const path = session?.claims.role === 'enterprise' ? `/api/portal/notices/${id}` : `/api/notices/${id}`;
  const q = useApiQuery(path, (signal) => apiClient.get<NoticeJson>(path, signal));
  useDocumentTitle(t('app.pageTitles.notice'));
  if (q.status === 'loading') return <LoadingState />;
  if (q.status === 'error') return <ErrorState onRetry={q.reload} />;
  return (
    <div className="sv-print">
      <button type="button" className="button button--secondary sv-print__button" onClick={() => window.print()}>
        {t('supervision.notices.print')}
      </button>
      <article className="sv-print__page" data-testid="notice-print">
        <pre className="sv-notice-text">{q.data.text}</pre>
      </article>
    </div>
  );
}
