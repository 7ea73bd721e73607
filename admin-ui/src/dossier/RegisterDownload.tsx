import { useState } from 'react';
import { download } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';

/** Where the dossier register (sổ theo dõi hồ sơ) of a centre and period is downloaded. */
export function registerPath(format: 'pdf' | 'xlsx', filter: { agencyCode?: string; from?: string; to?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/registers/dossiers.${format}${query ? `?${query}` : ''}`;
}

/**
 * The two downloads of the dossier register: PDF to print and file, Excel to work on. Officers get
 * their own centre's book; a supervisor names the centre.
 */
export function RegisterDownload({ agencyCode, from, to, name }: { agencyCode?: string; from?: string; to?: string; name: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const get = (format: 'pdf' | 'xlsx') => {
    setError(undefined);
    download(registerPath(format, { agencyCode, from, to }), `so-theo-doi-ho-so-${name}.${format}`).catch(setError);
  };
  return (
    <div className="register-download" role="group" aria-label={t('register.title')}>
      <button type="button" className="btn btn-secondary" onClick={() => get('pdf')}>
        {t('register.pdf')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => get('xlsx')}>
        {t('register.xlsx')}
      </button>
      {error !== undefined && <ErrorMessage error={error} />}
    </div>
  );
}
