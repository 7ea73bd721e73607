import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider.js';
import { AREA_PATHS, homeArea } from './auth/roles.js';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { PortalHome } from './areas/PortalHome.js';
import { Shell } from './shell/Shell.js';
import { Loading, NotFound, Placeholder, RequireArea } from './shell/common.js';

// The studio carries the BPMN modeler and the form editor: loaded only when an analyst opens it.
const StudioHome = lazy(() => import('./studio/StudioHome.js'));
const ProcedureEditor = lazy(() => import('./studio/ProcedureEditor.js'));

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}

function AppRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Landing />} />
        <Route path="portal" element={<PortalHome />} />
        <Route
          path="portal/ho-so"
          element={
            <RequireArea area="portal">
              <Placeholder area="portal" text={t('placeholder.portalDossiers')} />
            </RequireArea>
          }
        />
        <Route path="worklist" element={<RequireArea area="worklist"><Placeholder area="worklist" text={t('placeholder.worklist')} /></RequireArea>} />
        <Route path="counter" element={<RequireArea area="counter"><Placeholder area="counter" text={t('placeholder.counter')} /></RequireArea>} />
        <Route path="dashboard" element={<RequireArea area="dashboard"><Placeholder area="dashboard" text={t('placeholder.dashboard')} /></RequireArea>} />
        <Route
          path="studio"
          element={
            <RequireArea area="studio">
              <Suspense fallback={<Loading />}>
                <StudioHome />
              </Suspense>
            </RequireArea>
          }
        />
        <Route
          path="studio/:slug"
          element={
            <RequireArea area="studio">
              <Suspense fallback={<Loading />}>
                <ProcedureEditor />
              </Suspense>
            </RequireArea>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** "/" sends each user to his own area; visitors see the public portal. */
function Landing() {
  const { state } = useAuth();
  if (state.status === 'loading') return <Loading />;
  const area = state.status === 'signed-in' ? homeArea(state.user.roles) : 'portal';
  return <Navigate to={AREA_PATHS[area]} replace />;
}
