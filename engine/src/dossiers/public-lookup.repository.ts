import { Inject, Injectable } from '@nestjs/common';
import { and, eq, or, sql } from 'drizzle-orm';
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

/** A dossier the lookup may answer, with what tells whose number the query matched. */
export interface LookupCandidate extends LookedUpDossier {
  applicantIdNumber: string | null;
  application: Record<string, unknown>;
  procedureSlug: string | null;
  procedureVersion: number | null;
}

@Injectable()
export class PublicLookupRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  /**
   * The dossier with this code whose applicant's recorded number, or one of whose application
   * values, is this number: one query, so a wrong code and a wrong number look the same. Which
   * application field held it is for the caller to check against the form. `idNumber` comes in
   * upper case (a passport number's letter).
   */
  async find(code: string, idNumber: string): Promise<LookupCandidate | undefined> {
    const [row] = await this.db
      .select({
        code: dossiers.code,
        procedureName: dossiers.procedureName,
        status: dossiers.status,
        receivedAt: dossiers.receivedAt,
        dueDate: dossiers.dueDate,
        finishedAt: dossiers.finishedAt,
        applicantIdNumber: dossiers.applicantIdNumber,
        application: dossiers.application,
        procedureSlug: dossiers.procedureSlug,
        procedureVersion: dossiers.procedureVersion,
      })
      .from(dossiers)
      .where(
        and(
          eq(dossiers.code, code),
          or(
            sql`upper(${dossiers.applicantIdNumber}) = ${idNumber}`,
            // Applications are flat objects of field values (form-validation.ts).
            sql`exists (select 1 from jsonb_each_text(case when jsonb_typeof(${dossiers.application}) = 'object' then ${dossiers.application} else '{}'::jsonb end) as field where upper(field.value) = ${idNumber})`,
          ),
        ),
      )
      .limit(1);
    return row;
  }
}
