import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import type { CommandRunner } from './command-runner.js';
import { correlatePending } from './messages.js';
import { startInstance } from './process-instances.js';
import { triggerEvent } from './runtime/behaviors/event-subscriptions.js';
import { loadTree } from './runtime/store.js';
import { nextCycleDate } from './runtime/timer-spec.js';
import { deliverSignal, pendingSignals } from './signals.js';
import { wfMessages, wfPendingCorrelations, wfTimers } from './workflow.schema.js';

/** The background loop: runs the due work, then waits `intervalMs` before the next run, until stopped. */
export class DueWorkScheduler {
  private timer: NodeJS.Timeout | undefined;
  private run: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly runner: CommandRunner,
    private readonly intervalMs: number,
    private readonly log?: (message: string) => void,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      this.run = runDueWork(this.runner)
        .catch((error: Error) => this.log?.(`workflow scheduler: ${error.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the loop at once; the promise settles when a run in progress has ended. */
  stop(): Promise<unknown> {
    this.stopped = true;
    clearTimeout(this.timer);
    return Promise.resolve(this.run);
  }
}

/**
 * Fires every due timer and finishes pending correlations and signal deliveries, each in its own
 * transaction. Safe to run in several processes at once: each step is claimed under a lock and done
 * exactly once.
 * Returns the number of steps done.
 */
export async function runDueWork(runner: CommandRunner): Promise<number> {
  let done = 0;
  const pending = await runner.db.select().from(wfPendingCorrelations).orderBy(asc(wfPendingCorrelations.key)).limit(100);
  for (const row of pending) {
    await correlatePending(runner, row);
    done++;
  }
  for (const row of await pendingSignals(runner, 100)) {
    await deliverSignal(runner, row, []);
    done++;
  }
  for (;;) {
    const now = runner.clock.now();
    const due = await runner.db
      .select({ key: wfTimers.key, rootKey: wfTimers.rootKey })
      .from(wfTimers)
      .where(lte(wfTimers.dueDate, now))
      .orderBy(asc(wfTimers.dueDate), asc(wfTimers.key))
      .limit(100);
    if (due.length === 0) break;
    let fired = 0;
    for (const timer of due) if (await fireTimer(runner, timer.key, timer.rootKey)) fired++;
    done += fired;
    if (fired === 0) break;
  }
  await runner.db
    .delete(wfMessages)
    .where(
      and(
        lte(wfMessages.expiresAt, runner.clock.now()),
        sql`not exists (select 1 from ${wfPendingCorrelations} where ${wfPendingCorrelations.messageKey} = ${wfMessages.key})`,
      ),
    );
  return done;
}

async function fireTimer(runner: CommandRunner, timerKey: number, rootKey: number | null): Promise<boolean> {
  const { result, jobTypes } = await runner.transaction(async (tx) => {
    const none = { result: false, jobTypes: new Set<string>() };
    if (rootKey === null) {
      const [timer] = await tx.select().from(wfTimers).where(eq(wfTimers.key, timerKey)).for('update', { skipLocked: true });
      if (!timer || timer.dueDate > runner.clock.now()) return none;
      await rearmOrDelete(runner, tx, timer);
      const definition = await runner.definitions.get(tx, timer.processDefinitionKey);
      if (!definition) return none;
      const started = await startInstance(runner, tx, definition, {}, { startEventId: timer.elementId });
      return { result: true, jobTypes: started.jobTypes };
    }
    // Lock order is always instance tree first, then the timer: no deadlock with other commands.
    const tree = (await loadTree(tx, rootKey, runner.definitions, { skipLocked: true }))?.tree;
    if (!tree) return none;
    const [timer] = await tx.select().from(wfTimers).where(eq(wfTimers.key, timerKey));
    if (!timer || timer.dueDate > runner.clock.now()) return none;
    const owner = tree.elements.get(timer.elementInstanceKey!);
    if (!owner) {
      await tx.delete(wfTimers).where(eq(wfTimers.key, timerKey));
      return none;
    }
    return runner.command(tx, tree, async (execution) => {
      const event = execution.model(owner).elements[timer.elementId];
      const repeats = event.type === 'BOUNDARY_EVENT' ? !event.interrupting : event.type === 'START_EVENT' && !execution.model(owner).elements[event.scopeId!].interrupting;
      if (repeats) await rearmOrDelete(runner, tx, timer);
      else execution.effects.timerDeletes.push(timer.key);
      await triggerEvent(execution, owner, event, {});
      return true;
    });
  });
  runner.wake(jobTypes);
  return result;
}

async function rearmOrDelete(runner: CommandRunner, tx: Transaction, timer: typeof wfTimers.$inferSelect): Promise<void> {
  const next = timer.repetitions !== 0 && timer.interval ? nextCycleDate(timer.interval, timer.dueDate, runner.clock.now()) : undefined;
  if (!next) {
    await tx.delete(wfTimers).where(eq(wfTimers.key, timer.key));
    return;
  }
  await tx
    .update(wfTimers)
    .set({ dueDate: next, repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : -1 })
    .where(eq(wfTimers.key, timer.key));
}
