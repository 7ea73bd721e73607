import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import './styles/base.css';
import './styles/areas.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadArea } from './App.js';
import { initAuth } from './auth/oidc.js';

// The sign-in check and the chunk of the area in the address bar start together, and the app is
// rendered once the chunk is there: a page that suspends is held back by React's fallback throttle.
// Failures are reported where they are used (AuthProvider, the area's page).
initAuth().catch(() => undefined);
await preloadArea(window.location.pathname).catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
