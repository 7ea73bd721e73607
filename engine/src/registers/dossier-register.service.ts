import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { Role } from '../auth/roles.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { localDateParts, shortDateTime } from '../documents/vietnamese-format.js';
import { DossierRegisterRepository } from './dossier-register.repository.js';
import { registerLines, type RegisterLine } from './register-lines.js';
import type { RegisterQuery } from './register.dto.js';

export interface DossierRegister {
  readonly agency: { readonly code: string; readonly name: string; readonly parentName?: string };
  readonly from: Date;
  readonly to: Date;
  readonly lines: RegisterLine[];
}

/**
 * The dossier register (sổ theo dõi hồ sơ) of a centre for a period, drawn from the dossiers'
 * records each time it is asked for: nothing is stored twice, so it cannot disagree with them.
 * The centre's reception officers and leaders read their own; supervisors any centre's.
 */
@Injectable()
export class DossierRegisterService {
  private readonly agencies = AgencyDirectory.shared();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly repository: DossierRegisterRepository,
    private readonly renderer: DocumentRenderer,
  ) {}

  async register(user: AuthenticatedUser, query: RegisterQuery): Promise<DossierRegister> {
    const agencyCode = this.agencyOf(user, query.agencyCode);
    const { from, to } = this.period(query);
    const now = this.clock.now();
    const records = await this.repository.received(agencyCode, from, to);
    const lines = registerLines(records, { agencyName: (code) => this.agencies.nameOf(code), utcOffsetMinutes: this.offset, now });
    const described = this.agencies.describe({ code: agencyCode, name: this.agencies.nameOf(agencyCode) });
    return { agency: { code: agencyCode, name: this.agencies.nameOf(agencyCode), ...(described.parentName ? { parentName: described.parentName } : {}) }, from, to, lines };
  }

  /** The register as an A4 landscape PDF, one line per dossier, headed as the form. */
  pdf(register: DossierRegister): Promise<Buffer> {
    return this.renderer.render(
      { bundle: 'common', name: 'so-theo-doi-ho-so' },
      {
        agency: register.agency,
        period: this.periodText(register),
        lines: register.lines,
        printedAt: shortDateTime(this.clock.now(), this.offset),
      },
    );
  }

  async workbook(register: DossierRegister): Promise<Buffer> {
    // The workbook library is large and needed only here: loaded on the first export, not at start.
    const { registerWorkbook } = await import('./register-workbook.js');
    return registerWorkbook({ agencyName: register.agency.name, period: this.periodText(register), lines: register.lines });
  }

  /** "so-theo-doi-ho-so-UBND-XA-HH-2026-12-01-2026-12-31": the agency and the local days of the period. */
  fileName(register: DossierRegister, extension: string): string {
    const day = (instant: Date) => {
      const { year, month, day: d } = localDateParts(instant, this.offset);
      return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    };
    return `so-theo-doi-ho-so-${register.agency.code}-${day(register.from)}-${day(new Date(register.to.getTime() - 1))}.${extension}`;
  }

  private get offset(): number {
    return this.config.CALENDAR_UTC_OFFSET_MINUTES;
  }

  private periodText(register: DossierRegister): string {
    const day = (instant: Date) => shortDateTime(instant, this.offset).slice(0, 10);
    return `Từ ngày ${day(register.from)} đến ngày ${day(new Date(register.to.getTime() - 1))}`;
  }

  /** The period: as asked, else the current month in local time (the book is kept month by month). */
  private period(query: RegisterQuery): { from: Date; to: Date } {
    const now = this.clock.now();
    const local = localDateParts(now, this.offset);
    const shift = this.offset * 60_000;
    const from = query.from ? new Date(query.from) : new Date(Date.UTC(local.year, local.month - 1, 1) - shift);
    const to = query.to ? new Date(query.to) : new Date(Date.UTC(local.year, local.month, 1) - shift);
    if (from >= to) throw new BadRequestException('from must be before to');
    return { from, to };
  }

  private agencyOf(user: AuthenticatedUser, requested: string | undefined): string {
    if (user.roles.includes(Role.Supervisor)) {
      if (!requested) throw new BadRequestException('agencyCode: the register is kept per agency');
      return requested;
    }
    const own = user.agencyCode;
    const keeps = user.roles.includes(Role.Reception) || user.roles.includes(Role.Leader);
    if (!keeps || !own || (requested && requested !== own)) {
      throw new ForbiddenException(`Sổ theo dõi hồ sơ của ${requested ?? 'cơ quan'} dành cho cán bộ tiếp nhận, lãnh đạo của cơ quan và giám sát (The register is for the agency's reception officers, leaders and supervisors)`);
    }
    return own;
  }
}
