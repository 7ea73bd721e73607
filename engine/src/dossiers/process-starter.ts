import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { ControlSheet } from './control-sheet.service.js';
import type { DossierRecord } from './dossier.schema.js';
import { DossiersRepository } from './dossiers.repository.js';
import { PendingStarts, type StartOutcome } from './pending-starts.js';
import { Periodic } from './periodic.js';
import { ProcedureVersions } from './procedure-versions.js';

/** Longest wait between two attempts at one start. */
const RETRY_MAX_MS = 60 * 60_000;
/** A claim on a Zeebe start outlives a slow cluster and its search index catching up. */
const LEASE_MS = 5 * 60_000;

/**
 * Starts dossiers' process instances: right after a submission, and in a periodic check
 * (PROCESS_START_CHECK_SECONDS) that every replica runs, which picks up starts left pending by a
 * failure or a crash and retries them with back-off (see PendingStarts).
 */
@Injectable()
export class ProcessStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dossiers');
  private readonly starts: PendingStarts;
  private readonly periodic: Periodic;

  constructor(
    @Inject(DATABASE) db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) clock: PlatformClock,
    @Inject(WORKFLOW_ENGINE) engine: WorkflowEngine,
    dossiers: DossiersRepository,
    private readonly versions: ProcedureVersions,
    private readonly controlSheet: ControlSheet,
  ) {
    const checkMs = config.PROCESS_START_CHECK_SECONDS * 1000;
    this.starts = new PendingStarts(db, engine, dossiers, (d) => this.definitionOf(d), clock, {
      maxAttempts: config.PROCESS_START_MAX_ATTEMPTS,
      retryBaseMs: checkMs,
      retryMaxMs: Math.max(RETRY_MAX_MS, checkMs),
      leaseMs: LEASE_MS,
    });
    this.periodic = new Periodic('Process start check', checkMs, () => this.startDue(), this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      const started = await this.startDue();
      if (started > 0) this.logger.log(`Started ${started} dossier process(es) left pending`);
    } catch (error) {
      this.logger.error(`Process start check: ${(error as Error).message}`);
    }
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** Starts a dossier just written; if the attempt fails it stays pending and the periodic check retries it. */
  async start(dossier: DossierRecord): Promise<DossierRecord> {
    const outcome = await this.starts.startOne(dossier.id);
    if (!outcome) return dossier;
    await this.settled(outcome);
    return outcome.dossier;
  }

  /** One pass of the check; returns how many processes it started. */
  async startDue(): Promise<number> {
    let started = 0;
    for (const outcome of await this.starts.startDue()) {
      await this.settled(outcome);
      if (outcome.started) started++;
    }
    return started;
  }

  private async settled({ dossier, started }: StartOutcome): Promise<void> {
    // The first step (reception) is handed over now, so the worklist finds it.
    if (started) await this.controlSheet.sync(dossier);
    else if (dossier.startState === 'failed') this.logger.error(`Dossier ${dossier.code}: the process could not be started after ${dossier.startAttempts} attempts; giving up: ${dossier.startLastError}`);
    else this.logger.warn(`Dossier ${dossier.code}: the process could not be started (attempt ${dossier.startAttempts}), retrying from ${dossier.startNextAttemptAt?.toISOString()}: ${dossier.startLastError}`);
  }

  private async definitionOf(dossier: DossierRecord) {
    if (!dossier.procedureSlug || dossier.procedureVersion === null) throw new Error(`Dossier ${dossier.code} names no procedure version`);
    return (await this.versions.get(dossier.procedureSlug, dossier.procedureVersion)).mainDefinition;
  }
}
