import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { tasksApi, type DeadlineState, type WorkItem } from '../../api/dossiers.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { DeadlineBadge } from '../../dossier/badges.js';
import { formatDateTime, matches } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading, ReturnNotice } from '../../shell/common.js';
import { OfficerTabs } from './OfficerTabs.js';

type Holder = 'all' | 'mine' | 'free';
const ORDER: Record<DeadlineState, number> = { late: 0, due_soon: 1, on_time: 2 };

/** Worklist: the open steps of the officer's agency offered to his roles, most urgent first. */
export default function Worklist() {
  const { t, locale } = useI18n();
  const { state } = useAuth();
  const me = state.status === 'signed-in' ? state.user.id : '';
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<WorkItem[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const query = params.get('q') ?? '';
  const deadline = (params.get('han') ?? '') as DeadlineState | '';
  const step = params.get('buoc') ?? '';
  const holder = (params.get('giu') ?? 'all') as Holder;
  const setParam = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    }, { replace: true });

  const load = useCallback(() => {
    setError(undefined);
    tasksApi.worklist().then(setItems, setError);
  }, []);
  useEffect(load, [load]);

  const steps = useMemo(() => [...new Set((items ?? []).map((i) => i.name ?? i.elementId))].sort((a, b) => a.localeCompare(b, 'vi')), [items]);
  const shown = useMemo(
    () =>
      (items ?? [])
        .filter((i) => matches(query, [i.dossier.code, i.dossier.nationalPortalCode, i.dossier.applicantName, i.dossier.procedureName]))
        .filter((i) => !deadline || i.deadlineState === deadline)
        .filter((i) => !step || (i.name ?? i.elementId) === step)
        .filter((i) => holder === 'all' || (holder === 'mine' ? i.assignee === me : !i.assignee))
        .sort((a, b) => ORDER[a.deadlineState ?? 'on_time'] - ORDER[b.deadlineState ?? 'on_time'] || (a.dueAt ?? '').localeCompare(b.dueAt ?? '')),
    [items, query, deadline, step, holder, me],
  );
  const counts = useMemo(() => {
    const c: Record<DeadlineState, number> = { on_time: 0, due_soon: 0, late: 0 };
    for (const i of items ?? []) if (i.deadlineState) c[i.deadlineState] += 1;
    return c;
  }, [items]);

  const toggle = async (item: WorkItem) => {
    setBusy(item.userTaskKey);
    try {
      if (item.assignee) await tasksApi.unclaim(item.userTaskKey);
      else await tasksApi.claim(item.userTaskKey);
      load();
    } catch (e) {
      setError(e);
      load();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="page page-wide" data-area="worklist">
      <div className="page-head">
        <div>
          <h1>{t('area.worklist')}</h1>
          <p className="lead">{t('worklist.intro')}</p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={load}>
          {t('app.refresh')}
        </button>
      </div>
      <OfficerTabs />
      <ReturnNotice />
      <div className="summary-tiles" aria-label={t('worklist.summary')}>
        {(['late', 'due_soon', 'on_time'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={`tile tile-${s}`}
            aria-pressed={deadline === s}
            onClick={() => setParam('han', deadline === s ? '' : s)}
          >
            <span className="tile-value">{counts[s]}</span>
            <span className="tile-label">{t(`deadline.${s}`)}</span>
          </button>
        ))}
      </div>
      <div className="filters" role="search">
        <label>
          {t('worklist.search')}
          <input type="search" value={query} placeholder={t('worklist.searchHint')} onChange={(e) => setParam('q', e.target.value)} />
        </label>
        <label>
          {t('worklist.step')}
          <select value={step} onChange={(e) => setParam('buoc', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {steps.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('worklist.deadline')}
          <select value={deadline} onChange={(e) => setParam('han', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {(['late', 'due_soon', 'on_time'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`deadline.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('worklist.holder')}
          <select value={holder} onChange={(e) => setParam('giu', e.target.value)}>
            <option value="all">{t('filter.all')}</option>
            <option value="mine">{t('worklist.mine')}</option>
            <option value="free">{t('worklist.free')}</option>
          </select>
        </label>
      </div>
      {error !== undefined && <ErrorMessage error={error} onRetry={load} />}
      {!items && error === undefined && <Loading />}
      {items && shown.length === 0 && <p className="empty">{items.length === 0 ? t('worklist.empty') : t('worklist.noMatch')}</p>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table worklist">
            <caption className="visually-hidden">{t('area.worklist')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.code')}</th>
                <th scope="col">{t('col.procedure')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('col.step')}</th>
                <th scope="col">{t('col.handedOver')}</th>
                <th scope="col">{t('col.due')}</th>
                <th scope="col">{t('col.holder')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.userTaskKey} className={`row-${item.deadlineState ?? 'none'}`}>
                  <td>
                    <Link to={`/worklist/viec/${item.userTaskKey}`} className="mono">
                      {item.dossier.code}
                    </Link>
                    {item.dossier.nationalPortalCode && (
                      // Filed on the national portal: the code the applicant knows it by there.
                      <>
                        <br />
                        <span className="badge badge-portal" title={t('dossier.nationalPortalCode')}>
                          {t('worklist.nationalPortal', { code: item.dossier.nationalPortalCode })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{item.dossier.procedureName ?? '—'}</td>
                  <td>{item.dossier.applicantName}</td>
                  <td>{item.name ?? item.elementId}</td>
                  <td>{formatDateTime(locale, item.handedOverAt)}</td>
                  <td>
                    <DeadlineBadge state={item.deadlineState} />
                    <br />
                    <small>{formatDateTime(locale, item.dueAt)}</small>
                  </td>
                  <td>{item.assignee ? (item.assignee === me ? t('worklist.byMe') : t('worklist.byOther')) : <span className="muted">{t('worklist.unclaimed')}</span>}</td>
                  <td className="actions">
                    {(!item.assignee || item.assignee === me) && (
                      <button type="button" className="btn btn-secondary btn-small" disabled={busy === item.userTaskKey} onClick={() => void toggle(item)}>
                        {item.assignee ? t('task.unclaim') : t('task.claim')}
                        <span className="visually-hidden"> {item.dossier.code}</span>
                      </button>
                    )}
                    <Link className="btn btn-primary btn-small" to={`/worklist/viec/${item.userTaskKey}`}>
                      {t('task.open')}
                      <span className="visually-hidden"> {item.dossier.code}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
