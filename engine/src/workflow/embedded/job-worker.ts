import type {
  ActivatedJob,
  JobOutcome,
  JobWorker,
  JobWorkerOptions,
  WorkflowEngine,
} from '../workflow-engine.port.js';

export interface JobWorkerRuntime {
  /** Resolves when jobs of this type may have been created, or after `ms`, whichever comes first. */
  waitForJobs(type: string, ms: number): Promise<void>;
  log?: (message: string) => void;
}

/**
 * Polls activateJobs for one job type, runs the handler for each job and turns its outcome into
 * complete / fail / throwError. The same loop serves every adapter: it speaks only the port.
 */
export class PollingJobWorker implements JobWorker {
  private running = true;
  private readonly done: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private stop!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.stop = resolve));

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly options: JobWorkerOptions,
    private readonly runtime: JobWorkerRuntime,
    private readonly pollIntervalMs = 1000,
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    const max = this.options.maxJobsToActivate ?? 32;
    while (this.running) {
      const capacity = max - this.inFlight.size;
      let jobs: ActivatedJob[] = [];
      if (capacity > 0) {
        try {
          jobs = await this.engine.activateJobs({
            type: this.options.type,
            worker: this.options.worker ?? 'default',
            maxJobsToActivate: capacity,
            timeout: this.options.timeout ?? 300_000,
            ...(this.options.fetchVariable ? { fetchVariable: this.options.fetchVariable } : {}),
          });
        } catch (error) {
          if (!this.running) break;
          this.runtime.log?.(`job worker '${this.options.type}': activation failed: ${(error as Error).message}`);
        }
      }
      for (const job of jobs) {
        const task = this.handle(job).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      if (!this.running) break;
      if (jobs.length === 0 || capacity <= jobs.length) {
        await Promise.race([this.runtime.waitForJobs(this.options.type, this.pollIntervalMs), this.stopped, ...this.inFlight]);
      }
    }
  }

  private async handle(job: ActivatedJob): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await this.options.handler(job);
    } catch (error) {
      outcome = { kind: 'fail', errorMessage: (error as Error).message ?? String(error) };
    }
    try {
      if (outcome.kind === 'complete') await this.engine.completeJob(job.jobKey, outcome.variables);
      else if (outcome.kind === 'error') {
        await this.engine.throwJobError(job.jobKey, {
          errorCode: outcome.errorCode,
          ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage } : {}),
          ...(outcome.variables ? { variables: outcome.variables } : {}),
        });
      } else {
        await this.engine.failJob(job.jobKey, {
          retries: outcome.retries ?? job.retries - 1,
          errorMessage: outcome.errorMessage,
          ...(outcome.retryBackOff !== undefined ? { retryBackOff: outcome.retryBackOff } : {}),
        });
      }
    } catch (error) {
      // The job may have been cancelled or timed out meanwhile: the engine refused the outcome, nothing to undo.
      this.runtime.log?.(`job worker '${this.options.type}': job ${job.jobKey}: ${(error as Error).message}`);
      return;
    }
    await this.options.afterOutcome?.(job).catch((error: Error) => this.runtime.log?.(`job worker '${this.options.type}': after job ${job.jobKey}: ${error.message}`));
  }

  async close(): Promise<void> {
    this.running = false;
    this.stop();
    await this.done;
    await Promise.all(this.inFlight);
  }
}
