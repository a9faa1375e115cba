import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { LoadingState } from '../components/state-view';
import { LanguageSwitch } from '../i18n/language-switch';
import { BrandMark } from './brand-mark';
import { PasswordChangeGate } from './password-change-gate';
import { useSession } from './session-provider';
import { UserMenu } from './user-menu';

/** The authenticated shell: dark-blue header with navigation, language switch and user menu. */
export function AppLayout() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <NavLink to="/" className="app-header__brand" end>
            <BrandMark />
          </NavLink>
          <nav className="app-nav" aria-label={t('nav.label')}>
            <NavLink to="/" end>
              {t('nav.overview')}
            </NavLink>
            <NavLink to="/enterprises">{t('nav.enterprises')}</NavLink>
            <NavLink to="/map">{t('comparison.nav.map')}</NavLink>
            <NavLink to="/complaints">{t('queues.complaintsTitle')}</NavLink>
            <NavLink to="/appeals">{t('queues.appealsTitle')}</NavLink>
            <NavLink to="/lists">{t('supervision.nav.lists')}</NavLink>
            <NavLink to="/inspection-plans">{t('supervision.nav.plans')}</NavLink>
            <NavLink to="/notices">{t('supervision.nav.notices')}</NavLink>
            <NavLink to="/dead-letters">{t('nav.deadLetters')}</NavLink>
          </nav>
          <div className="app-header__tools">
            <LanguageSwitch />
            {session ? <UserMenu session={session} onLogout={logout} /> : null}
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <PasswordChangeGate>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </PasswordChangeGate>
      </main>
    </div>
  );
}
