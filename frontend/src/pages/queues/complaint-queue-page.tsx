import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import { fetchBlob } from '../../api/fetch-blob';
import type { ComplaintAlerts, ComplaintJson, ComplaintPage } from '../../api/public-types';
import { QUEUE_POLL_MS, useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { DecisionControls } from './decision-controls';
import { UndoVerification, VerifyConfirmation } from './complaint-verification';
import '../../styles/queues.css';
import { useDocumentTitle } from '../../components/use-document-title';

const STATUSES = ['pending', 'verified', 'dismissed'] as const;

/** /complaints — the inspectors' queue of public reports, oldest first. */
export function ComplaintQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('queues.complaintsTitle'));
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('pending');
  const path = `/api/complaints?limit=100${status ? `&status=${status}` : ''}`;
  // New complaints change no rating, so no live message announces them: a slow poll brings them in.
  const list = useApiQuery(path, (signal) => apiClient.get<ComplaintPage>(path, signal), { keepData: true, refetchIntervalMs: QUEUE_POLL_MS });
  // The last verification stays reachable here for its undo, although it left the pending list.
  const [lastVerified, setLastVerified] = useState<ComplaintJson | null>(null);
  const [undone, setUndone] = useState(false);
  const onVerified = (c: ComplaintJson) => {
    setLastVerified(c);
    setUndone(false);
    list.reload();
  };
  const onUndone = () => {
    setLastVerified(null);
    setUndone(true);
    list.reload();
  };

  const alerts = useApiQuery('/api/complaint-alerts', (signal) => apiClient.get<ComplaintAlerts>('/api/complaint-alerts', signal), { keepData: true, refetchIntervalMs: QUEUE_POLL_MS });

  return (
    <>
      <PageHeader
        title={t('queues.complaintsTitle')}
        subtitle={t('queues.complaintsSubtitle')}
        actions={<ExportButtons path="/api/complaints" query={status ? `status=${status}` : ''} fileName={`complaints${status ? `-${status}` : ''}`} testId="complaints-export" />}
      />
      {alerts.status === 'success' && alerts.data.items.length > 0 ? (
        <div className="queue-alert" role="alert" data-testid="complaint-flood-alert">
          {alerts.data.items.map((a) => (
            <p key={a.enterpriseId}>
              {t('queues.floodAlert', { name: a.enterpriseName ?? a.enterpriseId, reports: a.reports, threshold: alerts.data.threshold, flagged: a.flagged })}
            </p>
          ))}
        </div>
      ) : null}
      <div className="queue-filter">
        <label>
          {t('queues.filter')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="complaint-status-filter">
            <option value="">{t('queues.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`queues.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {lastVerified ? (
        <div className="queue-notice" role="status" data-testid="verified-notice">
          {t('queues.verifiedBanner', { name: lastVerified.enterpriseName ?? lastVerified.enterpriseId })}
          <UndoVerification complaint={lastVerified} onUndone={onUndone} />
        </div>
      ) : null}
      {undone ? (
        <div className="queue-notice" role="status" data-testid="undone-notice">
          {t('queues.undone')}
        </div>
      ) : null}
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState title={t('state.error')} onRetry={list.reload} /> : null}
      {list.status === 'success' && list.data.items.length === 0 ? <EmptyState title={t('queues.empty')} /> : null}
      {list.status === 'success' ? (
        <ul className="queue" data-testid="complaint-queue">
          {list.data.items.map((c) => (
            <ComplaintItem key={c.id} complaint={c} onDecided={list.reload} onVerified={onVerified} onUndone={onUndone} showUndo={c.id !== lastVerified?.id} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function ComplaintItem({
  complaint: c,
  onDecided,
  onVerified,
  onUndone,
  showUndo,
}: {
  complaint: ComplaintJson;
  onDecided: () => void;
  onVerified: (c: ComplaintJson) => void;
  onUndone: (c: ComplaintJson) => void;
  showUndo: boolean;
}) {
  const { t, i18n } = useTranslation();
  // The reason typed for a verification, waiting for the confirmation of its consequence.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <li className="queue__item card" data-testid="complaint-item" data-id={c.id}>
      <div className="queue__head">
        <span className={`queue__status queue__status--${c.status}`}>{t(`queues.status.${c.status}`)}</span>
        <strong>{t(`complaint.categories.${c.category}`)}</strong>
        {c.flagged ? (
          <span className="queue__flag" data-testid="complaint-flagged">
            {t('queues.flagged')}
          </span>
        ) : null}
        <Link to={`/enterprises/${c.enterpriseId}`}>{c.enterpriseName ?? c.enterpriseId}</Link>
        <span className="queue__muted">{new Date(c.createdAt).toLocaleString(i18n.resolvedLanguage)}</span>
      </div>
      <p className="queue__text">{c.text}</p>
      {c.contact ? (
        <p className="queue__muted">
          {t('queues.contact')}：{c.contact}
        </p>
      ) : null}
      {c.hasPhoto ? <ComplaintPhoto id={c.id} /> : null}
      {c.status === 'pending' && confirming !== null ? (
        <VerifyConfirmation complaint={c} reason={confirming} onDone={onVerified} onCancel={() => setConfirming(null)} />
      ) : c.status === 'pending' ? (
        <DecisionControls
          testId={`complaint-decide-${c.id}`}
          approveLabel={t('queues.verify')}
          refuseLabel={t('queues.dismiss')}
          approveNeedsReason
          reasonPlaceholder={t('queues.verifyReasonHint')}
          onApprove={async (reason) => setConfirming(reason)}
          onRefuse={async (reason) => {
            await apiClient.post(`/api/complaints/${c.id}/dismiss`, { reason });
            onDecided();
          }}
        />
      ) : c.decisionReason ? (
        <p className="queue__muted">
          {t('queues.decision')}：{c.decisionReason}
        </p>
      ) : null}
      {c.status === 'verified' && showUndo ? <UndoVerification complaint={c} onUndone={onUndone} /> : null}
    </li>
  );
}

/** The photo needs the bearer token, so it is fetched as a blob and shown through an object URL. */
export function ComplaintPhoto({ id }: { id: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetchBlob(`/api/complaints/${id}/photo`, controller.signal).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => undefined,
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id]);
  return url ? <img className="queue__photo" src={url} alt={t('queues.photo')} /> : null;
}
