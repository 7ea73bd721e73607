import { useState } from 'react';
import { RegisterDownload } from '../../dossier/RegisterDownload.js';
import { useI18n } from '../../i18n/i18n.js';
import { DateField } from '../../shell/DateField.js';

/** "2026-12" of today on the office's clock (UTC+7). */
function thisMonth(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
}

/** The first instant of a month and of the next one, on the office's clock. */
function monthPeriod(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+07:00`, to: `${next}-01T00:00:00+07:00` };
}

/** The counter's dossier register for a month: the dossiers this centre received, as the form lists them. */
export default function RegisterPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(thisMonth);
  const period = monthPeriod(month || thisMonth());
  return (
    <>
      <p className="lead">{t('register.intro')}</p>
      <div className="filters">
        <label>
          {t('register.month')}
          <DateField kind="month" value={month} onChange={setMonth} />
        </label>
      </div>
      <RegisterDownload from={period.from} to={period.to} name={month} />
    </>
  );
}
