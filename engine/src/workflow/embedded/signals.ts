import { asc, eq } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import { WorkflowError, type BroadcastSignalRequest, type SignalBroadcast, type Variables } from '../workflow-engine.port.js';
import { checkVariables } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { startInstance } from './process-instances.js';
import { triggerEvent } from './runtime/behaviors/event-subscriptions.js';
import { loadTree } from './runtime/store.js';
import { wfPendingSignals, wfSignalSubscriptions } from './workflow.schema.js';

export type PendingSignal = typeof wfPendingSignals.$inferSelect;

const tenantId = '<default>';

/**
 * Deliveries one call runs after its commit before it answers; the rest, from a model whose signals
 * keep starting instances that throw them again, are left to the background loop.
 */
const deliveriesPerCall = 1_000;

/** Broadcasts a signal from the API and delivers it before answering (Zeebe's SignalBroadcastProcessor). */
export async function broadcastSignal(runner: CommandRunner, request: BroadcastSignalRequest): Promise<SignalBroadcast> {
  if (typeof request.signalName !== 'string') throw new WorkflowError('INVALID_ARGUMENT', 'A signal needs a name');
  if (request.tenantId !== undefined && request.tenantId !== tenantId) {
    throw new WorkflowError('INVALID_ARGUMENT', `tenantId must be '${tenantId}': the embedded engine is single-tenant`);
  }
  checkVariables(request.variables);
  const signalKey = await runner.transaction((tx) => recordBroadcast(runner, tx, request.signalName, request.variables ?? {}));
  return { signalKey: String(signalKey), tenantId };
}

/**
 * Records one delivery for every subscription to the signal open now, in the broadcaster's
 * transaction; they are delivered after it commits (see CommandRunner#transaction). Answers the
 * signal's key.
 */
export async function recordBroadcast(runner: CommandRunner, tx: Transaction, name: string, variables: Variables): Promise<number> {
  const signalKey = await runner.keys.take(tx);
  const subscriptions = await tx
    .select({ key: wfSignalSubscriptions.key, rootKey: wfSignalSubscriptions.rootKey })
    .from(wfSignalSubscriptions)
    .where(eq(wfSignalSubscriptions.signalName, name))
    .orderBy(asc(wfSignalSubscriptions.key));
  if (subscriptions.length === 0) return signalKey;
  const now = runner.clock.now();
  const rows: PendingSignal[] = [];
  for (const s of subscriptions) {
    rows.push({ key: await runner.keys.take(tx), signalKey, subscriptionKey: s.key, rootKey: s.rootKey, variables, createdAt: now });
  }
  await tx.insert(wfPendingSignals).values(rows);
  runner.afterCommit(tx, rows);
  return signalKey;
}

/** Delivers queued signals one by one; a delivery may queue more (a signal thrown by the instance it reached). */
export async function deliverSignals(runner: CommandRunner, queue: PendingSignal[]): Promise<void> {
  for (let done = 0; queue.length > 0 && done < deliveriesPerCall; done++) {
    const pending = queue.shift()!;
    try {
      await deliverSignal(runner, pending, queue);
    } catch {
      // The delivery stays pending: the background loop tries it again and reports what fails.
    }
  }
}

/**
 * Delivers a signal to one subscription, exactly once: the pending row is deleted under the lock
 * of the instance tree it reaches (or, for a start event, its own row lock), so a retry by the
 * background loop finds nothing left to do.
 */
export async function deliverSignal(runner: CommandRunner, pending: PendingSignal, queue: PendingSignal[]): Promise<void> {
  const jobTypes = await runner.transactionQueuing(queue, async (tx) => {
    const none = new Set<string>();
    const tree = pending.rootKey === null ? undefined : (await loadTree(tx, pending.rootKey, runner.definitions))?.tree;
    const [claimed] = await tx.delete(wfPendingSignals).where(eq(wfPendingSignals.key, pending.key)).returning({ key: wfPendingSignals.key });
    if (!claimed) return none;
    const [subscription] = await tx.select().from(wfSignalSubscriptions).where(eq(wfSignalSubscriptions.key, pending.subscriptionKey));
    if (!subscription) return none;
    const variables = pending.variables as Variables;
    if (pending.rootKey === null) {
      const definition = await runner.definitions.get(tx, subscription.processDefinitionKey);
      if (!definition) return none;
      return (await startInstance(runner, tx, definition, variables, { startEventId: subscription.elementId })).jobTypes;
    }
    const owner = tree?.elements.get(subscription.elementInstanceKey!);
    if (!tree || !owner) return none;
    const { jobTypes } = await runner.command(tx, tree, (execution) =>
      triggerEvent(execution, owner, execution.model(owner).elements[subscription.elementId], variables),
    );
    return jobTypes;
  });
  runner.wake(jobTypes);
}

/** Signal deliveries left by a crash or a failed delivery, oldest first (for the background loop). */
export async function pendingSignals(runner: CommandRunner, limit: number): Promise<PendingSignal[]> {
  return runner.db.select().from(wfPendingSignals).orderBy(asc(wfPendingSignals.key)).limit(limit);
}
