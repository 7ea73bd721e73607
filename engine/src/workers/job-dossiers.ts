import { Injectable } from '@nestjs/common';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import type { ChangeContext } from '../dossiers/dossier-lifecycle.service.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { ProcedureVersions, type VersionModel } from '../dossiers/procedure-versions.js';
import type { ActivatedJob } from '../workflow/workflow-engine.port.js';
import { dossierIdOf, JobModelError } from './job-support.js';

export interface JobDossier {
  dossier: DossierRecord;
  model: VersionModel;
  /** The step as history rows name it. */
  context: ChangeContext;
}

/** The dossier a job works for, with the published version it runs on. */
@Injectable()
export class JobDossiers {
  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly versions: ProcedureVersions,
  ) {}

  async load(job: ActivatedJob): Promise<JobDossier> {
    const id = dossierIdOf(job);
    const dossier = await this.dossiers.findById(id);
    if (!dossier) throw new JobModelError(`Job ${job.type} at '${job.elementId}': dossier ${id} does not exist`);
    if (!dossier.procedureSlug || !dossier.procedureVersion) {
      throw new JobModelError(`Job ${job.type} at '${job.elementId}': dossier ${dossier.code} has no published procedure version`);
    }
    const model = await this.versions.get(dossier.procedureSlug, dossier.procedureVersion);
    return { dossier, model, context: { elementId: job.elementId, elementName: model.elements.get(job.elementId)?.name ?? null } };
  }
}
