import { StrictMode, Suspense } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { LoadingState } from '../components/state-view';
import { AppRouter } from './app-router';
import { SessionProvider } from './session-provider';

export function App({ i18n }: { i18n: I18n }) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <SessionProvider>
          <Suspense fallback={<LoadingState />}>
            <AppRouter />
          </Suspense>
        </SessionProvider>
      </I18nextProvider>
    </StrictMode>
  );
}
