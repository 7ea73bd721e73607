import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import type { DossierRecord } from './dossier.schema.js';
import type { DossierFilter } from './dossier-filters.js';
import type { ListDossiersQuery } from './dossier-list.query.js';
import { DossiersRepository, type DossierPage } from './dossiers.repository.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@Injectable()
export class DossiersService {
  constructor(
    private readonly dossiers: DossiersRepository,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A dossier the caller may not see is reported as missing, so ids of others' dossiers reveal nothing. */
  async get(user: AuthenticatedUser, id: string): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    return dossier;
  }

  list(user: AuthenticatedUser, query: ListDossiersQuery): Promise<DossierPage> {
    return this.dossiers.list(AccessPolicy.dossierVisibility(user), query.limit, query.after, this.filter(query));
  }

  private filter(query: ListDossiersQuery): DossierFilter {
    const receivedFrom = query.receivedFrom ? this.instant(query.receivedFrom, 'start', 'receivedFrom') : undefined;
    const receivedTo = query.receivedTo ? this.instant(query.receivedTo, 'end', 'receivedTo') : undefined;
    if (receivedFrom && receivedTo && receivedFrom > receivedTo) throw new BadRequestException(['receivedTo must not be before receivedFrom']);
    return {
      now: this.clock.now(),
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.procedure ? { procedureCode: query.procedure } : {}),
      ...(query.q ? { search: query.q } : {}),
      ...(receivedFrom ? { receivedFrom } : {}),
      ...(receivedTo ? { receivedTo } : {}),
      ...(query.dueWithin ? { dueWithin: query.dueWithin } : {}),
    };
  }

  /** A plain day is a local day of the platform's calendar: from its first to its last moment. */
  private instant(value: string, edge: 'start' | 'end', field: string): Date {
    const offsetMs = this.config.CALENDAR_UTC_OFFSET_MINUTES * 60_000;
    const date = DAY.test(value) ? new Date(Date.parse(`${value}T00:00:00Z`) - offsetMs + (edge === 'end' ? 86_400_000 - 1 : 0)) : new Date(value);
    if (Number.isNaN(date.getTime())) throw new BadRequestException([`${field} is not a valid date`]);
    return date;
  }
}
