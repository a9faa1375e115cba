import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import type { HandRegistration, HandRegistrationList, HandRegistrationRequest } from '../../api/registry-types';
import { useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import '../../styles/registry.css';

const EMPTY = { uscc: '', name: '', regionCode: '', industryCode: '', address: '', lat: '', lon: '', note: '' };

/** /registry/hand-registrations — register a unit missing from the legal-person library; verify pending ones. */
export function HandRegistrationPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('registry.hand.title'));
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<HandRegistration | null>(null);
  const list = useApiQuery('hand-registrations', (signal) => apiClient.get<HandRegistrationList>('/api/registry/hand-registrations', signal));
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    const body: HandRegistrationRequest = {
      uscc: form.uscc.trim().toUpperCase(),
      name: form.name.trim(),
      regionCode: form.regionCode.trim(),
      industryCode: form.industryCode.trim().toUpperCase(),
      ...(form.address.trim() ? { address: form.address.trim() } : {}),
      ...(form.lat.trim() && form.lon.trim() ? { lat: Number(form.lat), lon: Number(form.lon) } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    };
    try {
      setDone(await apiClient.post<HandRegistration>('/api/registry/hand-registrations', body));
      setForm(EMPTY);
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (uscc: string) => {
    try {
      await apiClient.post<HandRegistration>(`/api/registry/hand-registrations/${uscc}/verify`, {});
      list.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    }
  };

  const field = (key: keyof typeof EMPTY, label: string, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input value={form[key]} onChange={(e) => set({ [key]: e.target.value })} name={key} {...extra} />
    </label>
  );

  return (
    <>
      <PageHeader title={t('registry.hand.title')} subtitle={t('registry.hand.subtitle')} />
      <form className="card rg-hand-form" onSubmit={submit} data-testid="hand-form">
        {field('uscc', t('registry.fields.uscc'), { required: true, maxLength: 18, minLength: 18, className: 'mono', placeholder: '12320100466000001C' })}
        {field('name', t('registry.fields.name'), { required: true, maxLength: 200 })}
        {field('regionCode', t('registry.fields.regionCode'), { required: true, pattern: '\\d{6}', inputMode: 'numeric', placeholder: '320104' })}
        {field('industryCode', t('registry.fields.industryCode'), { required: true, pattern: '[A-Ta-t](\\d{2}|\\d{3}|\\d{4})?', placeholder: 'Q8411' })}
        {field('address', `${t('registry.fields.address')} ${t('registry.hand.optional')}`, { maxLength: 300 })}
        {field('lat', `${t('registry.fields.lat')} ${t('registry.hand.optional')}`, { type: 'number', step: 'any', min: -90, max: 90 })}
        {field('lon', `${t('registry.fields.lon')} ${t('registry.hand.optional')}`, { type: 'number', step: 'any', min: -180, max: 180 })}
        {field('note', `${t('registry.hand.note')} ${t('registry.hand.optional')}`, { maxLength: 500 })}
        {error ? (
          <p className="rg-error" role="alert" data-testid="hand-error">
            {error}
          </p>
        ) : null}
        {done ? (
          <p className="rg-done" role="status" data-testid="hand-done">
            {t('registry.hand.registered', { name: done.name })}
          </p>
        ) : null}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('registry.hand.submitting') : t('registry.hand.submit')}
          </button>
        </div>
      </form>

      <section className="card" data-testid="hand-list">
        {list.status === 'loading' ? (
          <LoadingState />
        ) : list.status === 'error' ? (
          <ErrorState onRetry={list.reload}>{list.error instanceof Error ? list.error.message : t('errors.unknown')}</ErrorState>
        ) : list.data.items.length === 0 ? (
          <EmptyState title={t('registry.hand.none')} />
        ) : (
          <>
            {(['pending', 'verified'] as const).map((status) => {
              const items = list.data.items.filter((i) => i.status === status);
              if (items.length === 0) return null;
              return (
                <div key={status}>
                  <h2 className="card__title">{t(status === 'pending' ? 'registry.hand.pendingTitle' : 'registry.hand.verifiedTitle')}</h2>
                  <ul className="rg-hand-list">
                    {items.map((i) => (
                      <li key={i.uscc}>
                        <div>
                          <Link to={`/enterprises/${i.uscc}`}>{i.name}</Link> <span className="mono muted">{i.uscc}</span>
                          <div className="muted">
                            {t('registry.hand.by', { user: i.registeredBy, time: time(i.registeredAt) })}
                            {i.verifiedBy && i.verifiedAt ? ` · ${t('registry.hand.verifiedBy', { user: i.verifiedBy, time: time(i.verifiedAt) })}` : ''}
                          </div>
                          {i.note ? <div>{i.note}</div> : null}
                        </div>
                        {status === 'pending' ? (
                          <button type="button" className="button button--secondary button--small" onClick={() => verify(i.uscc)}>
                            {t('registry.hand.verify')}
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </>
        )}
      </section>
    </>
  );
}
