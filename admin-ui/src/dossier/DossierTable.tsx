import { Link } from 'react-router';
import type { DossierRow } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { DeadlineBadge, StartStateBadge, StatusBadge, dossierDeadline } from './badges.js';
import { formatDateTime } from './format.js';

/**
 * Dossiers as a table; each code links to `linkTo(row)`. With `cards`, a narrow screen shows one
 * card per dossier, each value under its column's name, instead of a table to scroll sideways.
 */
export function DossierTable({
  rows,
  linkTo,
  caption,
  showApplicant = true,
  cards = false,
}: {
  rows: DossierRow[];
  linkTo(row: DossierRow): string;
  caption: string;
  showApplicant?: boolean;
  cards?: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <div className={cards ? 'table-cards' : 'table-scroll'}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.code')}</th>
            <th scope="col">{t('col.procedure')}</th>
            {showApplicant && <th scope="col">{t('dossier.applicant')}</th>}
            <th scope="col">{t('col.submitted')}</th>
            <th scope="col">{t('col.status')}</th>
            <th scope="col">{t('dossier.appointment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t('col.code')}>
                <Link className="mono" to={linkTo(row)}>
                  {row.code}
                </Link>
              </td>
              <td data-label={t('col.procedure')}>{row.procedureName ?? row.procedureCode}</td>
              {showApplicant && <td data-label={t('dossier.applicant')}>{row.applicantName}</td>}
              <td data-label={t('col.submitted')}>
                {formatDateTime(locale, row.createdAt)}
                <br />
                <small className="muted">{t(`channel.${row.channel}`)}</small>
              </td>
              <td data-label={t('col.status')}>
                <StatusBadge status={row.status} /> <StartStateBadge dossier={row} />
              </td>
              <td data-label={t('dossier.appointment')}>
                {formatDateTime(locale, row.dueDate)} <DeadlineBadge state={dossierDeadline(row)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
