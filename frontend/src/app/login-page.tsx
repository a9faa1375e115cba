import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/api-client';
import { LanguageSwitch } from '../i18n/language-switch';
import { BrandMark } from './brand-mark';
import type { LoginRedirectState } from './require-auth';
import { useSession } from './session-provider';
import { useDocumentTitle } from '../components/use-document-title';


function describeLoginError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 400) return t('login.invalidCredentials');
    if (error.status === 429) return t('login.rateLimited');
    if (error.status === 0) return t('errors.network');
    if (error.status >= 500) return t('errors.server', { status: error.status });
    return error.message;
  }
  return error instanceof Error ? error.message : t('errors.unknown');
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const { session, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const redirect = (location.state ?? {}) as LoginRedirectState;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const target = redirect.from ? `${redirect.from.pathname}${redirect.from.search}${redirect.from.hash}` : '/';
  if (session && !submitting) return <Navigate to={target} replace />;

  const notice =
    redirect.reason === 'expired' ? t('login.sessionExpired') : redirect.reason === 'logout' ? t('login.loggedOut') : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(target, { replace: true });
    } catch (caught) {
      setError(describeLoginError(caught, t));
      setSubmitting(false);
    }
  }

  return (
    <div className="login">
      <header className="login__top">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main id="main" className="login__main">
        <form className="login__card" onSubmit={onSubmit} noValidate aria-busy={submitting}>
          <h1 className="login__title">{t('login.title')}</h1>
          <p className="login__subtitle">{t('login.subtitle')}</p>
          {notice && !error ? (
            <p className="notice notice--info" role="status">
              {notice}
            </p>
          ) : null}
          {error ? (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          ) : null}
          <label className="field">
            <span className="field__label">{t('login.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              disabled={submitting}
              required
              autoFocus
            />
          </label>
          <label className="field">
            <span className="field__label">{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={submitting}
              required
            />
          </label>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? <span className="spinner spinner--inline" aria-hidden="true" /> : null}
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
      <footer className="login__footer">{t('login.footer')}</footer>
    </div>
  );
}
