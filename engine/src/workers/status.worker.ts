import { Injectable } from '@nestjs/common';
import { ALL_STATUSES, DossierStatus, STATUS_LABELS } from '../dossiers/dossier-status.js';
import { DossierJournalRepository } from '../dossiers/dossier-journal.repository.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, requiredHeader, type JobHandlerProvider } from './job-support.js';

/** motcua.status: sets the dossier's national-portal status where the path alone does not tell it. */
@Injectable()
export class StatusWorker implements JobHandlerProvider {
  readonly type = 'motcua.status';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly lifecycle: DossierLifecycle,
    private readonly journal: DossierJournalRepository,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const status = requiredHeader(job, 'status', ALL_STATUSES) as DossierStatus;
    const { dossier, context } = await this.jobs.load(job);
    if (status === DossierStatus.Stopped) {
      // Stopped while waiting for the applicant: the pause ends with the dossier.
      const pause = await this.journal.openPause(dossier.id);
      if (pause) await this.journal.endPause(pause.id, { endedAt: this.lifecycle.now(), workingMinutes: null, supplement: null });
    }
    await this.lifecycle.setStatus(dossier.id, status, { ...context, note: context.elementName ?? STATUS_LABELS[status] });
    return complete();
  }
}
