import { ConflictException, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { and, asc, eq, lt, ne } from 'drizzle-orm';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { WORKFLOW_ENGINE, WorkflowError, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { Periodic } from './periodic.js';
import { stepCompletions, type StepCompletionRecord } from './step-completion.schema.js';
import { StepRecordsWriter, type StepRecords } from './step-records.js';

/**
 * A pending completion younger than this may still be in flight (its request waiting for the
 * cluster), and the cluster's search may not show a completion that recent yet.
 */
const GRACE_MS = 5 * 60_000;
const BATCH = 50;

export type Settlement = 'applied' | 'discarded' | 'waiting';

/**
 * Officers' completions when the engine is a cluster (Zeebe), where no transaction spans the
 * cluster and the database: the completion's records go to an outbox first, then in one
 * transaction they are applied and marked applied, and the cluster is asked to complete the task
 * before that transaction commits. A refusal rolls the records back and discards the entry. When
 * the cluster accepted but the commit did not happen (crash, lost connection), the entry stays
 * pending, and the projection settles it from the task's state in the cluster: applied once if
 * the task is completed there, discarded if it is still open or gone.
 */
@Injectable()
export class ClusterCompletions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dossiers');
  private readonly periodic: Periodic;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly writer: StepRecordsWriter,
  ) {
    this.periodic = new Periodic('Step completion check', config.PROCESS_START_CHECK_SECONDS * 1000, () => this.settleDue(), this.logger);
  }

  onApplicationBootstrap(): void {
    // The embedded engine completes a task and its records in one transaction: nothing to settle.
    if (!this.engine.joinTransaction) this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  async complete(userTaskKey: string, variables: Record<string, unknown>, records: StepRecords): Promise<void> {
    await this.enqueue(records);
    let phase: 'recording' | 'asking' | 'accepted' = 'recording';
    try {
      await this.db.transaction(async (tx) => {
        const [entry] = await tx.select().from(stepCompletions).where(eq(stepCompletions.userTaskKey, userTaskKey)).for('update');
        if (entry?.state !== 'pending') throw new ConflictException(`Task ${userTaskKey} is already completed`);
        await this.writer.apply(records, tx);
        await tx.update(stepCompletions).set({ records, state: 'applied', settledAt: this.clock.now() }).where(eq(stepCompletions.userTaskKey, userTaskKey));
        phase = 'asking';
        await this.engine.completeUserTask(userTaskKey, variables);
        phase = 'accepted';
      });
    } catch (error) {
      // Refused by the records or by the cluster: nothing happened anywhere.
      if (phase === 'recording' || (phase === 'asking' && error instanceof WorkflowError)) await this.discard(userTaskKey, (error as Error).message);
      // Accepted, not committed: apply now if the database lets us, else the projection will.
      else if (phase === 'accepted' && (await this.applyAccepted(userTaskKey)) === 'applied') return;
      // No answer from the cluster: whether it completed the task is read back later.
      else this.logger.warn(`Completion of task ${userTaskKey} left for the step completion check: ${(error as Error).message}`);
      throw error;
    }
  }

  /** One pass of the projection over pending completions older than `before`; returns how each was settled. */
  async settleDue(before = new Date(this.clock.now().getTime() - GRACE_MS)): Promise<Map<string, Settlement>> {
    const due = await this.db
      .select()
      .from(stepCompletions)
      .where(and(eq(stepCompletions.state, 'pending'), lt(stepCompletions.createdAt, before)))
      .orderBy(asc(stepCompletions.createdAt))
      .limit(BATCH);
    const settled = new Map<string, Settlement>();
    for (const entry of due) settled.set(entry.userTaskKey, await this.settle(entry));
    return settled;
  }

  private async settle(entry: StepCompletionRecord): Promise<Settlement> {
    let state: string;
    try {
      state = (await this.engine.getUserTask(entry.userTaskKey)).state;
    } catch (error) {
      if (!(error instanceof WorkflowError && error.code === 'NOT_FOUND')) {
        await this.note(entry.userTaskKey, (error as Error).message);
        return 'waiting';
      }
      state = 'NOT_FOUND';
    }
    if (state === 'COMPLETED') return this.applyAccepted(entry.userTaskKey);
    await this.discard(entry.userTaskKey, `The cluster shows the task as ${state}: the completion did not happen`);
    return 'discarded';
  }

  /** Applies the records of a completion the cluster accepted, once: a second call finds it applied. */
  private async applyAccepted(userTaskKey: string): Promise<Settlement> {
    try {
      return await this.db.transaction(async (tx): Promise<Settlement> => {
        const [entry] = await tx
          .select()
          .from(stepCompletions)
          .where(and(eq(stepCompletions.userTaskKey, userTaskKey), eq(stepCompletions.state, 'pending')))
          .for('update', { skipLocked: true });
        if (!entry) return 'applied';
        await this.writer.apply(entry.records, tx);
        await tx.update(stepCompletions).set({ state: 'applied', settledAt: this.clock.now(), note: null }).where(eq(stepCompletions.userTaskKey, userTaskKey));
        return 'applied';
      });
    } catch (error) {
      this.logger.error(`Records of the completed task ${userTaskKey} could not be applied yet: ${(error as Error).message}`);
      await this.note(userTaskKey, (error as Error).message).catch(() => undefined);
      return 'waiting';
    }
  }

  /** Writes the entry; a retry after a refusal or an unanswered attempt replaces the earlier one. */
  private async enqueue(records: StepRecords): Promise<void> {
    const now = this.clock.now();
    const written = await this.db
      .insert(stepCompletions)
      .values({ userTaskKey: records.userTaskKey, dossierId: records.dossierId, records, state: 'pending', createdAt: now })
      .onConflictDoUpdate({
        target: stepCompletions.userTaskKey,
        set: { records, state: 'pending', createdAt: now, settledAt: null, note: null },
        setWhere: ne(stepCompletions.state, 'applied'),
      })
      .returning({ key: stepCompletions.userTaskKey });
    if (written.length === 0) throw new ConflictException(`Task ${records.userTaskKey} is already completed`);
  }

  private async discard(userTaskKey: string, reason: string): Promise<void> {
    await this.db
      .update(stepCompletions)
      .set({ state: 'discarded', settledAt: this.clock.now(), note: reason.slice(0, 2000) })
      .where(and(eq(stepCompletions.userTaskKey, userTaskKey), eq(stepCompletions.state, 'pending')));
  }

  private async note(userTaskKey: string, message: string): Promise<void> {
    await this.db.update(stepCompletions).set({ note: message.slice(0, 2000) }).where(eq(stepCompletions.userTaskKey, userTaskKey));
  }
}
