import { Injectable } from '@nestjs/common';
import { DossierStatus } from '../dossiers/dossier-status.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, JobModelError, requiredHeader, type JobHandlerProvider } from './job-support.js';

/**
 * motcua.fee: the dossier waits for the fee of `feeCode`; the model then waits for `fee-paid`. With an
 * `amountVariable` header the amount is that variable's value (e.g. a fee decision table's result),
 * not the catalogue's.
 */
@Injectable()
export class FeeWorker implements JobHandlerProvider {
  readonly type = 'motcua.fee';

  constructor(
    private readonly jobs: JobDossiers,
    private readonly lifecycle: DossierLifecycle,
    private readonly dossiers: DossiersRepository,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const feeCode = requiredHeader(job, 'feeCode');
    const { dossier, model, context } = await this.jobs.load(job);
    const fee = model.catalogue.fees.find((f) => f.code === feeCode);
    if (!fee) throw new JobModelError(`Task '${job.elementId}': fee '${feeCode}' is not a fee of procedure ${model.catalogue.code}`);
    const amount = decidedAmount(job);
    // Payment orders then ask for the fees the process waits for, not every fee of the catalogue.
    await this.dossiers.requestFee(dossier.id, fee.code ?? feeCode, amount);
    await this.lifecycle.setStatus(dossier.id, DossierStatus.WaitingForFee, { ...context, note: `${fee.name}: ${amount ?? fee.amount} đồng` });
    return complete();
  }
}

function decidedAmount(job: ActivatedJob): number | undefined {
  const variable = job.customHeaders.amountVariable?.trim();
  if (!variable) return undefined;
  const value = job.variables[variable];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new JobModelError(`Task '${job.elementId}': the fee amount variable '${variable}' must hold a whole number of đồng, but is ${JSON.stringify(value ?? null)}`);
  }
  return value;
}
