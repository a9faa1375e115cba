import { useState, type FormEvent } from 'react';
import '../../styles/queues.css';
import { useTranslation } from 'react-i18next';
import { ApiError, apiClient } from '../../api/api-client';
import { startSession } from '../../api/session';

/** First login of an enterprise account: the initial password an inspector handed over must be replaced. */
export function PasswordChangeForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // A password change ends every earlier session, this one included: continue with the token it returns.
      const changed = await apiClient.post<{ token?: string }>('/api/accounts/me/password', { currentPassword, newPassword });
      if (changed.token) startSession(changed.token);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'wrong_password' ? t('portal.wrongPassword') : e instanceof ApiError ? e.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card">
      <h2 className="card__title">{t('portal.passwordTitle')}</h2>
      <p>{t('portal.passwordIntro')}</p>
      <form className="portal-form" onSubmit={onSubmit}>
        <label>
          {t('portal.currentPassword')}
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t('portal.newPassword')}
          <input type="password" autoComplete="new-password" minLength={10} value={newPassword} onChange={(e) => setNew(e.target.value)} />
        </label>
        {error ? <p role="alert" className="decision__error">{error}</p> : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('portal.passwordSubmit')}
        </button>
      </form>
    </section>
  );
}
