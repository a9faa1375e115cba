import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient, ApiError } from '../../api/api-client';
import type { AccountListJson, CreatedAccountJson } from '../../api/admin-types';
import { useApiQuery } from '../../api/use-api-query';
import { OneTimePassword } from './one-time-password';
import '../../styles/admin.css';

/**
 * On the enterprise page, for inspectors and admins: the enterprise's sign-in accounts and a form to
 * create one (POST /api/accounts, audited; a one-time password the enterprise must change at first sign-in).
 */
export function EnterpriseAccountCard({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedAccountJson | null>(null);
  const path = `/api/accounts?role=enterprise&enterpriseId=${uscc}`;
  const existing = useApiQuery(path, (signal) => apiClient.get<AccountListJson>(path, signal));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await apiClient.post<CreatedAccountJson>('/api/accounts', { username, role: 'enterprise', enterpriseId: uscc }));
      setUsername('');
      existing.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    }
  };
  const names = existing.status === 'success' ? existing.data.items.map((a) => a.username) : [];
  return (
    <section className="card" data-testid="enterprise-account">
      <h2 className="card__title">{t('admin.enterpriseAccount.title')}</h2>
      <p className="admin-muted">{t('admin.enterpriseAccount.hint')}</p>
      {names.length > 0 ? <p data-testid="enterprise-account-existing">{t('admin.enterpriseAccount.existing', { names: names.join(', ') })}</p> : null}
      {created?.initialPassword ? (
        <OneTimePassword message={t('admin.enterpriseAccount.created', { username: created.username })} password={created.initialPassword} onClose={() => setCreated(null)} />
      ) : null}
      <form className="admin-inline-form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t('admin.enterpriseAccount.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" data-testid="enterprise-account-username" />
        </label>
        <button type="submit" className="button button--primary" disabled={username.length === 0} data-testid="enterprise-account-create">
          {t('admin.enterpriseAccount.create')}
        </button>
      </form>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
