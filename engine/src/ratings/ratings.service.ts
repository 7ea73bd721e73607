import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedUser } from '../auth/current-user.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { DossierStatus } from '../dossiers/dossier-status.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { RateDossierDto, RatingSummaryQuery } from './ratings.dto.js';
import { RatingsRepository } from './ratings.repository.js';
import { statisticsAgency } from '../statistics/statistics-scope.js';

/** Dossiers whose handling is over, so that the applicant can judge it. */
export const RATEABLE_STATUSES: readonly string[] = [DossierStatus.Done, DossierStatus.Returned, DossierStatus.NotReceived, DossierStatus.Stopped];

/** The applicant's evaluation of a finished dossier (the platform's part of SIPAS-style satisfaction). */
@Injectable()
export class RatingsService {
  constructor(
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly ratings: RatingsRepository,
    private readonly dossiers: DossiersRepository,
  ) {}

  async rate(user: AuthenticatedUser, dossierId: string, dto: RateDossierDto) {
    const dossier = await this.dossiers.findById(dossierId);
    if (!dossier || dossier.applicantUserId !== user.id) throw new NotFoundException(`Dossier ${dossierId} not found`);
    if (!RATEABLE_STATUSES.includes(dossier.status)) {
      throw new ConflictException(`Dossier ${dossier.code} is still being handled (status ${dossier.status}); it can be rated once finished`);
    }
    const saved = await this.ratings.insertOnce({ dossierId, raterId: user.id, score: dto.score, comment: dto.comment?.trim() || null, at: this.clock.now() });
    if (!saved) throw new ConflictException(`Dossier ${dossier.code} has already been rated`);
    return saved;
  }

  /** The rating as the applicant, the agency's officers or supervisors see it. */
  async ofDossier(user: AuthenticatedUser, dossierId: string) {
    const dossier = await this.dossiers.findById(dossierId);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${dossierId} not found`);
    const rating = await this.ratings.ofDossier(dossierId);
    if (!rating) throw new NotFoundException(`Dossier ${dossier.code} has not been rated`);
    return rating;
  }

  async summary(user: AuthenticatedUser, query: RatingSummaryQuery) {
    const agencyCode = statisticsAgency(user, query.agencyCode);
    const rows = await this.ratings.aggregate(query.by, {
      ...(agencyCode ? { agencyCode } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
    });
    return {
      by: query.by,
      agencyCode: agencyCode ?? null,
      rows: rows.map((r) => ({ ...r, satisfactionRate: r.count > 0 ? Math.round((r.satisfied / r.count) * 10_000) / 100 : null })),
    };
  }
}
