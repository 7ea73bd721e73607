import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { download } from '../../api/client.js';
import type { DossierQuery } from '../../api/dossiers.js';
import { Decision766Section } from './Decision766Section.js';
import { PortalSyncSection } from './PortalSyncSection.js';
import { statisticsApi, type Grouping, type Indicators, type RatingRow, type StatisticsAnswer, type StatisticsFilter } from '../../api/statistics.js';
import { DossierTable } from '../../dossier/DossierTable.js';
import { RegisterDownload } from '../../dossier/RegisterDownload.js';
import { useDossierSearch } from '../../dossier/useDossierSearch.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { DateField } from '../../shell/DateField.js';
import { MonthlyColumns, OutcomeBars } from './charts.js';
import { chartFigures, dayEnd, dayStart } from './figures.js';

interface Data {
  groups: StatisticsAnswer;
  months: StatisticsAnswer;
  indicators: Indicators;
  ratings: RatingRow[];
}

/**
 * Supervision: on-time rate, late and soon-late dossiers, online share and satisfaction per agency
 * → procedure → dossier (drill-down by clicking a row), over a chosen period, with the Excel
 * export. Figures come from the statistics API, the procedure's dossiers from the filtered list.
 */
export default function Dashboard() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const agency = params.get('co-quan') ?? '';
  const procedure = params.get('thu-tuc') ?? '';
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  const level: 'agency' | 'procedure' | 'dossier' = procedure ? 'dossier' : agency ? 'procedure' : 'agency';
  const grouping: Grouping = level === 'agency' ? 'agency' : 'procedure';
  const filter = useMemo<StatisticsFilter>(
    () => ({
      ...(from ? { from: dayStart(from) } : {}),
      ...(to ? { to: dayEnd(to) } : {}),
      ...(agency ? { agencyCode: agency } : {}),
      ...(procedure ? { procedureCode: procedure } : {}),
    }),
    [from, to, agency, procedure],
  );
  const [data, setData] = useState<Data>();
  const [error, setError] = useState<unknown>();
  const set = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });

  useEffect(() => {
    setError(undefined);
    setData(undefined);
    Promise.all([
      statisticsApi.dossiers(filter, grouping),
      statisticsApi.dossiers(filter, 'period'),
      statisticsApi.indicators(filter),
      statisticsApi.ratings(filter, grouping === 'agency' ? 'agency' : 'procedure'),
    ]).then(([groups, months, indicators, ratings]) => setData({ groups, months, indicators, ratings: ratings.rows }), setError);
  }, [filter, grouping]);

  const satisfaction = useMemo(() => new Map((data?.ratings ?? []).map((r) => [r.key, r])), [data]);
  const pct = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)}%`);
  const drill = (key: string) => set(level === 'agency' ? { 'co-quan': key } : { 'thu-tuc': key });
  const exportXlsx = () =>
    download(statisticsApi.exportPath(filter, grouping), `thong-ke-${agency || 'toan-tinh'}-${from || 'dau-nam'}-${to || 'nay'}.xlsx`).catch(setError);

  const total = data?.groups.total;
  // Below the province, the rows are the agency's procedures: they carry its name.
  const agencyName = (agency && data?.groups.rows.find((r) => r.agencyName)?.agencyName) || agency;
  const procedureName = (procedure && data?.groups.rows.find((r) => r.key === procedure)?.name) || procedure;
  const sat = data?.indicators.satisfaction;
  return (
    <section className="page page-wide" data-area="dashboard">
      <div className="page-head">
        <div>
          <h1>{t('area.dashboard')}</h1>
          <p className="lead">{t('dash.intro')}</p>
        </div>
        <div className="page-actions">
          <Link className="btn btn-secondary" to="/dashboard/phan-anh">
            {t('feedback.link')}
          </Link>
          <button type="button" className="btn btn-secondary" onClick={() => void exportXlsx()} disabled={!data}>
            {t('dash.export')}
          </button>
          {/* The register is a centre's book: offered once a centre is chosen. */}
          {agency && <RegisterDownload agencyCode={agency} from={filter.from} to={filter.to} name={`${agency}-${from || 'dau-thang'}-${to || 'nay'}`} />}
        </div>
      </div>
      <div className="filters" role="search">
        <label>
          {t('dash.from')}
          <DateField value={from} onChange={(value) => set({ tu: value })} />
        </label>
        <label>
          {t('dash.to')}
          <DateField value={to} onChange={(value) => set({ den: value })} />
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
              {agencyName}
            </button>
          </>
        )}
        {procedure && <> › <span aria-current="true">{procedureName}</span></>}
      </nav>
      {error !== undefined && <ErrorMessage error={error} />}
      {!data && error === undefined && <Loading />}
      {data && total && (
        <>
          <div className="kpis">
            <Kpi
              label={t('dash.received')}
              value={String(total.received)}
              note={t('dash.receivedSplit', { online: total.online, direct: total.counter + total.post })}
              definition={t('dash.def.received', { received: total.received, online: total.online, counter: total.counter, post: total.post, pending: total.submitted - total.received })}
            />
            <Kpi
              label={t('dash.onTimeRate')}
              value={pct(total.onTimeRate)}
              tone={total.onTimeRate === null ? undefined : total.onTimeRate >= data.indicators.progress.target ? 'good' : 'bad'}
              note={t('dash.target', { n: data.indicators.progress.target })}
              definition={t('dash.def.onTimeRate', { onTime: total.early + total.onTime, resolved: total.early + total.onTime + total.late, points: data.indicators.progress.maxPoints })}
            />
            <Kpi
              label={t('dash.late')}
              value={String(total.late)}
              tone={total.late > 0 ? 'bad' : undefined}
              note={t('dash.overdueNow', { n: total.overdue })}
              definition={t('dash.def.late', { late: total.late, overdue: total.overdue })}
            />
            <Kpi label={t('dash.dueSoon')} value={String(total.dueSoon)} tone={total.dueSoon > 0 ? 'warn' : undefined} definition={t('dash.def.dueSoon')} />
            <Kpi
              label={t('dash.onlineShare')}
              value={pct(total.onlineRate)}
              note={t('dash.ofReceived', { n: total.online, of: total.received })}
              definition={t('dash.def.onlineShare', { online: total.online, received: total.received })}
            />
            <Kpi
              label={t('dash.satisfaction')}
              value={pct(sat?.satisfied.percent)}
              note={sat && sat.ratings > 0 ? t('dash.ratings', { n: sat.ratings, avg: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(sat.average ?? 0) }) : t('dash.satisfactionPending')}
              definition={t('dash.def.satisfaction', { satisfied: sat?.satisfied.numerator ?? 0, ratings: sat?.ratings ?? 0 })}
            />
          </div>
          {level !== 'dossier' && data.groups.rows.length > 0 && (
            <div className="grid-2">
              <OutcomeBars
                groups={data.groups.rows.slice(0, 12).map((r) => chartFigures(r))}
                title={t(level === 'agency' ? 'dash.byAgency' : 'dash.byProcedure')}
                labels={{ onTime: t('dash.onTime'), late: t('dash.late'), open: t('dash.open') }}
                onSelect={drill}
              />
              <MonthlyColumns
                months={data.months.rows.slice(-12).map((r) => chartFigures(r, r.key.length >= 7 ? `${r.key.slice(5, 7)}/${r.key.slice(2, 4)}` : r.key))}
                title={t('dash.byMonth')}
                labels={{ total: t('dash.received'), online: t('dash.online') }}
              />
            </div>
          )}
          {level !== 'dossier' ? (
            <div className="table-scroll">
              <table className="table">
                <caption>{t(level === 'agency' ? 'dash.byAgency' : 'dash.byProcedure')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(level === 'agency' ? 'dash.agency' : 'col.procedure')}</th>
                    <th scope="col">{t('dash.received')}</th>
                    <th scope="col">{t('dash.onlineShare')}</th>
                    <th scope="col">{t('dash.finished')}</th>
                    <th scope="col">{t('dash.onTime')}</th>
                    <th scope="col">{t('dash.late')}</th>
                    <th scope="col">{t('dash.dueSoon')}</th>
                    <th scope="col">{t('dash.overdue')}</th>
                    <th scope="col">{t('dash.onTimeRate')}</th>
                    <th scope="col">{t('dash.satisfaction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.groups.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => drill(r.key)}>
                          {r.name ?? r.key}
                        </button>
                        {r.name && <small className="muted"> {r.key}</small>}
                      </th>
                      <td>{r.received}</td>
                      <td>{pct(r.onlineRate)}</td>
                      <td>{r.resolved}</td>
                      <td>{r.early + r.onTime}</td>
                      <td className={r.late > 0 ? 'cell-bad' : ''}>{r.late}</td>
                      <td className={r.dueSoon > 0 ? 'cell-warn' : ''}>{r.dueSoon}</td>
                      <td className={r.overdue > 0 ? 'cell-bad' : ''}>{r.overdue}</td>
                      <td>{pct(r.onTimeRate)}</td>
                      <td>{pct(satisfaction.get(r.key)?.satisfactionRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <ProcedureDossiers procedure={procedure} caption={procedureName} from={from} to={to} />
          )}
          <p className="hint">{t('dash.source')}</p>
          <PortalSyncSection sync={data.indicators.portalSync} />
          <Decision766Section score={data.indicators.decision766} />
        </>
      )}
    </section>
  );
}

/** The procedure's dossiers received in the period, filtered and paged by the server. */
function ProcedureDossiers({ procedure, caption, from, to }: { procedure: string; caption: string; from: string; to: string }) {
  const { t } = useI18n();
  const query = useMemo<DossierQuery>(() => ({ procedure, receivedFrom: from, receivedTo: to }), [procedure, from, to]);
  const { rows, error, hasMore, loading, more } = useDossierSearch(query);
  if (error !== undefined) return <ErrorMessage error={error} />;
  if (!rows) return <Loading />;
  return (
    <>
      {rows.length === 0 ? <p className="empty">{t('worklist.noMatch')}</p> : <DossierTable rows={rows} caption={caption} linkTo={(r) => `/dashboard/ho-so/${r.id}`} />}
      {hasMore && (
        <button type="button" className="btn btn-secondary" disabled={loading} onClick={more}>
          {loading ? t('app.loading') : t('filter.more')}
        </button>
      )}
    </>
  );
}

/** A figure with its definition one click away: what is counted and the formula, with this period's numbers. */
function Kpi({ label, value, tone, note, definition }: { label: string; value: string; tone?: 'good' | 'bad' | 'warn'; note?: string; definition: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={`kpi ${tone ? `kpi-${tone}` : ''}`}>
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">
        {label}
        <button type="button" className="kpi-info" aria-expanded={open} aria-controls={id} aria-label={t('dash.howCounted', { label })} onClick={() => setOpen(!open)}>
          i
        </button>
      </span>
      {note && <small className="muted">{note}</small>}
      <p id={id} className="kpi-definition" hidden={!open}>
        {definition}
      </p>
    </div>
  );
}
