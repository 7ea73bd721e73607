import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider.js';
import { AREA_ROLES, type Area } from '../auth/roles.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </div>
  );
}

/** What the page we came back from just did (a step completed), passed as navigation state and shown once. */
export function ReturnNotice() {
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return notice ? (
    <p className="alert alert-success" role="status">
      {notice}
    </p>
  ) : null;
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('app.error')}: </strong>
      {error instanceof Error ? error.message : String(error)}
      {onRetry && (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** Opens an area to the roles that may enter it; anonymous visitors are sent to sign in and back. */
/** `reason` tells a signed-out visitor why this page needs an account, above the sign-in button. */
export function RequireArea({ area, reason, children }: { area: Area; reason?: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  const { state, signIn } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    return (
      <section className="page narrow">
        <h1>{t(`area.${area}`)}</h1>
        {state.error && <p className="alert alert-error">{t('user.signInFailed')}</p>}
        {reason && <p className="lead">{t(reason)}</p>}
        <button type="button" className="btn btn-primary" onClick={() => signIn(location.pathname + location.search)}>
          {t('user.signIn')}
        </button>
      </section>
    );
  }
  if (!AREA_ROLES[area].some((role) => state.user.roles.includes(role))) {
    return (
      <section className="page narrow">
        <h1>{t(`area.${area}`)}</h1>
        <p className="alert alert-error">{t('app.forbidden')}</p>
      </section>
    );
  }
  return <>{children}</>;
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="page narrow">
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundText')}</p>
      <Link to="/">{t('app.home')}</Link>
    </section>
  );
}
