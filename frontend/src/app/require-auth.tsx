import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, type Location } from 'react-router-dom';
import { INSPECTOR_ROLES, type SessionEndReason } from '../api/session';
import { ErrorState, LoadingState } from '../components/state-view';
import { useSession } from './session-provider';

/** What /login receives in the navigation state. */
export interface LoginRedirectState {
  from?: Pick<Location, 'pathname' | 'search' | 'hash'>;
  reason?: SessionEndReason;
}

/**
 * Sends visitors without a live session to /login (remembering where they were going and why they were sent),
 * and keeps roles that are not meant for this area out. The server enforces the same on every request.
 */
export function RequireAuth({ children, roles = INSPECTOR_ROLES }: { children: ReactNode; roles?: readonly string[] }) {
  const { session, endReason, resolving } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  // A Ctrl-click or a pasted link opens a tab without a session: the other tabs are asked for theirs first.
  if (!session && resolving) return <LoadingState />;
  if (!session) {
    const state: LoginRedirectState = {
      from: { pathname: location.pathname, search: location.search, hash: location.hash },
      reason: endReason,
    };
    return <Navigate to="/login" replace state={state} />;
  }
  // Enterprise accounts have one area of their own: send them there instead of a "forbidden" page.
  if (!roles.includes(session.claims.role) && session.claims.role === 'enterprise') return <Navigate to="/portal" replace />;
  if (!roles.includes(session.claims.role)) {
    return (
      <main className="page page--centered">
        <ErrorState title={t('pages.forbidden.title')}>{t('errors.forbidden')}</ErrorState>
      </main>
    );
  }
  return <>{children}</>;
}
