import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './app-layout';
import { LoginPage } from './login-page';
import { RequireAuth } from './require-auth';

// Pages load on demand so the login page does not download dashboard code (and, later, ECharts).
const OverviewPage = lazy(() => import('../pages/overview-page').then((m) => ({ default: m.OverviewPage })));
const EnterprisesPage = lazy(() => import('../pages/enterprises-page').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() =>
  import('../pages/enterprise-detail-page').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const PublicPage = lazy(() => import('../pages/public/public-page').then((m) => ({ default: m.PublicPage })));
const SignPage = lazy(() => import('../pages/print/sign-page').then((m) => ({ default: m.SignPage })));
const FilteredSignsPage = lazy(() => import('../pages/print/filtered-signs-page').then((m) => ({ default: m.FilteredSignsPage })));
const FollowComplaintPage = lazy(() => import('../pages/public/follow-complaint-page').then((m) => ({ default: m.FollowComplaintPage })));
const RegionSignsPage = lazy(() => import('../pages/print/region-signs-page').then((m) => ({ default: m.RegionSignsPage })));
const ComplaintQueuePage = lazy(() => import('../pages/queues/complaint-queue-page').then((m) => ({ default: m.ComplaintQueuePage })));
const AppealQueuePage = lazy(() => import('../pages/queues/appeal-queue-page').then((m) => ({ default: m.AppealQueuePage })));
const DeadLettersPage = lazy(() => import('../pages/operations/dead-letters-page').then((m) => ({ default: m.DeadLettersPage })));
const PortalLayout = lazy(() => import('../pages/portal/portal-layout').then((m) => ({ default: m.PortalLayout })));
const PortalPage = lazy(() => import('../pages/portal/portal-page').then((m) => ({ default: m.PortalPage })));
const ListPage = lazy(() => import('../pages/supervision/list-page').then((m) => ({ default: m.ListPage })));
const PlansPage = lazy(() => import('../pages/supervision/plans-page').then((m) => ({ default: m.PlansPage })));
const PlanCreatePage = lazy(() => import('../pages/supervision/plan-create-page').then((m) => ({ default: m.PlanCreatePage })));
const PlanPage = lazy(() => import('../pages/supervision/plan-page').then((m) => ({ default: m.PlanPage })));
const PublicPlanPage = lazy(() => import('../pages/supervision/public-plan-page').then((m) => ({ default: m.PublicPlanPage })));
const PublicListPage = lazy(() => import('../pages/supervision/public-list-page').then((m) => ({ default: m.PublicListPage })));
const NoticesPage = lazy(() => import('../pages/supervision/notices').then((m) => ({ default: m.NoticesPage })));
const NoticePrintPage = lazy(() => import('../pages/supervision/notices').then((m) => ({ default: m.NoticePrintPage })));
const AccountsPage = lazy(() => import('../pages/admin/accounts-page').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('../pages/admin/audit-page').then((m) => ({ default: m.AuditPage })));
const RegistryImportPage = lazy(() => import('../pages/registry/registry-import-page').then((m) => ({ default: m.RegistryImportPage })));
const HandRegistrationPage = lazy(() => import('../pages/registry/hand-registration-page').then((m) => ({ default: m.HandRegistrationPage })));
const BatchEditResultPage = lazy(() => import('../pages/registry/batch-edit-result-page').then((m) => ({ default: m.BatchEditResultPage })));
const MapPage = lazy(() => import('../pages/map/map-page').then((m) => ({ default: m.MapPage })));
const NotFoundPage = lazy(() => import('../pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

/** The enterprise portal is the only area enterprise accounts may use. */
const ENTERPRISE_ROLES: readonly string[] = ['enterprise'];
/** Account management and the audit trail. */
const ADMIN_ROLES: readonly string[] = ['admin'];
/** A printed notice: the enterprise's own, or any for staff (the server checks which). */
const ALL_ROLES: readonly string[] = ['admin', 'inspector', 'enterprise'];

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/follow" element={<Suspense fallback={null}><FollowComplaintPage /></Suspense>} />
        <Route path="/q/:token" element={<Suspense fallback={null}><PublicPage /></Suspense>} />
        <Route path="/public/inspection-plans/:id" element={<Suspense fallback={null}><PublicPlanPage /></Suspense>} />
        <Route path="/public/lists/:list" element={<Suspense fallback={null}><PublicListPage /></Suspense>} />
        <Route path="/print/sign/:uscc" element={<RequireAuth><Suspense fallback={null}><SignPage /></Suspense></RequireAuth>} />
        <Route path="/print/notice/:id" element={<RequireAuth roles={ALL_ROLES}><Suspense fallback={null}><NoticePrintPage /></Suspense></RequireAuth>} />
        <Route path="/print/signs" element={<RequireAuth><Suspense fallback={null}><FilteredSignsPage /></Suspense></RequireAuth>} />
        <Route path="/print/region/:region" element={<RequireAuth><Suspense fallback={null}><RegionSignsPage /></Suspense></RequireAuth>} />
        <Route path="/portal" element={<RequireAuth roles={ENTERPRISE_ROLES}><Suspense fallback={null}><PortalLayout /></Suspense></RequireAuth>}>
          <Route index element={<PortalPage />} />
        </Route>
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="enterprises" element={<EnterprisesPage />} />
          <Route path="map" element={<MapPage />} />
          <Route path="enterprises/:uscc" element={<EnterpriseDetailPage />} />
          <Route path="complaints" element={<ComplaintQueuePage />} />
          <Route path="appeals" element={<AppealQueuePage />} />
          <Route path="lists" element={<Navigate to="/lists/red" replace />} />
          <Route path="lists/:list" element={<ListPage />} />
          <Route path="inspection-plans" element={<PlansPage />} />
          <Route path="inspection-plans/new" element={<PlanCreatePage />} />
          <Route path="inspection-plans/:id" element={<PlanPage />} />
          <Route path="notices" element={<NoticesPage />} />
          <Route path="dead-letters" element={<DeadLettersPage />} />
          <Route path="admin" element={<Navigate to="/admin/accounts" replace />} />
          <Route path="admin/accounts" element={<RequireAuth roles={ADMIN_ROLES}><AccountsPage /></RequireAuth>} />
          <Route path="admin/audit" element={<RequireAuth roles={ADMIN_ROLES}><AuditPage /></RequireAuth>} />
          <Route path="registry/import" element={<RegistryImportPage />} />
          <Route path="registry/hand-registrations" element={<HandRegistrationPage />} />
          <Route path="registry/batch-edits/:id" element={<BatchEditResultPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
