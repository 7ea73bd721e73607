import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { dossiers } from './dossier.schema.js';

export interface LookedUpDossier {
  code: string;
  procedureName: string | null;
  status: string;
  receivedAt: Date | null;
  dueDate: Date | null;
  finishedAt: Date | null;
}

@Injectable()
export class PublicLookupRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  /** The dossier with this code filed by the applicant with this identity number: one query, so either mismatch looks the same. */
  async find(code: string, idNumber: string): Promise<LookedUpDossier | undefined> {
    const [row] = await this.db
      .select({
        code: dossiers.code,
        procedureName: dossiers.procedureName,
        status: dossiers.status,
        receivedAt: dossiers.receivedAt,
        dueDate: dossiers.dueDate,
        finishedAt: dossiers.finishedAt,
      })
      .from(dossiers)
      .where(and(eq(dossiers.code, code), eq(dossiers.applicantIdNumber, idNumber)))
      .limit(1);
    return row;
  }
}
