import { Injectable, NotFoundException } from '@nestjs/common';
import { STATUS_LABELS, type DossierStatus } from './dossier-status.js';
import { PublicLookupRepository } from './public-lookup.repository.js';

export interface PublicLookup {
  code: string;
  procedureName: string | null;
  status: string;
  statusLabel: string;
  receivedAt: Date | null;
  dueDate: Date | null;
  finishedAt: Date | null;
}

/** Tells anyone who holds both the dossier code and the applicant's identity number where the dossier stands. */
@Injectable()
export class PublicLookupService {
  constructor(private readonly repository: PublicLookupRepository) {}

  async lookup(code: string, idNumber: string): Promise<PublicLookup> {
    const found = await this.repository.find(code.trim().toUpperCase(), idNumber.trim());
    // One answer for a wrong code, a wrong number or both: the lookup must not confirm either alone.
    if (!found) throw new NotFoundException('No dossier matches this code and identity number');
    return { ...found, statusLabel: STATUS_LABELS[found.status as DossierStatus] ?? found.status };
  }
}
