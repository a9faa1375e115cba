import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { AppealPage } from '../../api/public-types';
import { QUEUE_POLL_MS, useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { eventSentence, sentenceLanguage } from '../../i18n/event-sentences';
import { DecisionControls } from './decision-controls';
import { EvidenceList } from './appeal-evidence';
import { ComplaintPhoto } from './complaint-queue-page';
import '../../styles/queues.css';
import { useDocumentTitle } from '../../components/use-document-title';

const STATUSES = ['pending', 'accepted', 'rejected'] as const;

/** /appeals — appeals of enterprises; accepting voids the event through the pipeline. */
export function AppealQueuePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('queues.appealsTitle'));
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('pending');
  const path = `/api/appeals?limit=100${status ? `&status=${status}` : ''}`;
  // New appeals change no rating, so no live message announces them: a slow poll brings them in.
  const list = useApiQuery(path, (signal) => apiClient.get<AppealPage>(path, signal), { keepData: true, refetchIntervalMs: QUEUE_POLL_MS });

  return (
    <>
      <PageHeader
        title={t('queues.appealsTitle')}
        subtitle={t('queues.appealsSubtitle')}
        actions={<ExportButtons path="/api/appeals" query={status ? `status=${status}` : ''} fileName={`appeals${status ? `-${status}` : ''}`} testId="appeals-export" />}
      />
      <div className="queue-filter">
        <label>
          {t('queues.filter')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('queues.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`queues.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState title={t('state.error')} onRetry={list.reload} /> : null}
      {list.status === 'success' && list.data.items.length === 0 ? <EmptyState title={t('queues.empty')} /> : null}
      {list.status === 'success' ? (
        <ul className="queue" data-testid="appeal-queue">
          {list.data.items.map((a) => (
            <li key={a.id} className="queue__item card" data-testid="appeal-item">
              <div className="queue__head">
                <span className={`queue__status queue__status--${a.status}`}>{t(`queues.status.${a.status}`)}</span>
                <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName ?? a.enterpriseId}</Link>
                <span className="queue__muted">{new Date(a.createdAt).toLocaleString(i18n.resolvedLanguage)}</span>
              </div>
              <p className="queue__muted">
                {t('queues.event')}：
                <span title={a.eventId} data-testid="appeal-event">
                  {a.eventType ? eventSentence({ type: a.eventType, day: a.eventDay, data: a.eventData }, sentenceLanguage(i18n.resolvedLanguage)) : a.eventDay ?? ''}
                </span>
              </p>
              {a.complaint ? (
                <div className="appeal-complaint" data-testid="appeal-complaint">
                  <span className="queue__muted">
                    {t('queues.appealedComplaint')}（{t(`complaint.categories.${a.complaint.category}`)}）：
                  </span>
                  <p className="queue__text">{a.complaint.text}</p>
                  {a.complaint.hasPhoto ? <ComplaintPhoto id={a.complaint.id} /> : null}
                </div>
              ) : null}
              <p className="queue__text">
                {t('queues.reasons')}：{a.reasons}
              </p>
              <EvidenceList appeal={a} />
              {a.status === 'pending' ? (
                <DecisionControls
                  testId={`appeal-decide-${a.id}`}
                  approveLabel={t('queues.accept')}
                  refuseLabel={t('queues.reject')}
                  onApprove={async (reason) => {
                    await apiClient.post(`/api/appeals/${a.id}/accept`, reason ? { reason } : {});
                    list.reload();
                  }}
                  onRefuse={async (reason) => {
                    await apiClient.post(`/api/appeals/${a.id}/reject`, { reason });
                    list.reload();
                  }}
                />
              ) : a.decisionReason ? (
                <p className="queue__muted">
                  {t('queues.decision')}：{a.decisionReason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
