import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client';

/**
 * Approve / refuse buttons with a reason field. The refusal needs a reason (the server also insists); the
 * approval's reason is optional. Errors (e.g. someone else decided first: 409) are shown in place.
 */
export function DecisionControls({
  approveLabel,
  refuseLabel,
  onApprove,
  onRefuse,
  testId,
  approveNeedsReason = false,
  reasonPlaceholder,
}: {
  /** e.g. a complaint's verification, which costs the enterprise points publicly */
  approveNeedsReason?: boolean;
  reasonPlaceholder?: string;
  approveLabel: string;
  refuseLabel: string;
  onApprove: (reason: string) => Promise<void>;
  onRefuse: (reason: string) => Promise<void>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: (reason: string) => Promise<void>, needsReason: boolean) {
    if (needsReason && reason.trim() === '') return setError(t('queues.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await action(reason.trim());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="decision" data-testid={testId}>
      <input
        type="text"
        className="decision__reason"
        aria-label={reasonPlaceholder ?? t('queues.reason')}
        placeholder={reasonPlaceholder ?? t('queues.reason')}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void run(onApprove, approveNeedsReason)}>
        {approveLabel}
      </button>
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run(onRefuse, true)}>
        {refuseLabel}
      </button>
      {error ? <span className="decision__error" role="alert">{error}</span> : null}
    </div>
  );
}
