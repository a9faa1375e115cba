import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { BrandMark } from '../../app/brand-mark';
import { useSession } from '../../app/session-provider';
import { LoadingState } from '../../components/state-view';
import { LanguageSwitch } from '../../i18n/language-switch';
import '../../styles/queues.css';

/** The enterprise portal's shell: no dashboard navigation (an enterprise sees only itself). */
export function PortalLayout() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-header__brand">
            <BrandMark />
          </span>
          <nav className="app-nav" aria-label={t('nav.label')}>
            <span>{t('portal.title')}</span>
          </nav>
          <div className="app-header__tools">
            <LanguageSwitch />
            {session ? (
              <button type="button" className="button button--secondary button--small" onClick={logout}>
                {t('portal.logout')}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
