import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppLayout } from './app-layout';
import { LoginPage } from './login-page';
import { RequireAuth } from './require-auth';

// Pages load on demand so the login page does not download dashboard code (and, later, ECharts).
const OverviewPage = lazy(() => import('../pages/overview-page').then((m) => ({ default: m.OverviewPage })));
const EnterprisesPage = lazy(() => import('../pages/enterprises-page').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() =>
  import('../pages/enterprise-detail-page').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const NotFoundPage = lazy(() => import('../pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="enterprises" element={<EnterprisesPage />} />
          <Route path="enterprises/:uscc" element={<EnterpriseDetailPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
