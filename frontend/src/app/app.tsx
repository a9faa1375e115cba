import { StrictMode, Suspense, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { createQueryClient } from '../api/query-client';
import { LoadingState } from '../components/state-view';
import { LiveProvider } from '../live/live-provider';
import { AppRouter } from './app-router';
import { SessionProvider } from './session-provider';

export function App({ i18n }: { i18n: I18n }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <LiveProvider>
              <Suspense fallback={<LoadingState />}>
                <AppRouter />
              </Suspense>
            </LiveProvider>
          </SessionProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>
  );
}
