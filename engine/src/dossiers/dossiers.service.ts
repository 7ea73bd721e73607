import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { AuthenticatedUser } from '../auth/current-user.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossiersRepository, type DossierPage } from './dossiers.repository.js';

@Injectable()
export class DossiersService {
  constructor(private readonly dossiers: DossiersRepository) {}

  /** A dossier the caller may not see is reported as missing, so ids of others' dossiers reveal nothing. */
  async get(user: AuthenticatedUser, id: string): Promise<DossierRecord> {
    const dossier = await this.dossiers.findById(id);
    if (!dossier || !AccessPolicy.canReadDossier(user, dossier)) throw new NotFoundException(`Dossier ${id} not found`);
    return dossier;
  }

  list(user: AuthenticatedUser, limit: number, after?: string): Promise<DossierPage> {
    return this.dossiers.list(AccessPolicy.dossierVisibility(user), limit, after);
  }
}
