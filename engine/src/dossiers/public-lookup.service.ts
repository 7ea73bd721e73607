import { Injectable, NotFoundException } from '@nestjs/common';
import { STATUS_LABELS, type DossierStatus } from './dossier-status.js';
import { ProcedureVersions } from './procedure-versions.js';
import { PublicLookupRepository, type LookupCandidate } from './public-lookup.repository.js';
import { typedIdNumber } from './typed-id-number.js';

export interface PublicLookup {
  code: string;
  procedureName: string | null;
  status: string;
  statusLabel: string;
  receivedAt: Date | null;
  dueDate: Date | null;
  finishedAt: Date | null;
}

/**
 * Tells anyone who holds both the dossier code and the applicant's identity number where the
 * dossier stands. The number is the one recorded for the applicant or the one he typed on the
 * application form (they differ on dossiers filed before the typed one was recorded).
 */
@Injectable()
export class PublicLookupService {
  constructor(
    private readonly repository: PublicLookupRepository,
    private readonly versions: ProcedureVersions,
  ) {}

  async lookup(code: string, idNumber: string): Promise<PublicLookup> {
    const number = idNumber.trim().toUpperCase();
    const found = await this.repository.find(code.trim().toUpperCase(), number);
    // One answer for a wrong code, a wrong number or both: the lookup must not confirm either alone.
    if (!found || !(await this.isApplicantsNumber(found, number))) throw new NotFoundException('No dossier matches this code and identity number');
    return {
      code: found.code,
      procedureName: found.procedureName,
      status: found.status,
      statusLabel: STATUS_LABELS[found.status as DossierStatus] ?? found.status,
      receivedAt: found.receivedAt,
      dueDate: found.dueDate,
      finishedAt: found.finishedAt,
    };
  }

  /** The recorded number, or the application's value that matched is the applicant's own field (not a parent's or a witness's). */
  private async isApplicantsNumber(found: LookupCandidate, number: string): Promise<boolean> {
    if (found.applicantIdNumber?.toUpperCase() === number) return true;
    if (!found.procedureSlug || found.procedureVersion === null) return false;
    const model = await this.versions.get(found.procedureSlug, found.procedureVersion);
    return typedIdNumber(model.forms.get(model.catalogue.applicationForm), found.application)?.toUpperCase() === number;
  }
}
