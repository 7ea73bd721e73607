import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider.js';
import { AREA_PATHS, homeArea } from './auth/roles.js';
import { I18nProvider } from './i18n/i18n.js';
import { Shell } from './shell/Shell.js';
import { Loading, NotFound, RequireArea } from './shell/common.js';

// Each area is its own chunk, loaded when a user enters it; the studio carries the BPMN modeler
// and the form editor, the officer's area the diagram viewer and the form viewer.
const PortalArea = lazy(() => import('./areas/portal/PortalArea.js'));
const OfficerArea = lazy(() => import('./areas/officer/OfficerArea.js'));
const CounterArea = lazy(() => import('./areas/counter/CounterArea.js'));
const DashboardArea = lazy(() => import('./areas/dashboard/DashboardArea.js'));
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
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Landing />} />
        <Route path="portal/*" element={<Lazy><PortalArea /></Lazy>} />
        <Route path="worklist/*" element={<RequireArea area="worklist"><Lazy><OfficerArea /></Lazy></RequireArea>} />
        <Route path="counter/*" element={<RequireArea area="counter"><Lazy><CounterArea /></Lazy></RequireArea>} />
        <Route path="dashboard/*" element={<RequireArea area="dashboard"><Lazy><DashboardArea /></Lazy></RequireArea>} />
        <Route path="studio" element={<RequireArea area="studio"><Lazy><StudioHome /></Lazy></RequireArea>} />
        <Route path="studio/:slug" element={<RequireArea area="studio"><Lazy><ProcedureEditor /></Lazy></RequireArea>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** "/" sends each user to his own area; visitors see the public portal. */
function Landing() {
  const { state } = useAuth();
  if (state.status === 'loading') return <Loading />;
  const area = state.status === 'signed-in' ? homeArea(state.user.roles) : 'portal';
  return <Navigate to={AREA_PATHS[area]} replace />;
}
