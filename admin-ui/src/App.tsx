import { createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider.js';
import { AREA_PATHS, homeArea } from './auth/roles.js';
import { I18nProvider } from './i18n/i18n.js';
import { Shell } from './shell/Shell.js';
import { Loading, NotFound, RequireArea } from './shell/common.js';

// Each area is its own chunk, loaded when a user enters it; the studio carries the BPMN modeler
// and the form editor, the officer's area the diagram viewer and the form viewer.
const areas = {
  portal: area(() => import('./areas/portal/PortalArea.js')),
  officer: area(() => import('./areas/officer/OfficerArea.js')),
  counter: area(() => import('./areas/counter/CounterArea.js')),
  dashboard: area(() => import('./areas/dashboard/DashboardArea.js')),
  studioHome: area(() => import('./studio/StudioHome.js')),
  procedureEditor: area(() => import('./studio/ProcedureEditor.js')),
};
const PortalArea = areas.portal.Page;
const OfficerArea = areas.officer.Page;
const CounterArea = areas.counter.Page;
const DashboardArea = areas.dashboard.Page;
const StudioHome = areas.studioHome.Page;
const ProcedureEditor = areas.procedureEditor.Page;

/**
 * An area's page from its chunk: rendered directly once the chunk is loaded, lazily before. A lazy
 * component suspends on its first render even when its chunk is already there, and React then
 * holds the page back for its fallback throttle (300 ms) before showing it.
 */
function area(load: () => Promise<{ default: ComponentType }>): { preload(): Promise<unknown>; Page: ComponentType } {
  let started: Promise<{ default: ComponentType }> | undefined;
  let loaded: ComponentType | undefined;
  const preload = () =>
    (started ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(preload);
  return { preload, Page: () => createElement(loaded ?? Lazy) };
}

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
