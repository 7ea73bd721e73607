import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider.js';
import { AREA_PATHS, areasFor, type Role } from '../auth/roles.js';
import { useI18n } from '../i18n/i18n.js';

export function Shell() {
  const { t } = useI18n();
  const { state } = useAuth();
  const roles: Role[] = state.status === 'signed-in' ? state.user.roles : [];
  const areas = state.status === 'signed-in' ? areasFor(roles) : [];
  const visible = areas.includes('portal') ? areas : [...areas, 'portal' as const];
  const location = useLocation();
  const main = useRef<HTMLElement>(null);

  // A route change in a single-page app is silent for screen readers: move focus to the new content.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand">
            <img src="/favicon.svg" alt="" width="36" height="36" />
            <span>
              <span className="brand-org">{t('app.org')}</span>
              <span className="brand-name">{t('app.name')}</span>
            </span>
          </NavLink>
          <div className="topbar-tools">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
        <nav className="areas" aria-label={t('nav.main')}>
          <ul>
            {visible.map((area) => (
              <li key={area}>
                <NavLink to={AREA_PATHS[area]}>{t(`area.${area}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <span>{t('app.org')}</span>
      </footer>
    </div>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" className="btn btn-ghost" lang={other} onClick={() => setLang(other)} aria-label={`${t('lang.label')}: ${t('lang.switch')}`}>
      {t('lang.switch')}
    </button>
  );
}

function UserMenu() {
  const { t } = useI18n();
  const { state, signIn, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (state.status === 'loading') return null;
  if (state.status === 'anonymous') {
    return (
      <button type="button" className="btn btn-primary" onClick={() => signIn('/')}>
        {t('user.signIn')}
      </button>
    );
  }
  const { user } = state;
  return (
    <div className="user-menu" ref={box}>
      <button type="button" className="btn btn-ghost" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        <span className="avatar" aria-hidden="true">
          {(user.name ?? user.username).split(' ').pop()?.[0]}
        </span>
        <span className="user-name">{user.name ?? user.username}</span>
      </button>
      {open && (
        <div className="user-popover" role="group" aria-label={t('user.menu')}>
          <p className="user-popover-name">{user.name ?? user.username}</p>
          <p className="muted">{user.username}</p>
          <dl>
            <dt>{t('user.roles')}</dt>
            <dd>{user.roles.map((role) => t(`role.${role}`)).join(', ')}</dd>
            {user.agencyCode && (
              <>
                <dt>{t('user.agency')}</dt>
                <dd>{user.agencyName ?? user.agencyCode}</dd>
              </>
            )}
          </dl>
          <button type="button" className="btn btn-secondary" onClick={signOut}>
            {t('user.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
