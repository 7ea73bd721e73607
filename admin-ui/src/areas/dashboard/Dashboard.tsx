import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { dossiersApi, type DossierRow } from '../../api/dossiers.js';
import { DossierTable } from '../../dossier/DossierTable.js';
import { officeDay, percent } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { MonthlyColumns, OutcomeBars } from './charts.js';
import { figures, groupBy, monthOf, toCsv, type Figures } from './figures.js';

/**
 * Supervision: on-time rate, late and soon-late dossiers, online share, per agency → procedure →
 * dossier (drill-down by clicking a row), over a chosen period, with CSV export. The figures are
 * computed here from the dossiers the supervisor may read.
 */
export default function Dashboard() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<DossierRow[]>();
  const [error, setError] = useState<unknown>();
  const agency = params.get('co-quan') ?? '';
  const procedure = params.get('thu-tuc') ?? '';
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  const set = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
      return next;
    });

  useEffect(() => {
    dossiersApi.all().then(setRows, setError);
  }, []);

  const inPeriod = useMemo(
    () =>
      (rows ?? []).filter((r) => {
        const day = officeDay(r.createdAt);
        return (!from || day >= from) && (!to || day <= to);
      }),
    [rows, from, to],
  );
  const scoped = useMemo(() => inPeriod.filter((r) => (!agency || r.agencyCode === agency) && (!procedure || r.procedureCode === procedure)), [inPeriod, agency, procedure]);
  const overall = useMemo(() => figures('all', t('dash.all'), scoped), [scoped, t]);
  const level: 'agency' | 'procedure' | 'dossier' = procedure ? 'dossier' : agency ? 'procedure' : 'agency';
  const groups = useMemo<Figures[]>(() => {
    if (level === 'dossier') return [];
    const by = groupBy(scoped, (r) => (level === 'agency' ? r.agencyCode : r.procedureCode));
    return [...by.entries()]
      .map(([key, list]) => figures(key, level === 'agency' ? key : `${list[0]!.procedureName ?? key} (${key})`, list))
      .sort((a, b) => b.total - a.total);
  }, [scoped, level]);
  const months = useMemo(
    () => [...groupBy(scoped, (r) => monthOf(r.createdAt)).entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12).map(([m, list]) => figures(m, m.slice(5) + '/' + m.slice(2, 4), list)),
    [scoped],
  );

  const exportCsv = () => {
    const header = [t(level === 'procedure' ? 'col.procedure' : 'dash.agency'), t('dash.total'), t('dash.finished'), t('dash.onTime'), t('dash.late'), t('dash.dueSoon'), t('dash.onTimeRate'), t('dash.online'), t('dash.onlineShare')];
    const lines = [...groups, overall].map((g) => [g.label, g.total, g.finished, g.onTime, g.late, g.dueSoon, g.onTimeRate === undefined ? '' : g.onTimeRate.toFixed(4), g.online, g.onlineShare === undefined ? '' : g.onlineShare.toFixed(4)]);
    const url = URL.createObjectURL(toCsv(header, lines));
    const link = Object.assign(document.createElement('a'), { href: url, download: `thong-ke-${agency || 'tinh'}-${from || 'dau'}-${to || 'nay'}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="page page-wide" data-area="dashboard">
      <div className="page-head">
        <div>
          <h1>{t('area.dashboard')}</h1>
          <p className="lead">{t('dash.intro')}</p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={exportCsv} disabled={!rows}>
          {t('dash.export')}
        </button>
      </div>
      <div className="filters" role="search">
        <label>
          {t('dash.from')}
          <input type="date" value={from} onChange={(e) => set({ tu: e.target.value })} />
        </label>
        <label>
          {t('dash.to')}
          <input type="date" value={to} onChange={(e) => set({ den: e.target.value })} />
        </label>
      </div>
      <nav className="breadcrumb" aria-label={t('dash.level')}>
        <button type="button" className="link-button" aria-current={level === 'agency'} onClick={() => set({ 'co-quan': '', 'thu-tuc': '' })}>
          {t('dash.province')}
        </button>
        {agency && (
          <>
            {' › '}
            <button type="button" className="link-button" aria-current={level === 'procedure'} onClick={() => set({ 'thu-tuc': '' })}>
              {agency}
            </button>
          </>
        )}
        {procedure && <> › <span aria-current="true">{procedure}</span></>}
      </nav>
      {error !== undefined && <ErrorMessage error={error} />}
      {!rows && error === undefined && <Loading />}
      {rows && (
        <>
          <div className="kpis">
            <Kpi label={t('dash.total')} value={String(overall.total)} />
            <Kpi label={t('dash.onTimeRate')} value={percent(locale, overall.onTimeRate)} tone={overall.onTimeRate === undefined ? undefined : overall.onTimeRate >= 0.98 ? 'good' : 'bad'} />
            <Kpi label={t('dash.late')} value={String(overall.late)} tone={overall.late > 0 ? 'bad' : undefined} />
            <Kpi label={t('dash.dueSoon')} value={String(overall.dueSoon)} tone={overall.dueSoon > 0 ? 'warn' : undefined} />
            <Kpi label={t('dash.onlineShare')} value={percent(locale, overall.onlineShare)} />
            <Kpi label={t('dash.satisfaction')} value="—" note={t('dash.satisfactionPending')} />
          </div>
          {level !== 'dossier' && groups.length > 0 && (
            <div className="grid-2">
              <OutcomeBars
                groups={groups.slice(0, 12)}
                title={t(level === 'agency' ? 'dash.byAgency' : 'dash.byProcedure')}
                labels={{ onTime: t('dash.onTime'), late: t('dash.late'), open: t('dash.open') }}
                onSelect={(key) => set(level === 'agency' ? { 'co-quan': key } : { 'thu-tuc': key })}
              />
              <MonthlyColumns months={months} title={t('dash.byMonth')} labels={{ total: t('dash.total'), online: t('dash.online') }} />
            </div>
          )}
          {level !== 'dossier' ? (
            <div className="table-scroll">
              <table className="table">
                <caption>{t(level === 'agency' ? 'dash.byAgency' : 'dash.byProcedure')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(level === 'agency' ? 'dash.agency' : 'col.procedure')}</th>
                    <th scope="col">{t('dash.total')}</th>
                    <th scope="col">{t('dash.finished')}</th>
                    <th scope="col">{t('dash.onTime')}</th>
                    <th scope="col">{t('dash.late')}</th>
                    <th scope="col">{t('dash.dueSoon')}</th>
                    <th scope="col">{t('dash.onTimeRate')}</th>
                    <th scope="col">{t('dash.onlineShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => set(level === 'agency' ? { 'co-quan': g.key } : { 'thu-tuc': g.key })}>
                          {g.label}
                        </button>
                      </th>
                      <td>{g.total}</td>
                      <td>{g.finished}</td>
                      <td>{g.onTime}</td>
                      <td className={g.late > 0 ? 'cell-bad' : ''}>{g.late}</td>
                      <td className={g.dueSoon > 0 ? 'cell-warn' : ''}>{g.dueSoon}</td>
                      <td>{percent(locale, g.onTimeRate)}</td>
                      <td>{percent(locale, g.onlineShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <DossierTable rows={scoped} caption={procedure} linkTo={(r) => `/dashboard/ho-so/${r.id}`} />
          )}
          <p className="hint">{t('dash.source')}</p>
        </>
      )}
    </section>
  );
}

function Kpi({ label, value, tone, note }: { label: string; value: string; tone?: 'good' | 'bad' | 'warn'; note?: string }) {
  return (
    <div className={`kpi ${tone ? `kpi-${tone}` : ''}`}>
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
      {note && <small className="muted">{note}</small>}
    </div>
  );
}
