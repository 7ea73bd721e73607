import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { Executor } from '../database/database.js';
import type { Measurements } from './decision766.js';
import type { Grouping, Period } from './statistics.dto.js';

export interface DossierFilter {
  from: Date;
  to: Date;
  agencyCode?: string;
  procedureCode?: string;
  level?: string;
}

/** Counts of one group of dossiers. */
export interface DossierCounts {
  submitted: number;
  received: number;
  online: number;
  counter: number;
  post: number;
  notReceived: number;
  withdrawn: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  /** Resolved without an appointment (not counted as early, on time or late). */
  withoutDeadline: number;
  inProgress: number;
  /** Received, open, not paused: the warning date passed, the appointment not yet. */
  dueSoon: number;
  overdue: number;
  paused: number;
}

export interface GroupCounts extends DossierCounts {
  key: string;
  /** The agency's or the procedure's name, when grouped by either. */
  name: string | null;
  /** The agency's name (of the procedure's agency, when grouped by procedure). */
  agencyName?: string | null;
}

export interface IndicatorCounts {
  /** Received dossiers per level, and of them those submitted online. */
  byLevel: { level: string; received: number; online: number }[];
  withAttachments: number;
  received: number;
  resolved: number;
  resultDocuments: number;
  signedResults: number;
  feePaid: number;
  feePaidOnline: number;
  consultations: number;
  consultationsAnswered: number;
  consultationsAnsweredOnTime: number;
  ratings: number;
  ratingsSatisfied: number;
  ratingsAverage: number | null;
}

const COUNT_COLUMNS = [
  'submitted',
  'received',
  'online',
  'counter',
  'post',
  'notReceived',
  'withdrawn',
  'resolved',
  'early',
  'onTime',
  'late',
  'withoutDeadline',
  'inProgress',
  'dueSoon',
  'overdue',
  'paused',
] as const satisfies readonly (keyof DossierCounts)[];

/**
 * The figures, computed in the database so that a province's volume (thousands of dossiers a
 * day) never travels to the application. A dossier belongs to the period it was submitted in and
 * is received once the counter received it. It is resolved when it first reached `done` (or ended
 * returned or stopped): early when resolved on a local day before its appointment's, late when
 * after the appointment. Open dossiers are paused while the applicant is asked for more (before
 * or after receipt), overdue when received, not paused and past their appointment.
 */
@Injectable()
export class StatisticsRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  async counts(filter: DossierFilter, groupBy: Grouping | 'total', period: Period, now: Date, utcOffsetMinutes: number): Promise<GroupCounts[]> {
    const offset = sql.raw(`interval '${Math.trunc(utcOffsetMinutes)} minutes'`);
    const key: SQL = {
      total: sql`'total'`,
      agency: sql`b.agency_code`,
      procedure: sql`b.procedure_code`,
      level: sql`b.level`,
      period: sql`to_char(b.created_at + ${offset}, ${sql.raw(`'${PERIOD_FORMATS[period]}'`)})`,
    }[groupBy];
    // Agencies have no table of their own: their name is the one their procedures publish.
    const agencyName = (code: SQL) => sql`(select pv.catalogue->'agency'->>'name' from procedure_versions pv
      where pv.catalogue->'agency'->>'code' = ${code} order by pv.published_at desc limit 1)`;
    const name: SQL = groupBy === 'procedure' ? sql`coalesce(max(b.catalogue_name), max(b.procedure_name))` : groupBy === 'agency' ? agencyName(sql`b.agency_code`) : sql`null`;
    const agency: SQL = groupBy === 'procedure' ? agencyName(sql`max(b.agency_code)`) : groupBy === 'agency' ? name : sql`null`;
    const localDay = (column: string) => sql.raw(`((b.${column} + interval '${Math.trunc(utcOffsetMinutes)} minutes')::date)`);
    const result = await this.db.execute(sql`
      with b as (${this.base(filter)}),
      c as (
        select b.*,
          (b.received_at is not null) as is_received,
          (b.resolved_at is null and b.status not in ('not_received', 'withdrawn', 'stopped', 'returned')) as is_open,
          (b.paused_at is not null or b.status = 'supplement_requested') as is_paused
        from b
      )
      select ${key} as key, ${name} as name, ${agency} as "agencyName",
        count(*)::int as "submitted",
        (count(*) filter (where is_received))::int as "received",
        (count(*) filter (where is_received and channel = 'online'))::int as "online",
        (count(*) filter (where is_received and channel = 'counter'))::int as "counter",
        (count(*) filter (where is_received and channel = 'post'))::int as "post",
        (count(*) filter (where status = 'not_received'))::int as "notReceived",
        (count(*) filter (where status = 'withdrawn'))::int as "withdrawn",
        (count(*) filter (where resolved_at is not null))::int as "resolved",
        (count(*) filter (where resolved_at is not null and due_date is not null and ${localDay('resolved_at')} < ${localDay('due_date')}))::int as "early",
        (count(*) filter (where resolved_at is not null and due_date is not null and resolved_at <= due_date and ${localDay('resolved_at')} >= ${localDay('due_date')}))::int as "onTime",
        (count(*) filter (where resolved_at is not null and due_date is not null and resolved_at > due_date))::int as "late",
        (count(*) filter (where resolved_at is not null and due_date is null))::int as "withoutDeadline",
        (count(*) filter (where is_received and is_open))::int as "inProgress",
        (count(*) filter (where is_received and is_open and not is_paused and warning_date < ${now.toISOString()}::timestamptz and due_date >= ${now.toISOString()}::timestamptz))::int as "dueSoon",
        (count(*) filter (where is_received and is_open and not is_paused and due_date < ${now.toISOString()}::timestamptz))::int as "overdue",
        (count(*) filter (where is_open and is_paused))::int as "paused"
      from c b
      group by 1
      order by 1`);
    // An agency that only receives offered procedures (a commune of a two-tier bundle) publishes no
    // catalogue of its own: the directory names it.
    const directoryName = (code: unknown) => (groupBy === 'agency' ? AgencyDirectory.shared().find(String(code))?.name : undefined);
    return rowsOf<Record<string, unknown>>(result).map((row) => ({
      key: String(row.key),
      name: directoryName(row.key) ?? (row.name as string | null) ?? null,
      ...(groupBy === 'agency' || groupBy === 'procedure' ? { agencyName: directoryName(row.key) ?? (row.agencyName as string | null) ?? null } : {}),
      ...(Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(row[c])])) as unknown as DossierCounts),
    }));
  }

  async indicators(filter: DossierFilter): Promise<IndicatorCounts> {
    const result = await this.db.execute(sql`
      with b as (${this.base(filter)}),
      r as (select * from b where b.received_at is not null),
      fees as (
        select f.dossier_id, bool_or(f.method = 'online') as online
        from fee_payments f join r on r.id = f.dossier_id group by f.dossier_id
      ),
      results as (
        select d.dossier_id, jsonb_array_length(d.signatures) > 0 as signed
        from dossier_documents d join r on r.id = d.dossier_id where d.kind = 'result'
      ),
      consult as (select c.* from consultations c join r on r.id = c.dossier_id),
      rated as (select x.score from dossier_ratings x join b on b.id = x.dossier_id)
      select
        (select count(*) from r)::int as received,
        (select count(*) from r where jsonb_array_length(r.attachments) > 0)::int as "withAttachments",
        (select count(*) from r where r.resolved_at is not null)::int as resolved,
        (select count(*) from results join r on r.id = results.dossier_id where r.resolved_at is not null)::int as "resultDocuments",
        (select count(*) from results join r on r.id = results.dossier_id where r.resolved_at is not null and results.signed)::int as "signedResults",
        (select count(*) from fees)::int as "feePaid",
        (select count(*) from fees where online)::int as "feePaidOnline",
        (select count(*) from consult)::int as consultations,
        (select count(*) from consult where answered_at is not null)::int as "consultationsAnswered",
        (select count(*) from consult where answered_at is not null and answered_at <= due_at)::int as "consultationsAnsweredOnTime",
        (select count(*) from rated)::int as ratings,
        (select count(*) from rated where score >= 4)::int as "ratingsSatisfied",
        (select round(avg(score), 2)::float8 from rated) as "ratingsAverage"`);
    const row = rowsOf<Record<string, unknown>>(result)[0];
    const levels = await this.db.execute(sql`
      with b as (${this.base(filter)})
      select b.level, count(*)::int as received, (count(*) filter (where b.channel = 'online'))::int as online
      from b where b.received_at is not null
      group by b.level order by b.level`);
    const number = (key: string) => Number(row[key]);
    return {
      byLevel: rowsOf<{ level: string; received: number; online: number }>(levels).map((l) => ({ level: l.level, received: Number(l.received), online: Number(l.online) })),
      received: number('received'),
      withAttachments: number('withAttachments'),
      resolved: number('resolved'),
      resultDocuments: number('resultDocuments'),
      signedResults: number('signedResults'),
      feePaid: number('feePaid'),
      feePaidOnline: number('feePaidOnline'),
      consultations: number('consultations'),
      consultationsAnswered: number('consultationsAnswered'),
      consultationsAnsweredOnTime: number('consultationsAnsweredOnTime'),
      ratings: number('ratings'),
      ratingsSatisfied: number('ratingsSatisfied'),
      ratingsAverage: row.ratingsAverage === null ? null : Number(row.ratingsAverage),
    };
  }

  /**
   * What Decision 766 counts, over the dossiers received in the period (not submitted: a dossier
   * enters the figures when the one-stop desk takes it in). Handled on time: resolved, or withdrawn
   * after receipt, by the original appointment; late: resolved or withdrawn after it, or still open
   * and not paused past it. Feedback counts by the day it was received.
   */
  async measures766(filter: DossierFilter, now: Date): Promise<Measurements> {
    const at = now.toISOString();
    const result = await this.db.execute(sql`
      with b as (${this.base(filter, 'received')}),
      r as (
        select b.*,
          case when b.status = 'withdrawn' then coalesce(
            (select min(h.at) from dossier_history h where h.dossier_id = b.id and h.to_status = 'withdrawn'), b.finished_at) end as withdrawn_at
        from b
      ),
      handled as (select r.*, coalesce(r.resolved_at, r.withdrawn_at) as handled_at from r),
      unsatisfied as (
        select h.id from handled h where
          (h.due_date is not null and (h.handled_at > h.due_date
            or (h.handled_at is null and h.status not in ('not_received', 'stopped', 'returned') and h.paused_at is null and h.status <> 'supplement_requested' and h.due_date < ${at}::timestamptz)))
          or exists (select 1 from dossier_ratings x where x.dossier_id = h.id and x.score <= 2)
          or exists (select 1 from citizen_feedback f where f.dossier_id = h.id)
      ),
      fees as (select f.dossier_id, bool_or(f.method = 'online') as online from fee_payments f join handled h on h.id = f.dossier_id group by f.dossier_id),
      fb as (${this.feedbackOf(filter)})
      select
        (select count(*) from handled where due_date is not null and handled_at is not null and handled_at <= due_date)::int as "handledOnTime",
        (select count(*) from handled where due_date is not null and (handled_at > due_date
          or (handled_at is null and status not in ('not_received', 'stopped', 'returned') and paused_at is null and status <> 'supplement_requested' and due_date < ${at}::timestamptz)))::int as "handledLate",
        (select count(*) from handled)::int as received,
        (select count(*) from handled where channel = 'online')::int as "receivedOnline",
        (select count(*) from handled h where not exists (
          select 1 from procedures p join procedure_versions pv on pv.procedure_id = p.id and pv.version = h.procedure_version,
            jsonb_array_elements(pv.catalogue->'requiredDocuments') rd
          where p.slug = h.procedure_slug and (rd->>'mandatory')::boolean
            and not exists (select 1 from jsonb_array_elements(h.attachments) a where a->>'document' = rd->>'name'))
          and jsonb_array_length(h.attachments) > 0)::int as "receivedDigitised",
        (select count(*) from handled where resolved_at is not null)::int as resolved,
        (select count(*) from handled h where h.resolved_at is not null and exists (
          select 1 from dossier_documents dd where dd.dossier_id = h.id and dd.kind = 'result' and jsonb_array_length(dd.signatures) > 0))::int as "resolvedWithSignedResult",
        (select count(*) from fees)::int as "feePaid",
        (select count(*) from fees where online)::int as "feePaidOnline",
        (select count(*) from fb)::int as feedback,
        (select count(*) from fb where answered_at is not null and answered_at <= due_at)::int as "feedbackOnTime",
        (select count(*) from fb where coalesce(answered_at, ${at}::timestamptz) > due_at)::int as "feedbackLate",
        (select count(*) from unsatisfied)::int as "dossiersUnsatisfied",
        (select count(*) from handled h
          where exists (select 1 from national_portal_outbox o where o.dossier_id = h.id and o.status = 'delivered')
            and not exists (select 1 from national_portal_outbox o where o.dossier_id = h.id and o.status = 'pending'))::int as "receivedSynced"`);
    const row = rowsOf<Record<string, unknown>>(result)[0];
    return Object.fromEntries(MEASUREMENT_KEYS.map((k) => [k, Number(row[k])])) as unknown as Measurements;
  }

  /**
   * The calls to the national portal still waiting now (whatever the period), of the filter's
   * agency: how many, how many of them have failed at least once, since when the oldest waits, the
   * last error, and when the portal last accepted one.
   */
  async portalSync(filter: Pick<DossierFilter, 'agencyCode'>): Promise<PortalSyncCounts> {
    const agency = filter.agencyCode ? sql`and d.agency_code = ${filter.agencyCode}` : sql``;
    const result = await this.db.execute(sql`
      with o as (select o.* from national_portal_outbox o join dossiers d on d.id = o.dossier_id where true ${agency})
      select
        (select count(*) from o where status = 'pending')::int as pending,
        (select count(*) from o where status = 'pending' and attempts > 0)::int as failing,
        (select min(created_at) from o where status = 'pending') as "oldestPendingAt",
        (select max(delivered_at) from o where status = 'delivered') as "lastDeliveredAt",
        (select last_error from o where status = 'pending' and last_error is not null order by position desc limit 1) as "lastError"`);
    const row = rowsOf<Record<string, unknown>>(result)[0];
    const at = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
    return {
      pending: Number(row.pending),
      failing: Number(row.failing),
      oldestPendingAt: at(row.oldestPendingAt),
      lastDeliveredAt: at(row.lastDeliveredAt),
      lastError: (row.lastError as string | null) ?? null,
    };
  }

  /** Feedback received in the period, of the filter's agency, procedure and level. */
  private feedbackOf(filter: DossierFilter): SQL {
    const conditions: SQL[] = [
      sql`f.received_at >= ${filter.from.toISOString()}::timestamptz`,
      sql`f.received_at < ${filter.to.toISOString()}::timestamptz`,
    ];
    if (filter.agencyCode) conditions.push(sql`f.agency_code = ${filter.agencyCode}`);
    if (filter.procedureCode) conditions.push(sql`f.procedure_code = ${filter.procedureCode}`);
    if (filter.level) conditions.push(sql`coalesce(p.level, 'unknown') = ${filter.level}`);
    return sql`select f.* from citizen_feedback f left join procedures p on p.code = f.procedure_code where ${sql.join(conditions, sql` and `)}`;
  }

  /** The dossiers of the filter (submitted, or received, in the period), with their procedure's level and the moment they were resolved. */
  private base(filter: DossierFilter, by: 'submitted' | 'received' = 'submitted'): SQL {
    const moment = sql.raw(by === 'received' ? 'd.received_at' : 'd.created_at');
    const conditions: SQL[] = [
      sql`${moment} >= ${filter.from.toISOString()}::timestamptz`,
      sql`${moment} < ${filter.to.toISOString()}::timestamptz`,
      // Local copies of other instances' dossiers (consulted here over federation) are counted where they were received.
      sql`d.channel <> 'interagency'`,
    ];
    if (filter.agencyCode) conditions.push(sql`d.agency_code = ${filter.agencyCode}`);
    if (filter.procedureCode) conditions.push(sql`d.procedure_code = ${filter.procedureCode}`);
    if (filter.level) conditions.push(sql`coalesce(p.level, 'unknown') = ${filter.level}`);
    return sql`
      select d.id, d.agency_code, d.procedure_code, d.procedure_slug, d.procedure_version, d.procedure_name, p.name as catalogue_name, coalesce(p.level, 'unknown') as level, d.channel, d.status,
        d.created_at, d.received_at, d.due_date, d.warning_date, d.paused_at, d.finished_at, d.attachments,
        coalesce(
          (select min(h.at) from dossier_history h where h.dossier_id = d.id and h.to_status = 'done'),
          case when d.status in ('returned', 'stopped') then d.finished_at end
        ) as resolved_at
      from dossiers d left join procedures p on p.code = d.procedure_code
      where ${sql.join(conditions, sql` and `)}`;
  }
}

export interface PortalSyncCounts {
  pending: number;
  failing: number;
  oldestPendingAt: string | null;
  lastDeliveredAt: string | null;
  lastError: string | null;
}

const MEASUREMENT_KEYS = [
  'handledOnTime',
  'handledLate',
  'received',
  'receivedOnline',
  'receivedDigitised',
  'resolved',
  'resolvedWithSignedResult',
  'feePaid',
  'feePaidOnline',
  'feedback',
  'feedbackOnTime',
  'feedbackLate',
  'dossiersUnsatisfied',
  'receivedSynced',
] as const satisfies readonly (keyof Measurements)[];

/** PostgreSQL's to_char patterns of a period key: 2025-06-12, 2025-06, 2025-Q2, 2025. */
const PERIOD_FORMATS: Record<Period, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
