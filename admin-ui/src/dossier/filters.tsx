import type { DossierStatus } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';

/** The text box of a dossier list's filters (code or name, accents optional). */
export function SearchField({ value, placeholder, onChange }: { value: string; placeholder: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('worklist.search')}
      <input type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A dossier list's status filter, over the statuses the list can hold. */
export function StatusSelect({ statuses, value, onChange }: { statuses: readonly DossierStatus[]; value: DossierStatus | ''; onChange(value: DossierStatus | ''): void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('col.status')}
      <select value={value} onChange={(e) => onChange(e.target.value as DossierStatus | '')}>
        <option value="">{t('filter.all')}</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
