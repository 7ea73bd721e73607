import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { dossiersApi, type DossierRow, type DossierStatus } from '../../api/dossiers.js';
import { StatusBadge, DeadlineBadge, dossierDeadline } from '../../dossier/badges.js';
import { DossierRecords, useDossier } from '../../dossier/DossierRecords.js';
import { DossierTable } from '../../dossier/DossierTable.js';
import { formatDateTime, matches } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { DossierActions } from './DossierActions.js';
import { OfficerTabs } from './OfficerTabs.js';

const STATUSES: DossierStatus[] = ['new', 'received', 'processing', 'supplement_requested', 'waiting_for_fee', 'done', 'returned', 'not_received', 'withdrawn', 'stopped'];

/** Every dossier of the officer's agency, searchable by code (accents optional) and filtered by status. */
export function AgencyDossiers() {
  const { t } = useI18n();
  const [rows, setRows] = useState<DossierRow[]>();
  const [error, setError] = useState<unknown>();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<DossierStatus | ''>('');
  useEffect(() => {
    dossiersApi.all(2000).then(setRows, setError);
  }, []);
  const shown = useMemo(
    () => (rows ?? []).filter((r) => (!status || r.status === status) && matches(query, [r.code, r.applicantName, r.procedureName, r.applicantIdNumber])),
    [rows, query, status],
  );
  return (
    <section className="page page-wide">
      <h1>{t('area.worklist')}</h1>
      <OfficerTabs />
      <div className="filters" role="search">
        <label>
          {t('worklist.search')}
          <input type="search" value={query} placeholder={t('worklist.searchHint')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          {t('col.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as DossierStatus | '')}>
            <option value="">{t('filter.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {!rows && error === undefined && <Loading />}
      {rows && shown.length === 0 && <p className="empty">{t('worklist.noMatch')}</p>}
      {shown.length > 0 && <DossierTable rows={shown} caption={t('worklist.dossiers')} linkTo={(r) => `/worklist/ho-so/${r.id}`} />}
    </section>
  );
}

/** One dossier of the agency, outside any step (read-only records and the dossier-level actions). */
export function AgencyDossier({ backTo = '/worklist/ho-so' }: { backTo?: string }) {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { data, error, reload } = useDossier(id);
  if (error !== undefined) return <section className="page"><ErrorMessage error={error} /></section>;
  if (!data) return <Loading />;
  const { detail } = data;
  return (
    <section className="page page-wide">
      <BackLink to={backTo} label={t('worklist.dossiers')} />
      <div className="page-head">
        <div>
          <p className="eyebrow">{detail.procedureName}</p>
          <h1 className="mono">{detail.code}</h1>
          <p className="meta">
            <StatusBadge status={detail.status} /> <DeadlineBadge state={dossierDeadline(detail)} /> {t('dossier.appointment')}: {formatDateTime(locale, detail.dueDate)}
          </p>
        </div>
      </div>
      <DossierRecords data={data}>
        <DossierActions detail={detail} onDone={reload} />
      </DossierRecords>
    </section>
  );
}
