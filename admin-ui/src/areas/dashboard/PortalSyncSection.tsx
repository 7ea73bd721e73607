import { useI18n } from '../../i18n/i18n.js';
import type { Indicators } from '../../api/statistics.js';
import { formatDateTime } from '../../dossier/format.js';

type PortalSync = Indicators['portalSync'];

/**
 * What still has to reach the national public service portal: the changes waiting, those the
 * portal refused or did not answer, since when; or that the portal is not connected.
 */
export function PortalSyncSection({ sync }: { sync: PortalSync }) {
  const { t, locale } = useI18n();
  return (
    <section className="portal-sync" aria-labelledby="portal-sync-title">
      <h2 id="portal-sync-title">{t('dash.sync.title')}</h2>
      {!sync.connected ? (
        <p className="hint">{t('dash.sync.notConnected')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('dash.sync.scope')}</dt>
          <dd>{t(sync.scope === 'all' ? 'dash.sync.scopeAll' : 'dash.sync.scopePortal')}</dd>
          <dt>{t('dash.sync.pending')}</dt>
          <dd className={sync.pending > 0 ? 'cell-warn' : ''}>
            {sync.pending}
            {sync.oldestPendingAt && <small className="muted"> {t('dash.sync.since', { at: formatDateTime(locale, sync.oldestPendingAt) })}</small>}
          </dd>
          <dt>{t('dash.sync.failing')}</dt>
          <dd className={sync.failing > 0 ? 'cell-bad' : ''}>
            {sync.failing}
            {sync.lastError && <small className="muted"> — {sync.lastError}</small>}
          </dd>
          <dt>{t('dash.sync.lastDelivered')}</dt>
          <dd>{sync.lastDeliveredAt ? formatDateTime(locale, sync.lastDeliveredAt) : t('dash.sync.never')}</dd>
        </dl>
      )}
    </section>
  );
}
