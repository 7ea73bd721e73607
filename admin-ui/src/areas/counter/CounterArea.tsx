import { useEffect, useMemo, useState } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { tasksApi, type WorkItem } from '../../api/dossiers.js';
import { DeadlineBadge } from '../../dossier/badges.js';
import { formatDateTime, matches } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading, NotFound, ReturnNotice } from '../../shell/common.js';
import TaskPage from '../officer/TaskPage.js';
import CounterReceive from './CounterReceive.js';
import RegisterPage from './RegisterPage.js';

/** The reception counter (bộ phận một cửa): receive on the applicant's behalf, and hand results back. */
export default function CounterArea() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="viec/:key" element={<TaskPage backTo="/counter/tra-ket-qua" backLabel={t('area.counter')} />} />
      <Route
        path="*"
        element={
          <section className="page page-wide" data-area="counter">
            <h1>{t('area.counter')}</h1>
            <nav className="subnav" aria-label={t('area.counter')}>
              <NavLink to="/counter" end>
                {t('counter.receiveTab')}
              </NavLink>
              <NavLink to="/counter/tra-ket-qua">{t('counter.returnTab')}</NavLink>
              <NavLink to="/counter/so-theo-doi">{t('register.title')}</NavLink>
            </nav>
            <Routes>
              <Route index element={<CounterReceive />} />
              <Route path="tra-ket-qua" element={<ReturnResults />} />
              <Route path="so-theo-doi" element={<RegisterPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </section>
        }
      />
    </Routes>
  );
}

/** Dossiers with a result ready, waiting at the counter for the applicant (the return step of reception). */
function ReturnResults() {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<WorkItem[]>();
  const [error, setError] = useState<unknown>();
  const [query, setQuery] = useState('');
  useEffect(() => {
    tasksApi.worklist().then((all) => setItems(all.filter((i) => i.candidateGroups.includes('reception') && i.dossier.status === 'done')), setError);
  }, []);
  const shown = useMemo(() => (items ?? []).filter((i) => matches(query, [i.dossier.code, i.dossier.applicantName])), [items, query]);
  return (
    <>
      <p className="lead">{t('counter.returnIntro')}</p>
      <ReturnNotice />
      <label className="search">
        <span className="visually-hidden">{t('worklist.search')}</span>
        <input type="search" placeholder={t('worklist.searchHint')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      {!items && error === undefined && <Loading />}
      {items && shown.length === 0 && <p className="empty">{t('counter.noResults')}</p>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('counter.returnTab')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.code')}</th>
                <th scope="col">{t('col.procedure')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('dossier.appointment')}</th>
                <th scope="col"><span className="visually-hidden">{t('col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={i.userTaskKey}>
                  <td className="mono">{i.dossier.code}</td>
                  <td>{i.dossier.procedureName}</td>
                  <td>{i.dossier.applicantName}</td>
                  <td>
                    {formatDateTime(locale, i.dossier.dueDate)} <DeadlineBadge state={i.deadlineState} />
                  </td>
                  <td>
                    <Link className="btn btn-primary btn-small" to={`/counter/viec/${i.userTaskKey}`}>
                      {t('counter.return')}
                      <span className="visually-hidden"> {i.dossier.code}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
