import { useTranslation } from 'react-i18next';

/** A generated password, shown once (the server never shows it again): the admin notes it, then closes. */
export function OneTimePassword({ message, password, onClose }: { message: string; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="card admin-otp" role="alert" data-testid="one-time-password">
      <p>{message}</p>
      <p>
        <code className="admin-otp__value" data-testid="one-time-password-value">
          {password}
        </code>
      </p>
      <p className="admin-muted">{t('admin.accounts.copyHint')}</p>
      <button type="button" className="button button--primary" onClick={onClose}>
        {t('admin.accounts.close')}
      </button>
    </div>
  );
}
