import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider.js';
import { AREA_PATHS, homeArea } from './auth/roles.js';
import { I18nProvider } from './i18n/i18n.js';
import { chunk } from './shell/chunk.js';
import { Shell } from './shell/Shell.js';
import { Loading, NotFound, RequireArea } from './shell/common.js';

// Each area is its own chunk, loaded when a user enters it; the studio carries the BPMN modeler
// and the form editor, the officer's area the diagram viewer and the form viewer.
const areas = {
  portal: chunk(() => import('./areas/portal/PortalArea.js')),
  officer: chunk(() => import('./areas/officer/OfficerArea.js')),
  counter: chunk(() => import('./areas/counter/CounterArea.js')),
  dashboard: chunk(() => import('./areas/dashboard/DashboardArea.js')),
  studioHome: chunk(() => import('./studio/StudioHome.js')),
  procedureEditor: chunk(() => import('./studio/ProcedureEditor.js')),
};
const PortalArea = areas.portal.Component;
const OfficerArea = areas.officer.Component;
const CounterArea = areas.counter.Component;
const DashboardArea = areas.dashboard.Component;
const StudioHome = areas.studioHome.Component;
const ProcedureEditor = areas.procedureEditor.Component;

/** Loads the chunk of the area in the address bar while the app starts (and the sign-in is checked). */
export function preloadArea(pathname: string): Promise<unknown> {
  const [, first, second] = pathname.split('/');
  const page =
    first === 'worklist' ? areas.officer
    : first === 'counter' ? areas.counter
    : first === 'dashboard' ? areas.dashboard
    : first === 'studio' ? (second ? areas.procedureEditor : areas.studioHome)
    : areas.portal;
  return page.preload();
}

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
