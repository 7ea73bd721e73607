import { Injectable } from '@nestjs/common';
import { ConsultationsService } from '../consultations/consultations.service.js';
import { FederationService } from '../federation/federation.service.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, JobModelError, requiredHeader, type JobHandlerProvider } from './job-support.js';

const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * motcua.consultation: opens one request in the inbox of the agency in the `agency` variable (the
 * multi-instance element, or an input mapping), due `deadlineDays` working days from now. The
 * process gets `consultationRequestId` (the correlation key of the answer) and `consultationDueDate`.
 * Agencies served by a peer instance (FEDERATION_PEERS) are consulted there over HTTP.
 */
@Injectable()
export class ConsultationWorker implements JobHandlerProvider {
  readonly type = 'motcua.consultation';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly consultations: ConsultationsService,
    private readonly federation: FederationService,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const question = requiredHeader(job, 'question');
    const days = requiredHeader(job, 'deadlineDays');
    if (!/^\d{1,3}$/.test(days) || Number(days) < 1) throw new JobModelError(`Task '${job.elementId}': deadlineDays '${days}' must be a whole number of working days (1 or more)`);
    const agency = job.variables.agency;
    if (typeof agency !== 'string' || !AGENCY_CODE.test(agency)) {
      throw new JobModelError(`Task '${job.elementId}': the 'agency' variable must be an agency code (multi-instance inputElement or input mapping); got ${JSON.stringify(agency ?? null)}`);
    }
    const { dossier } = await this.jobs.load(job);
    const request = await this.consultations.open({
      jobKey: job.jobKey,
      dossier,
      processInstanceKey: job.processInstanceKey,
      elementId: job.elementId,
      agency,
      question,
      deadlineDays: Number(days),
    });
    // An agency on another platform instance gets the request as a signed message; the local
    // request stays the one its answer correlates to. A retried job re-sends the same message id.
    if (this.federation.isExternal(agency)) await this.federation.sendConsultation({ consultation: request, dossier, deadlineDays: Number(days) });
    return complete({ consultationRequestId: request.id, consultationDueDate: request.dueAt.toISOString() });
  }
}
