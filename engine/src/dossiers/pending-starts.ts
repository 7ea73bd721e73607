import type { Database, Transaction } from '../database/database.js';
import type { Variables, WorkflowEngine } from '../workflow/workflow-engine.port.js';
import type { DossierRecord } from './dossier.schema.js';
import type { DossiersRepository } from './dossiers.repository.js';

/** The engine definition a dossier's process starts on. */
export interface StartDefinition {
  processDefinitionId: string;
  processDefinitionVersion: number;
}

export interface StartSettings {
  /** Attempts before the dossier is marked failed for an administrator to look at. */
  maxAttempts: number;
  /** Delay before the first retry; doubled after each further failure. */
  retryBaseMs: number;
  /** Longest delay between two attempts. */
  retryMaxMs: number;
  /**
   * How long a replica holds a start it runs outside the database transaction (Zeebe). Longer than
   * a start plus the cluster's delay in making a new instance searchable, so a replica taking over
   * an expired claim finds the instance a crashed one created.
   */
  leaseMs: number;
}

export interface StartOutcome {
  dossier: DossierRecord;
  started: boolean;
}

/** The contract's start variables (docs/procedure-bundles.md). */
export function startVariables(dossier: DossierRecord): Variables {
  return {
    dossierId: dossier.id,
    dossierCode: dossier.code,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.agencyCode,
    applicant: dossier.applicant ?? { fullName: dossier.applicantName },
    application: dossier.application,
    channel: dossier.channel,
    hasFee: dossier.hasFee,
    dueDate: dossier.dueDate?.toISOString() ?? null,
    warningDate: dossier.warningDate?.toISOString() ?? null,
  };
}

/** Exponential back-off after the n-th failed attempt (n ≥ 1), capped. */
export function retryDelayMs(attempts: number, settings: Pick<StartSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), settings.retryMaxMs);
}

/**
 * Starts the process instances of dossiers written with start_state = pending, from any replica.
 * Each start is claimed with SELECT … FOR UPDATE SKIP LOCKED, so replicas sharing one database never
 * work on the same dossier at once.
 *
 * - Embedded engine: the instance is created in the claiming transaction, with the dossier marked
 *   started; a crash rolls both back, so there is never an instance without its dossier knowing.
 * - Zeebe (another system): the claim is a lease written before the start. The dossier code is the
 *   business key: before creating, the engine is searched for an instance already carrying it, so a
 *   retry after a crash between creation and the dossier's update adopts that instance.
 *
 * A failed attempt is recorded with its error and retried with exponential back-off; after
 * `maxAttempts` the dossier shows start_state = failed. Nothing is lost silently.
 */
export class PendingStarts {
  constructor(
    private readonly db: Database,
    private readonly engine: WorkflowEngine,
    private readonly dossiers: DossiersRepository,
    private readonly definitionOf: (dossier: DossierRecord) => Promise<StartDefinition>,
    private readonly clock: { now(): Date },
    private readonly settings: StartSettings,
  ) {}

  /** Attempts one dossier's start now; undefined when it is not due or another replica holds it. */
  async startOne(dossierId: string): Promise<StartOutcome | undefined> {
    const [candidate] = await this.dossiers.dueStarts(this.clock.now(), 1, { only: dossierId });
    return candidate ? this.attempt(candidate) : undefined;
  }

  /** Attempts every start due now, each at most once; returns the outcomes of those this replica claimed. */
  async startDue(batchSize = 20): Promise<StartOutcome[]> {
    const outcomes: StartOutcome[] = [];
    const seen: string[] = [];
    for (;;) {
      const batch = await this.dossiers.dueStarts(this.clock.now(), batchSize, { exclude: seen });
      if (batch.length === 0) return outcomes;
      for (const candidate of batch) {
        seen.push(candidate.id);
        const outcome = await this.attempt(candidate);
        if (outcome) outcomes.push(outcome);
      }
    }
  }

  private async attempt(candidate: DossierRecord): Promise<StartOutcome | undefined> {
    // Read before any transaction opens: on PGlite a query outside an open transaction waits for it.
    let definition: StartDefinition | Error;
    try {
      definition = await this.definitionOf(candidate);
    } catch (error) {
      definition = error as Error;
    }
    return this.engine.joinTransaction ? this.startInTransaction(candidate.id, definition) : this.startUnderLease(candidate.id, definition);
  }

  private async startInTransaction(dossierId: string, definition: StartDefinition | Error): Promise<StartOutcome | undefined> {
    let afterCommit: (() => Promise<void>) | undefined;
    const outcome = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await this.dossiers.claimStart(now, dossierId, tx);
      if (!row) return undefined;
      try {
        if (definition instanceof Error) throw definition;
        const joined = this.engine.joinTransaction!(tx);
        // The engine's writes are a savepoint: a failure undoes them and leaves the claim usable.
        const instance = await joined.commands.createProcessInstance({ ...definition, variables: startVariables(row) });
        afterCommit = joined.afterCommit;
        const started = await this.dossiers.markStarted(row.id, instance.processInstanceKey, true, tx);
        return { dossier: started!, started: true };
      } catch (error) {
        return { dossier: await this.recordFailure(row, row.startAttempts + 1, error, now, tx), started: false };
      }
    });
    if (outcome?.started) await afterCommit?.();
    return outcome;
  }

  private async startUnderLease(dossierId: string, definition: StartDefinition | Error): Promise<StartOutcome | undefined> {
    const claimedAt = this.clock.now();
    const claimed = await this.db.transaction(async (tx) => {
      const row = await this.dossiers.claimStart(claimedAt, dossierId, tx);
      return row ? this.dossiers.leaseStart(row.id, new Date(claimedAt.getTime() + this.settings.leaseMs), tx) : undefined;
    });
    if (!claimed) return undefined;
    try {
      if (definition instanceof Error) throw definition;
      const [existing] = await this.engine.searchProcessInstances({
        processDefinitionId: definition.processDefinitionId,
        variables: [{ name: 'dossierCode', value: claimed.code }],
      });
      const key = existing?.processInstanceKey ?? (await this.engine.createProcessInstance({ ...definition, variables: startVariables(claimed) })).processInstanceKey;
      const started = await this.dossiers.markStarted(claimed.id, key, false);
      return started ? { dossier: started, started: true } : undefined;
    } catch (error) {
      return { dossier: await this.recordFailure(claimed, claimed.startAttempts, error, this.clock.now()), started: false };
    }
  }

  private async recordFailure(dossier: DossierRecord, attempts: number, error: unknown, now: Date, tx?: Transaction): Promise<DossierRecord> {
    const failed = attempts >= this.settings.maxAttempts;
    const recorded = await this.dossiers.recordStartFailure(
      dossier.id,
      {
        error: (error as Error).message ?? String(error),
        attempts,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, this.settings)),
        failed,
      },
      tx,
    );
    return recorded ?? dossier;
  }
}
