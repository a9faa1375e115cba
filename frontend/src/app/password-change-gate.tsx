import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient } from '../api/api-client';
import type { AccountJson } from '../api/public-types';
import { useApiQuery } from '../api/use-api-query';
import { ErrorState, LoadingState } from '../components/state-view';
import { PasswordChangeForm } from '../pages/portal/password-change-form';

/**
 * Staff accounts created by an admin, and accounts whose password an admin reset, must choose their
 * own password before anything else (the server answers 403 password_change_required meanwhile).
 */
export function PasswordChangeGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useApiQuery('/api/accounts/me', (signal) => apiClient.get<AccountJson>('/api/accounts/me', signal));
  if (me.status === 'loading') return <LoadingState />;
  if (me.status === 'error') return <ErrorState title={t('state.error')} onRetry={me.reload} />;
  if (me.data.mustChangePassword) return <PasswordChangeForm onChanged={me.reload} />;
  return <>{children}</>;
}
