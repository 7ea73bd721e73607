import type { ActivatedJob, JobOutcome, Variables } from '../workflow/workflow-engine.port.js';

/**
 * A fault of the model or of its data that no retry can fix (a missing or wrong task header, a
 * process started without a dossier): the job fails without retries, so an incident names it.
 */
export class JobModelError extends Error {}

/** A job-type handler of the platform; `type` is one of WORKER_TYPES. */
export interface JobHandlerProvider {
  readonly type: string;
  handle(job: ActivatedJob): Promise<JobOutcome>;
}

/** A required task header, or a JobModelError naming the element and the header. */
export function requiredHeader(job: ActivatedJob, name: string, allowed?: readonly string[]): string {
  const value = job.customHeaders[name]?.trim();
  if (!value) throw new JobModelError(`Task '${job.elementId}' (${job.type}) has no '${name}' header`);
  if (allowed && !allowed.includes(value)) {
    throw new JobModelError(`Task '${job.elementId}' (${job.type}): header '${name}' is '${value}'; expected one of ${allowed.join(', ')}`);
  }
  return value;
}

export function optionalHeader(job: ActivatedJob, name: string): string | undefined {
  const value = job.customHeaders[name]?.trim();
  return value ? value : undefined;
}

/** The dossier id the platform gave the instance at its start (docs/procedure-bundles.md). */
export function dossierIdOf(job: ActivatedJob): string {
  const id = job.variables.dossierId;
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new JobModelError(`Job ${job.type} at '${job.elementId}': the process has no 'dossierId' variable; it was not started by a dossier submission`);
  }
  return id;
}

export function complete(variables?: Variables): JobOutcome {
  return variables ? { kind: 'complete', variables } : { kind: 'complete' };
}
