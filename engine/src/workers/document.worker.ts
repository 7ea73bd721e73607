import { Injectable } from '@nestjs/common';
import { DocumentIssuer, DocumentTemplateMissing } from '../dossiers/document-issuer.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, JobModelError, optionalHeader, requiredHeader, type JobHandlerProvider } from './job-support.js';

const SIGNER_ROLES = ['leader', 'clerk'];

/**
 * motcua.document: renders the header's template of the dossier's version to PDF, issues it with
 * its QR verification code and records it under `documentKind`. The process gets the issued
 * document's id in `documents.<documentKind>`, never the file's content.
 */
@Injectable()
export class DocumentWorker implements JobHandlerProvider {
  readonly type = 'motcua.document';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly issuer: DocumentIssuer,
    private readonly lifecycle: DossierLifecycle,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const template = requiredHeader(job, 'template');
    const kind = requiredHeader(job, 'documentKind');
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) throw new JobModelError(`Task '${job.elementId}': documentKind '${kind}' must be a single word (it names a variable)`);
    const signerRoles = (optionalHeader(job, 'signerRoles') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const unknown = signerRoles.filter((r) => !SIGNER_ROLES.includes(r));
    if (unknown.length > 0) throw new JobModelError(`Task '${job.elementId}': signerRoles has ${unknown.join(', ')}; expected ${SIGNER_ROLES.join(', ')}`);
    const { dossier } = await this.jobs.load(job);
    let record;
    try {
      record = await this.issuer.render(dossier, { template, kind, elementId: job.elementId, signerRoles, variables: job.variables, now: this.lifecycle.now() });
    } catch (error) {
      if (error instanceof DocumentTemplateMissing) throw new JobModelError(`Task '${job.elementId}': ${error.message}`);
      throw error;
    }
    const documents = isRecord(job.variables.documents) ? job.variables.documents : {};
    return complete({ documents: { ...documents, [kind]: record.issuedDocumentId } });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
