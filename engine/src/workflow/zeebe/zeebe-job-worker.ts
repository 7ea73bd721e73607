import { setTimeout as sleep } from 'node:timers/promises';
import type { JobOutcome, JobWorker, JobWorkerOptions } from '../workflow-engine.port.js';
import { toActivatedJob, type ClusterClient } from './zeebe-mapping.js';

type EnrichedJob = Parameters<Parameters<ClusterClient['createJobWorker']>[0]['jobHandler']>[0];
type Receipt = Awaited<ReturnType<EnrichedJob['complete']>>;

/** Defaults shared with the embedded engine's worker: a job is locked 5 minutes, 32 run in parallel. */
export const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_MAX_JOBS = 32;
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Runs a port job handler on the SDK's long-polling worker: the handler sees the same
 * `ActivatedJob` and returns the same `JobOutcome` on both engines, so the platform's workers are
 * written once. A handler that throws fails the job with one retry less, as Zeebe workers do.
 */
export function createClusterJobWorker(client: ClusterClient, options: JobWorkerOptions): JobWorker {
  const worker = client.createJobWorker({
    jobType: options.type,
    workerName: options.worker ?? `mot-cua-${options.type}`,
    jobTimeoutMs: options.timeout ?? DEFAULT_JOB_TIMEOUT_MS,
    maxParallelJobs: options.maxJobsToActivate ?? DEFAULT_MAX_JOBS,
    ...(options.fetchVariable ? { fetchVariables: options.fetchVariable } : {}),
    jobHandler: async (job) => {
      const activated = toActivatedJob(job);
      let outcome: JobOutcome;
      try {
        outcome = await options.handler(activated);
      } catch (error) {
        outcome = { kind: 'fail', errorMessage: error instanceof Error ? error.message : String(error) };
      }
      const receipt = await acknowledge(job, outcome);
      await options.afterOutcome?.(activated).catch(() => undefined);
      return receipt;
    },
  });
  return {
    close: async () => {
      // Cancel the pending long poll at once (the SDK's graceful stop would wait for it and then
      // drop whatever it returned), then let handlers that are running acknowledge their jobs.
      worker.stop();
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (worker.activeJobs > 0 && Date.now() < deadline) await sleep(10);
    },
  };
}

function acknowledge(job: EnrichedJob, outcome: JobOutcome): Promise<Receipt> {
  switch (outcome.kind) {
    case 'complete':
      return job.complete(outcome.variables ?? {});
    case 'fail':
      return job.fail({
        errorMessage: outcome.errorMessage,
        retries: outcome.retries ?? Math.max(0, job.retries - 1),
        ...(outcome.retryBackOff !== undefined ? { retryBackOff: outcome.retryBackOff } : {}),
      });
    case 'error':
      return job.error({
        errorCode: outcome.errorCode,
        ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage } : {}),
        ...(outcome.variables ? { variables: outcome.variables } : {}),
      });
  }
}
