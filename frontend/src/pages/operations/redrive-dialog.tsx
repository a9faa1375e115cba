import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetterReason } from '../../api/dead-letter-types';

/**
 * The confirmation before a re-drive: it says what will happen (the message is validated and scored again and
 * may change a rating) and, for reasons a re-drive does not cure, that it will most likely fail again. A native
 * modal <dialog>: focus starts on Cancel (the first button; a rating-changing action should not be one Enter
 * away), stays inside, Esc cancels, and the page behind is inert for screen readers.
 */
export function RedriveDialog({
  reason,
  sentence,
  onConfirm,
  onCancel,
}: {
  reason: DeadLetterReason;
  sentence: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dlq-dialog"
      aria-labelledby="redrive-dialog-title"
      data-testid="redrive-dialog"
      // Esc closes the dialog natively; tell the owner so its state follows.
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="redrive-dialog-title" className="dlq-dialog__title">
        {t('deadLetters.confirmTitle')}
      </h2>
      <p className="dlq-dialog__reason">{sentence}</p>
      <p>{t('deadLetters.confirmText')}</p>
      {reason !== 'processing_error' ? <p className="dlq-dialog__warning">{t('deadLetters.confirmNotFixed')}</p> : null}
      <p className="dlq-dialog__muted">{t('deadLetters.confirmRecorded')}</p>
      <div className="dlq-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('deadLetters.cancel')}
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm} data-testid="redrive-confirm">
          {t('deadLetters.confirm')}
        </button>
      </div>
    </dialog>
  );
}
