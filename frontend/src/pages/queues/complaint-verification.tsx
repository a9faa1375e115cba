import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiClient } from '../../api/api-client';
import type { ComplaintJson } from '../../api/public-types';

/** How long an undo stays possible, as the API documents it (the button itself follows `undoUntil`). */
const UNDO_MINUTES = 10;

/** Total-score impact of a verification: sub-score points × the S weight (ten-thousandths), one decimal. */
export function totalImpact(c: Pick<ComplaintJson, 'consequence'>): string {
  return ((c.consequence.points * c.consequence.weight) / 10000).toFixed(1);
}

/**
 * The confirmation before a verification: what it costs the enterprise, in the server's numbers
 * (points, days and weight come with the complaint, from the rule book), that it is public, and
 * that it can be undone for a short while.
 */
export function VerifyConfirmation({ complaint: c, reason, onDone, onCancel }: { complaint: ComplaintJson; reason: string; onDone: (verified: ComplaintJson) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = c.enterpriseName ?? c.enterpriseId;
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onDone(await apiClient.post<ComplaintJson>(`/api/complaints/${c.id}/verify`, { reason }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
      setBusy(false);
    }
  }
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`confirm-${c.id}`} data-testid="verify-confirmation">
      <strong id={`confirm-${c.id}`}>{t('queues.confirmTitle')}</strong>
      <p className="confirm__consequence">
        {t('queues.confirmConsequence', { name, criterion: t(`criteria.${c.consequence.target}`), points: c.consequence.points, days: c.consequence.days, impact: totalImpact(c) })}
      </p>
      {c.consequence.public ? <p>{t('queues.confirmPublic')}</p> : null}
      <p className="queue__muted">
        {t('queues.reason')}：{reason}
      </p>
      <p className="queue__muted">{t('queues.confirmUndoHint', { minutes: UNDO_MINUTES })}</p>
      <div className="decision">
        <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void confirm()}>
          {t('queues.confirmVerify')}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={onCancel}>
          {t('queues.cancel')}
        </button>
        {error ? <span className="decision__error" role="alert">{error}</span> : null}
      </div>
    </div>
  );
}

/** "Undo verification" while the server says it is still possible (`undoUntil`); the undo needs a reason. */
export function UndoVerification({ complaint: c, onUndone }: { complaint: ComplaintJson; onUndone: (pending: ComplaintJson) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!c.undoUntil) return null;
  const time = new Date(c.undoUntil).toLocaleTimeString(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit' });
  async function undo() {
    if (reason.trim() === '') return setError(t('queues.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      onUndone(await apiClient.post<ComplaintJson>(`/api/complaints/${c.id}/undo-verification`, { reason: reason.trim() }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
      setBusy(false);
    }
  }
  return (
    <div className="decision" data-testid={`complaint-undo-${c.id}`}>
      <span className="queue__muted">{t('queues.undoUntil', { time })}</span>
      {open ? (
        <>
          <input
            type="text"
            className="decision__reason"
            aria-label={t('queues.undoReason')}
            placeholder={t('queues.undoReason')}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void undo()}>
            {t('queues.confirmUndo')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          {t('queues.undo')}
        </button>
      )}
      {error ? <span className="decision__error" role="alert">{error}</span> : null}
    </div>
  );
}
