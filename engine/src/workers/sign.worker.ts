import { Injectable } from '@nestjs/common';
import { DocumentIssuer } from '../dossiers/document-issuer.js';
import { DossierJournalRepository } from '../dossiers/dossier-journal.repository.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, JobModelError, requiredHeader, type JobHandlerProvider } from './job-support.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { dossierAgency } from '../dossiers/competent-agency.js';

/**
 * motcua.sign: the signature of `signerRole` on the document of `documentKind`. The clerk's is the
 * agency's seal (the agency's certificate, in the name of the clerk who sealed). The leader's is
 * her own, made with her personal key when she approved (approval-signature.ts), so the job finds
 * it done; a document no leader approved (an apology letter) gets the agency's certificate in the
 * agency's name, never a person's name over a key that is not hers. The document's number is the
 * one its agency's register gave it when it was issued; signing does not change it. Each
 * signature is an incremental update, so the leader's stays valid under the agency's seal.
 */
@Injectable()
export class SignWorker implements JobHandlerProvider {
  readonly type = 'motcua.sign';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly issuer: DocumentIssuer,
    private readonly journal: DossierJournalRepository,
    private readonly lifecycle: DossierLifecycle,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const kind = requiredHeader(job, 'documentKind');
    const role = requiredHeader(job, 'signerRole', ['leader', 'clerk']);
    const { dossier, model } = await this.jobs.load(job);
    const document = await this.journal.findDocument(dossier.id, kind);
    if (!document) throw new JobModelError(`Task '${job.elementId}': dossier ${dossier.code} has no '${kind}' document; a motcua.document task must issue it first`);
    const agencyName = dossierAgency(dossier, model.catalogue, AgencyDirectory.shared()).name;
    const signer = role === 'clerk' ? await this.journal.lastCompletedBy(dossier.id, role) : undefined;
    await this.issuer.sign(dossier, {
      kind,
      role,
      signerName: signer?.receiverName ?? agencyName,
      agencyName,
      now: this.lifecycle.now(),
    });
    return complete();
  }
}
