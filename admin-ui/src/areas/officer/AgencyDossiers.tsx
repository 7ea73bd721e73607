import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { DossierQuery, DossierStatus } from '../../api/dossiers.js';
import { StatusBadge, DeadlineBadge, StartStateBadge, dossierDeadline } from '../../dossier/badges.js';
import { DossierRecords, useDossier } from '../../dossier/DossierRecords.js';
import { SearchField, StatusSelect } from '../../dossier/filters.js';
import { DossierTable } from '../../dossier/DossierTable.js';
import { formatDateTime } from '../../dossier/format.js';
import { useDossierSearch, useSettled } from '../../dossier/useDossierSearch.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { DateField } from '../../shell/DateField.js';
import { DossierActions } from './DossierActions.js';
import { OfficerTabs } from './OfficerTabs.js';

const STATUSES: DossierStatus[] = ['new', 'received', 'processing', 'supplement_requested', 'waiting_for_fee', 'done', 'returned', 'not_received', 'withdrawn', 'stopped'];

/** The dossiers of the officer's agency, filtered by the server: code or name (accents optional), status, deadline and received period. */
export function AgencyDossiers() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<DossierStatus | ''>('');
  const [due, setDue] = useState<'' | 'due_soon' | 'late'>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = useSettled(text);
  const query = useMemo<DossierQuery>(
    () => ({ q, ...(status ? { status: [status] } : {}), ...(due ? { dueWithin: due } : {}), receivedFrom: from, receivedTo: to }),
    [q, status, due, from, to],
  );
  const { rows, error, hasMore, loading, more } = useDossierSearch(query);
  return (
    <section className="page page-wide">
      <h1>{t('area.worklist')}</h1>
      <OfficerTabs />
      <div className="filters" role="search">
        <SearchField value={text} placeholder={t('worklist.searchHint')} onChange={setText} />
        <StatusSelect statuses={STATUSES} value={status} onChange={setStatus} />
        <label>
          {t('worklist.deadline')}
          <select value={due} onChange={(e) => setDue(e.target.value as '' | 'due_soon' | 'late')}>
            <option value="">{t('filter.all')}</option>
            <option value="due_soon">{t('filter.dueSoon')}</option>
            <option value="late">{t('filter.late')}</option>
          </select>
        </label>
        <label>
          {t('filter.receivedFrom')}
          <DateField value={from} max={to || undefined} onChange={setFrom} />
        </label>
        <label>
          {t('filter.receivedTo')}
          <DateField value={to} min={from || undefined} onChange={setTo} />
        </label>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {!rows && error === undefined && <Loading />}
      {rows && rows.length === 0 && <p className="empty">{t('worklist.noMatch')}</p>}
      {rows && rows.length > 0 && <DossierTable rows={rows} caption={t('worklist.dossiers')} linkTo={(r) => `/worklist/ho-so/${r.id}`} />}
      {hasMore && (
        <button type="button" className="btn btn-secondary" disabled={loading} onClick={more}>
          {loading ? t('app.loading') : t('filter.more')}
        </button>
      )}
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
            <StatusBadge status={detail.status} /> <StartStateBadge dossier={detail} /> <DeadlineBadge state={dossierDeadline(detail)} /> {t('dossier.appointment')}: {detail.dueDate ? formatDateTime(locale, detail.dueDate) : t('dossier.appointmentAtReceipt')}
            {detail.rescheduledDueDate && <> · {t('dossier.rescheduled')}: {formatDateTime(locale, detail.rescheduledDueDate)}</>}
          </p>
        </div>
      </div>
      <DossierRecords data={data}>
        <DossierActions detail={detail} onDone={reload} />
      </DossierRecords>
    </section>
  );
}
