import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { WORKFLOW_ENGINE, type ActivatedJob, type ActivateJobsRequest, type WorkflowEngine } from '../workflow-engine.port.js';

/** Zeebe's gateway default when a worker asks for long polling without a time (requestTimeout 0). */
export const DEFAULT_LONG_POLL_MS = 10_000;
const MAX_LONG_POLL_MS = 60_000;
const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 200;

/**
 * Job activation with long polling, as SDK workers expect it: they ask again as soon as an
 * answer arrives, so answering "no jobs" at once would make every idle worker spin. The request
 * is held until jobs appear, the requested time passes, the client goes away or the server stops.
 */
@Injectable()
export class JobActivationService implements OnModuleDestroy {
  private readonly stopping = new AbortController();

  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  async activate(request: ActivateJobsRequest, requestTimeout: number | undefined, client: AbortSignal): Promise<ActivatedJob[]> {
    const waitMs = requestTimeout === undefined || requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : Math.min(requestTimeout, MAX_LONG_POLL_MS);
    const deadline = Date.now() + Math.max(0, waitMs);
    const abort = AbortSignal.any([client, this.stopping.signal]);
    let delay = FIRST_RETRY_MS;
    for (;;) {
      // Jobs activated for a client that has gone would stay locked until their timeout.
      if (abort.aborted) return [];
      const jobs = await this.engine.activateJobs(request);
      const remaining = deadline - Date.now();
      if (jobs.length > 0 || remaining <= 0) return jobs;
      try {
        await sleep(Math.min(delay, remaining), undefined, { signal: abort });
      } catch {
        return [];
      }
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  onModuleDestroy(): void {
    this.stopping.abort();
  }
}
