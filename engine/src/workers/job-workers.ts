import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ControlSheet } from '../dossiers/control-sheet.service.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { IllegalStatusTransition } from '../dossiers/status-transition.js';
import { WORKER_TYPES } from '../procedures/worker-types.js';
import { WORKFLOW_ENGINE, type ActivatedJob, type JobOutcome, type JobWorker, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { ConsultationWorker } from './consultation.worker.js';
import { DocumentWorker } from './document.worker.js';
import { FeeWorker } from './fee.worker.js';
import { JobModelError, type JobHandlerProvider } from './job-support.js';
import { NotifyWorker } from './notify.worker.js';
import { SignWorker } from './sign.worker.js';
import { StatusWorker } from './status.worker.js';

/** Wait before a failed job is tried again: a renderer or a provider that failed may come back. */
const RETRY_BACKOFF_MS = 5_000;
/** Lock time of a job: rendering and signing take seconds, not minutes. */
const JOB_TIMEOUT_MS = 120_000;

/**
 * Registers the platform's job workers on the workflow port at start and closes them at
 * shutdown. Only the port is used, so the same workers serve the embedded engine and Zeebe.
 * A handler that throws fails the job with one retry less (the engine retries it); a fault of
 * the model (JobModelError) fails it with no retries left, which opens an incident with the message.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobWorkers');
  private readonly workers: JobWorker[] = [];
  private readonly handlers: JobHandlerProvider[];

  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    status: StatusWorker,
    document: DocumentWorker,
    sign: SignWorker,
    notify: NotifyWorker,
    consultation: ConsultationWorker,
    fee: FeeWorker,
    private readonly dossiers: DossiersRepository,
    private readonly controlSheet: ControlSheet,
  ) {
    this.handlers = [status, document, sign, notify, consultation, fee];
    const missing = WORKER_TYPES.map((t) => t.type).filter((type) => !this.handlers.some((h) => h.type === type));
    if (missing.length > 0) throw new Error(`No worker for job type(s) ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    for (const handler of this.handlers) {
      this.workers.push(
        this.engine.createJobWorker({
          type: handler.type,
          worker: 'mot-cua-platform',
          timeout: JOB_TIMEOUT_MS,
          maxJobsToActivate: 8,
          handler: (job) => this.run(handler, job),
          afterOutcome: (job) => this.recordHandOvers(job),
        }),
      );
    }
    this.logger.log(`Job workers: ${this.handlers.map((h) => h.type).join(', ')}`);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.close()));
  }

  /** A completed job may hand the dossier to its next step: the control sheet records it now, not when someone reads. */
  private async recordHandOvers(job: ActivatedJob): Promise<void> {
    const [dossier] = await this.dossiers.findByProcessInstances([job.processInstanceKey]);
    if (dossier) await this.controlSheet.sync(dossier);
  }

  private async run(handler: JobHandlerProvider, job: ActivatedJob): Promise<JobOutcome> {
    try {
      return await handler.handle(job);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      // A status the model sets where the one-stop flow does not allow it is a fault of the model too.
      if (error instanceof JobModelError || error instanceof IllegalStatusTransition) {
        this.logger.error(`${job.type} job ${job.jobKey} at '${job.elementId}': ${message} (incident)`);
        return { kind: 'fail', errorMessage: message, retries: 0 };
      }
      this.logger.warn(`${job.type} job ${job.jobKey} at '${job.elementId}' failed (${job.retries - 1} retries left): ${message}`);
      return { kind: 'fail', errorMessage: message, retries: Math.max(0, job.retries - 1), retryBackOff: RETRY_BACKOFF_MS };
    }
  }
}
