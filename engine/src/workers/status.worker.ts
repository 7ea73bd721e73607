import { Injectable } from '@nestjs/common';
import { DocumentIssuer } from '../dossiers/document-issuer.js';
import { ALL_STATUSES, DossierStatus, STATUS_LABELS } from '../dossiers/dossier-status.js';
import { DossierJournalRepository } from '../dossiers/dossier-journal.repository.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import { ProcedureVersions } from '../dossiers/procedure-versions.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, requiredHeader, type JobHandlerProvider } from './job-support.js';

const STOP_NOTICE_TEMPLATE = 'van-ban-dung-xu-ly';

/** motcua.status: sets the dossier's national-portal status where the path alone does not tell it. */
@Injectable()
export class StatusWorker implements JobHandlerProvider {
  readonly type = 'motcua.status';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly lifecycle: DossierLifecycle,
    private readonly journal: DossierJournalRepository,
    private readonly issuer: DocumentIssuer,
    private readonly versions: ProcedureVersions,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const status = requiredHeader(job, 'status', ALL_STATUSES) as DossierStatus;
    const { dossier, model, context } = await this.jobs.load(job);
    if (status === DossierStatus.Stopped) {
      // Stopped while waiting for the applicant: the pause ends with the dossier.
      const pause = await this.journal.openPause(dossier.id);
      if (pause) await this.journal.endPause(pause.id, { endedAt: this.lifecycle.now(), workingMinutes: null, supplement: null });
    }
    const updated = await this.lifecycle.setStatus(dossier.id, status, { ...context, note: context.elementName ?? STATUS_LABELS[status] });
    if (status === DossierStatus.Stopped && this.versions.templateSource(model, STOP_NOTICE_TEMPLATE)) {
      // The applicant is told in writing why the dossier stopped (form 05 of Circular
      // 03/2025/TT-VPCP); versions published before the form shipped have no template for it.
      await this.issuer.render(updated, {
        template: STOP_NOTICE_TEMPLATE,
        kind: 'stopNotice',
        elementId: job.elementId,
        signerRoles: [],
        variables: job.variables,
        now: this.lifecycle.now(),
      });
    }
    return complete();
  }
}
