import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api-client';
import type { ComplaintFollow } from '../../api/public-types';
import { useDocumentTitle } from '../../components/use-document-title';
import { LanguageSwitch } from '../../i18n/language-switch';
import { followComplaint } from './public-api';
import '../../styles/public.css';

/** /follow — a citizen enters a report's reference and code (shown once) and reads what became of it. */
export function FollowComplaintPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('follow.title'));
  const [params] = useSearchParams();
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [code, setCode] = useState('');
  const [result, setResult] = useState<ComplaintFollow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await followComplaint(reference.trim(), code.trim()));
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setError(status === 404 || status === 400 ? t('follow.notFound') : status === 429 ? t('follow.rateLimited') : t('follow.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="q-page">
      <header className="q-top">
        <span className="q-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <section className="q-card q-complaint" aria-labelledby="follow-title">
        <h1 id="follow-title">{t('follow.title')}</h1>
        <p className="q-muted">{t('follow.intro')}</p>
        <form onSubmit={onSubmit} noValidate>
          <label className="q-field">
            <span>{t('follow.reference')}</span>
            <input name="reference" type="text" maxLength={24} value={reference} onChange={(e) => setReference(e.target.value)} autoComplete="off" />
          </label>
          <label className="q-field">
            <span>{t('follow.code')}</span>
            <input name="code" type="text" maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          </label>
          {error ? (
            <p className="q-notice q-notice--error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="q-button" disabled={busy}>
            {t('follow.submit')}
          </button>
        </form>
        {result ? (
          <div className="q-notice q-notice--ok" role="status" data-testid="follow-result" data-status={result.status}>
            <p>
              {t('follow.about', { reference: result.reference, name: result.enterpriseName ?? '', category: t(`complaint.categories.${result.category}`), received: time(result.receivedAt) })}
            </p>
            <p>
              <strong>{t(`follow.status.${result.status}`)}</strong>
            </p>
            {result.decidedAt ? <p>{t('follow.decidedAt', { time: time(result.decidedAt) })}</p> : null}
            {result.reason ? <p>{t('follow.reason', { reason: result.reason })}</p> : null}
          </div>
        ) : null}
      </section>
    </main>
  );
}
