import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient, ApiError } from '../../api/api-client';
import type { AccountItemJson, AccountListJson, CreatedAccountJson } from '../../api/admin-types';
import { useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import { jurisdictionText, parsePrefixes } from './region-prefixes';
import { OneTimePassword } from './one-time-password';
import { AdminTabs } from './admin-tabs';
import '../../styles/admin.css';

type Lang = 'zh' | 'en';
const ROLE_FILTERS = ['', 'inspector', 'admin', 'enterprise'] as const;

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

/** Region-code prefixes typed by the admin, with their names shown as they type. */
function PrefixesField({ value, onChange, lang, testId }: { value: string; onChange: (v: string) => void; lang: Lang; testId: string }) {
  const { t } = useTranslation();
  const parsed = parsePrefixes(value);
  return (
    <label className="field">
      <span className="field__label">{t('admin.accounts.prefixes')}</span>
      <input value={value} onChange={(e) => onChange(e.target.value)} inputMode="numeric" data-testid={testId} />
      {parsed && parsed.length > 0 ? (
        <span className="admin-muted" data-testid={`${testId}-names`}>
          {t('admin.accounts.prefixesHint', { names: jurisdictionText(parsed, lang, '') })}
        </span>
      ) : null}
    </label>
  );
}

function CreateAccountForm({ lang, onCreated }: { lang: Lang; onCreated: (created: CreatedAccountJson) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<'inspector' | 'admin'>('inspector');
  const [prefixes, setPrefixes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const regionPrefixes = parsePrefixes(prefixes);
    if (regionPrefixes === null) {
      setError(t('admin.accounts.prefixes'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = role === 'inspector' ? { username, role, regionPrefixes } : { username, role };
      onCreated(await apiClient.post<CreatedAccountJson>('/api/accounts', body));
      setUsername('');
      setPrefixes('');
    } catch (err) {
      setError(errorText(err, t('errors.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card admin-form" onSubmit={submit} data-testid="account-create">
      <h2 className="card__title">{t('admin.accounts.createTitle')}</h2>
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">{t('admin.accounts.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" data-testid="account-create-username" />
        </label>
        <label className="field">
          <span className="field__label">{t('admin.accounts.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as 'inspector' | 'admin')} data-testid="account-create-role">
            <option value="inspector">{t('admin.accounts.roles.inspector')}</option>
            <option value="admin">{t('admin.accounts.roles.admin')}</option>
          </select>
        </label>
      </div>
      {role === 'inspector' ? <PrefixesField value={prefixes} onChange={setPrefixes} lang={lang} testId="account-create-prefixes" /> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || username.length === 0} data-testid="account-create-submit">
          {t('admin.accounts.create')}
        </button>
      </div>
    </form>
  );
}

function AccountRow({ account, lang, onChanged, onPassword }: { account: AccountItemJson; lang: Lang; onChanged: (notice?: string) => void; onPassword: (created: CreatedAccountJson) => void }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [prefixes, setPrefixes] = useState(account.regionPrefixes.join(', '));
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorText(err, t('errors.unknown')));
    }
  };
  const path = `/api/accounts/${encodeURIComponent(account.username)}`;
  return (
    <tr data-testid="account-row" data-username={account.username}>
      <td data-label={t('admin.accounts.username')}>
        <strong>{account.username}</strong>
        {account.enterpriseId ? <div className="admin-muted">{account.enterpriseId}</div> : null}
      </td>
      <td data-label={t('admin.accounts.role')}>{t(`admin.accounts.roles.${account.role}`)}</td>
      <td data-label={t('admin.accounts.jurisdiction')} data-testid="account-jurisdiction">
        {account.role !== 'inspector' ? (
          '—'
        ) : editing ? (
          <div className="admin-inline-form">
            <PrefixesField value={prefixes} onChange={setPrefixes} lang={lang} testId="account-edit-prefixes" />
            <button
              type="button"
              className="button button--primary"
              data-testid="account-edit-save"
              onClick={() =>
                act(async () => {
                  const regionPrefixes = parsePrefixes(prefixes);
                  if (regionPrefixes === null) throw new ApiError(400, 'invalid_input', t('admin.accounts.prefixes'));
                  await apiClient.post(`${path}/jurisdiction`, { regionPrefixes });
                  setEditing(false);
                  onChanged(t('admin.accounts.jurisdictionSaved', { username: account.username }));
                })
              }
            >
              {t('admin.accounts.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
              {t('admin.accounts.cancel')}
            </button>
          </div>
        ) : (
          jurisdictionText(account.regionPrefixes, lang, t('admin.accounts.wholeJurisdiction'))
        )}
      </td>
      <td data-label={t('admin.accounts.status')}>
        <span className={account.disabled ? 'admin-status admin-status--off' : 'admin-status'}>{account.disabled ? t('admin.accounts.disabled') : t('admin.accounts.enabled')}</span>
        {account.mustChangePassword ? <div className="admin-muted">{t('admin.accounts.mustChange')}</div> : null}
      </td>
      <td data-label={t('admin.accounts.lastLogin')}>{account.lastLoginAt ? new Date(account.lastLoginAt).toLocaleString(i18n.resolvedLanguage) : t('admin.accounts.never')}</td>
      <td data-label={t('admin.accounts.actions')}>
        <div className="admin-actions">
          {account.role === 'inspector' && !editing ? (
            <button type="button" className="button button--secondary" data-testid="account-edit" onClick={() => setEditing(true)}>
              {t('admin.accounts.editJurisdiction')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--secondary"
            data-testid={account.disabled ? 'account-enable' : 'account-disable'}
            onClick={() =>
              act(async () => {
                if (!account.disabled && !window.confirm(t('admin.accounts.confirmDisable', { username: account.username }))) return;
                await apiClient.post(`${path}/${account.disabled ? 'enable' : 'disable'}`, {});
                onChanged();
              })
            }
          >
            {account.disabled ? t('admin.accounts.enable') : t('admin.accounts.disable')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="account-reset"
            onClick={() => act(async () => onPassword(await apiClient.post<CreatedAccountJson>(`${path}/password-reset`, {})))}
          >
            {t('admin.accounts.resetPassword')}
          </button>
        </div>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** /admin/accounts — admins: every account with role, jurisdiction (as region names), status and last sign-in. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin.accounts.title'));
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [role, setRole] = useState<(typeof ROLE_FILTERS)[number]>('');
  const [otp, setOtp] = useState<{ message: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = `/api/accounts?limit=500${role ? `&role=${role}` : ''}`;
  const q = useApiQuery(path, (signal) => apiClient.get<AccountListJson>(path, signal), { keepData: true });
  const showPassword = (created: CreatedAccountJson, key: 'admin.accounts.created' | 'admin.accounts.reset') => {
    if (created.initialPassword) setOtp({ message: t(key, { username: created.username }), password: created.initialPassword });
    q.reload();
  };
  return (
    <>
      <AdminTabs />
      <PageHeader title={t('admin.accounts.title')} subtitle={t('admin.accounts.subtitle')} />
      {otp ? <OneTimePassword message={otp.message} password={otp.password} onClose={() => setOtp(null)} /> : null}
      {notice ? (
        <p className="card admin-notice" role="status" data-testid="account-notice">
          {notice}
        </p>
      ) : null}
      <CreateAccountForm lang={lang} onCreated={(created) => showPassword(created, 'admin.accounts.created')} />
      <section className="card">
        <label className="field admin-filter">
          <span className="field__label">{t('admin.accounts.filterRole')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLE_FILTERS)[number])} data-testid="account-filter-role">
            {ROLE_FILTERS.map((r) => (
              <option key={r} value={r}>
                {r === '' ? t('admin.accounts.all') : t(`admin.accounts.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {q.status === 'loading' ? <LoadingState /> : null}
        {q.status === 'error' ? <ErrorState onRetry={q.reload} /> : null}
        {q.status === 'success' && q.data.items.length === 0 ? <EmptyState title={t('admin.accounts.empty')} /> : null}
        {q.status === 'success' && q.data.items.length > 0 ? (
          <div className="admin-table-wrap" tabIndex={0}>
            <table className="data-table admin-table" data-testid="accounts-table">
              <thead>
                <tr>
                  <th>{t('admin.accounts.username')}</th>
                  <th>{t('admin.accounts.role')}</th>
                  <th>{t('admin.accounts.jurisdiction')}</th>
                  <th>{t('admin.accounts.status')}</th>
                  <th>{t('admin.accounts.lastLogin')}</th>
                  <th>{t('admin.accounts.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((a) => (
                  <AccountRow
                    key={`${a.id}-${a.regionPrefixes.join(',')}-${String(a.disabled)}`}
                    account={a}
                    lang={lang}
                    onChanged={(message) => {
                      setNotice(message ?? null);
                      q.reload();
                    }}
                    onPassword={(created) => showPassword(created, 'admin.accounts.reset')}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
