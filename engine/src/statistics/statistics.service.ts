import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { score766 } from './decision766.js';
import { decision766, ratio } from './indicators.js';
import type { StatisticsQuery } from './statistics.dto.js';
import { StatisticsRepository, type DossierFilter, type GroupCounts } from './statistics.repository.js';
import { statisticsAgency } from './statistics-scope.js';

const BASIS_766 = 'Hồ sơ tiếp nhận trong kỳ và phản ánh, kiến nghị nhận trong kỳ; hồ sơ đang giải quyết đã quá hạn tính là trễ hạn.';

export interface StatisticsRow extends GroupCounts {
  onTimeRate: number | null;
  onlineRate: number | null;
}

/** Figures for supervisors (every agency) and leaders (their own), from the dossiers' records. */
@Injectable()
export class StatisticsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly repository: StatisticsRepository,
  ) {}

  async dossiers(user: AuthenticatedUser, query: StatisticsQuery) {
    const filter = this.filter(user, query);
    const groupBy = query.groupBy ?? 'agency';
    const period = query.period ?? 'month';
    const now = this.clock.now();
    const offset = this.config.CALENDAR_UTC_OFFSET_MINUTES;
    const [rows, [total]] = await Promise.all([
      this.repository.counts(filter, groupBy, period, now, offset),
      this.repository.counts(filter, 'total', period, now, offset),
    ]);
    return {
      filter: describe(filter),
      groupBy,
      ...(groupBy === 'period' ? { period } : {}),
      asOf: now.toISOString(),
      rows: rows.map(withRates),
      total: withRates(total ?? { ...emptyCounts(), key: 'total', name: null }),
    };
  }

  async indicators(user: AuthenticatedUser, query: StatisticsQuery) {
    const filter = this.filter(user, query);
    const now = this.clock.now();
    const portalConnected = this.config.NATIONAL_PORTAL_AUTH_URL !== undefined;
    const [counts, [total], measures, sync] = await Promise.all([
      this.repository.indicators(filter),
      this.repository.counts(filter, 'total', 'month', now, this.config.CALENDAR_UTC_OFFSET_MINUTES),
      this.repository.measures766(filter, now),
      this.repository.portalSync(filter),
    ]);
    const progress = total ?? emptyCounts();
    return {
      filter: describe(filter),
      asOf: now.toISOString(),
      ...decision766(counts, progress),
      decision766: { basis: BASIS_766, ...score766(measures, new Set(portalConnected ? ['national-portal' as const] : [])) },
      portalSync: { connected: portalConnected, scope: this.config.NATIONAL_PORTAL_SYNC, ...sync },
    };
  }

  private filter(user: AuthenticatedUser, query: StatisticsQuery): DossierFilter {
    const agencyCode = statisticsAgency(user, query.agencyCode);
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    // Default period: the current year, local time.
    const local = new Date(now.getTime() + this.config.CALENDAR_UTC_OFFSET_MINUTES * 60_000);
    const from = query.from ? new Date(query.from) : new Date(Date.UTC(local.getUTCFullYear(), 0, 1) - this.config.CALENDAR_UTC_OFFSET_MINUTES * 60_000);
    if (from >= to) throw new BadRequestException('from must be before to');
    return {
      from,
      to,
      ...(agencyCode ? { agencyCode } : {}),
      ...(query.procedureCode ? { procedureCode: query.procedureCode } : {}),
      ...(query.level ? { level: query.level } : {}),
    };
  }
}

function withRates(row: GroupCounts): StatisticsRow {
  return {
    ...row,
    onTimeRate: ratio(row.early + row.onTime, row.early + row.onTime + row.late).percent,
    onlineRate: ratio(row.online, row.received).percent,
  };
}

function describe(filter: DossierFilter) {
  return { ...filter, from: filter.from.toISOString(), to: filter.to.toISOString() };
}

function emptyCounts() {
  return {
    submitted: 0,
    received: 0,
    online: 0,
    counter: 0,
    post: 0,
    notReceived: 0,
    withdrawn: 0,
    resolved: 0,
    early: 0,
    onTime: 0,
    late: 0,
    withoutDeadline: 0,
    inProgress: 0,
    dueSoon: 0,
    overdue: 0,
    paused: 0,
  };
}
