import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import { WorkflowError, type PublishMessageRequest, type Variables, type WorkflowEngine } from '../workflow-engine.port.js';
import { checkVariables } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { startInstance } from './process-instances.js';
import { correlate, correlationTarget } from './runtime/behaviors/event-subscriptions.js';
import { loadTree } from './runtime/store.js';
import {
  wfMessageCorrelations,
  wfMessageSubscriptions,
  wfMessages,
  wfPendingCorrelations,
  wfProcessInstances,
} from './workflow.schema.js';

type PendingCorrelation = typeof wfPendingCorrelations.$inferSelect;

/** Publishes a message and correlates it at once; answers the process instances it reached (started or waiting). */
export async function publish(runner: CommandRunner, request: PublishMessageRequest): Promise<{ messageKey: number; correlated: number[] }> {
  if (!request.name?.trim()) throw new WorkflowError('INVALID_ARGUMENT', 'A message needs a name');
  checkVariables(request.variables);
  // A negative time to live is accepted and means none, as in Zeebe (PublishMessageTest#shouldPublishMessageWithNegativeTTL).
  const ttl = Math.max(0, request.timeToLive ?? 0);
  if (!Number.isFinite(ttl)) throw new WorkflowError('INVALID_ARGUMENT', 'timeToLive must be a number of milliseconds');
  const correlationKey = request.correlationKey ?? '';
  const { messageKey, pending } = await runner.transaction(async (tx) => {
    // Serialises with subscriptions opening for the same name and key (see correlateBufferedMessage in runtime/behaviors/event-subscriptions.ts).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${request.name}\u001f${correlationKey}`}))`);
    const now = runner.clock.now();
    if (request.messageId) {
      const [existing] = await tx
        .select({ key: wfMessages.key })
        .from(wfMessages)
        .where(and(eq(wfMessages.name, request.name), eq(wfMessages.messageId, request.messageId), gt(wfMessages.expiresAt, now)));
      if (existing) {
        throw new WorkflowError(
          'ALREADY_EXISTS',
          `A message with name '${request.name}' and id '${request.messageId}' was already published and is still buffered`,
        );
      }
    }
    const key = await runner.keys.take(tx);
    await tx.insert(wfMessages).values({
      key,
      name: request.name,
      correlationKey,
      variables: request.variables ?? {},
      messageId: request.messageId ?? null,
      expiresAt: new Date(now.getTime() + ttl),
    });
    // Waiting catch events first, then start events; one subscription per BPMN process id (Zeebe's
    // MessageCorrelateBehavior: a message is correlated at most once per process).
    const candidates = await tx
      .select({ key: wfMessageSubscriptions.key, rootKey: wfMessageSubscriptions.rootKey, bpmnProcessId: wfMessageSubscriptions.bpmnProcessId })
      .from(wfMessageSubscriptions)
      .where(
        and(
          eq(wfMessageSubscriptions.messageName, request.name),
          sql`(${wfMessageSubscriptions.correlationKey} = ${correlationKey} or ${wfMessageSubscriptions.correlationKey} is null)`,
        ),
      )
      .orderBy(sql`${wfMessageSubscriptions.elementInstanceKey} is null`, asc(wfMessageSubscriptions.key));
    const processes = new Set<string>();
    const subscriptions = candidates.filter((s) => !processes.has(s.bpmnProcessId) && processes.add(s.bpmnProcessId));
    const rows = [];
    for (const s of subscriptions) {
      rows.push({ key: await runner.keys.take(tx), messageKey: key, subscriptionKey: s.key, rootKey: s.rootKey, createdAt: now });
    }
    if (rows.length > 0) await tx.insert(wfPendingCorrelations).values(rows);
    return { messageKey: key, pending: rows };
  });
  const correlated: number[] = [];
  for (const row of pending) {
    const instance = await correlatePending(runner, row);
    if (instance !== undefined) correlated.push(instance);
  }
  return { messageKey, correlated };
}

/** Publishes a message with no time to live and answers the first process instance it reached (Camunda's correlate). */
export async function correlateMessage(
  runner: CommandRunner,
  request: Parameters<WorkflowEngine['correlateMessage']>[0],
): ReturnType<WorkflowEngine['correlateMessage']> {
  const tenantId = '<default>';
  if (request.tenantId !== undefined && request.tenantId !== tenantId) {
    throw new WorkflowError('INVALID_ARGUMENT', `tenantId must be '${tenantId}': the embedded engine is single-tenant`);
  }
  const correlationKey = request.correlationKey ?? '';
  const { messageKey, correlated } = await publish(runner, { name: request.name, correlationKey, variables: request.variables ?? {}, timeToLive: 0 });
  if (correlated.length === 0) {
    throw new WorkflowError(
      'NOT_FOUND',
      `Expected to find a subscription for message with name '${request.name}' and correlation key '${correlationKey}', but none was found`,
    );
  }
  return { messageKey: String(messageKey), processInstanceKey: String(correlated[0]), tenantId };
}

/** Executes one correlation decided by a publish; idempotent, so the scheduler may retry it after a crash. */
export async function correlatePending(runner: CommandRunner, pending: PendingCorrelation): Promise<number | undefined> {
  const none = { jobTypes: new Set<string>(), instance: undefined };
  const { jobTypes, instance } = await runner.transaction(async (tx): Promise<{ jobTypes: Set<string>; instance: number | undefined }> => {
    const done = () => tx.delete(wfPendingCorrelations).where(eq(wfPendingCorrelations.key, pending.key));
    const [message] = await tx.select().from(wfMessages).where(eq(wfMessages.key, pending.messageKey));
    if (!message) return done().then(() => none);
    if (pending.rootKey === null) return correlateStart(runner, tx, pending, message).finally(done);
    const tree = (await loadTree(tx, pending.rootKey, runner.definitions))?.tree;
    const [subscription] = await tx
      .select()
      .from(wfMessageSubscriptions)
      .where(eq(wfMessageSubscriptions.key, pending.subscriptionKey));
    if (!tree || !subscription) return done().then(() => none);
    const owner = tree.elements.get(subscription.elementInstanceKey!);
    const [already] = await tx
      .select()
      .from(wfMessageCorrelations)
      .where(
        and(
          eq(wfMessageCorrelations.messageKey, message.key),
          eq(wfMessageCorrelations.target, correlationTarget(subscription.bpmnProcessId)),
        ),
      );
    await done();
    if (!owner || already) return none;
    const { jobTypes } = await runner.command(tx, tree, (execution) =>
      correlate(execution, owner, subscription.elementId, message.key, message.variables as Variables),
    );
    return { jobTypes, instance: owner.processInstanceKey };
  });
  runner.wake(jobTypes);
  return instance;
}

/** A message start event: one instance per process id and message; one active instance per correlation key. */
async function correlateStart(
  runner: CommandRunner,
  tx: Transaction,
  pending: PendingCorrelation,
  message: typeof wfMessages.$inferSelect,
): Promise<{ jobTypes: Set<string>; instance: number | undefined }> {
  const none = { jobTypes: new Set<string>(), instance: undefined };
  const [subscription] = await tx
    .select()
    .from(wfMessageSubscriptions)
    .where(eq(wfMessageSubscriptions.key, pending.subscriptionKey));
  if (!subscription) return none;
  const target = correlationTarget(subscription.bpmnProcessId);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`start\u001f${target}\u001f${message.correlationKey}`}))`);
  const [already] = await tx
    .select()
    .from(wfMessageCorrelations)
    .where(and(eq(wfMessageCorrelations.messageKey, message.key), eq(wfMessageCorrelations.target, target)));
  if (already) return none;
  if (message.correlationKey !== '') {
    const [active] = await tx
      .select({ key: wfProcessInstances.key })
      .from(wfProcessInstances)
      .where(
        and(
          eq(wfProcessInstances.bpmnProcessId, subscription.bpmnProcessId),
          eq(wfProcessInstances.state, 'ACTIVE'),
          eq(wfProcessInstances.startCorrelationKey, message.correlationKey),
        ),
      )
      .limit(1);
    if (active) return none;
  }
  const definition = await runner.definitions.get(tx, subscription.processDefinitionKey);
  if (!definition) return none;
  await tx.insert(wfMessageCorrelations).values({ messageKey: message.key, target });
  const { result, jobTypes } = await startInstance(runner, tx, definition, message.variables as Variables, {
    startEventId: subscription.elementId,
    ...(message.correlationKey !== '' ? { startCorrelationKey: message.correlationKey } : {}),
  });
  return { jobTypes, instance: Number(result.processInstanceKey) };
}

/**
 * An instance started by a message with a correlation key ended: the oldest buffered message for
 * that key, not yet correlated to the process, starts the next instance (Zeebe's
 * BpmnBufferedMessageStartEventBehavior).
 */
export async function startBufferedMessageInstance(
  runner: CommandRunner,
  tx: Transaction,
  bpmnProcessId: string,
  correlationKey: string,
): Promise<Set<string>> {
  const target = correlationTarget(bpmnProcessId);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`start\u001f${target}\u001f${correlationKey}`}))`);
  const [found] = await tx
    .select({ message: wfMessages, subscription: wfMessageSubscriptions })
    .from(wfMessages)
    .innerJoin(
      wfMessageSubscriptions,
      and(
        eq(wfMessageSubscriptions.messageName, wfMessages.name),
        eq(wfMessageSubscriptions.bpmnProcessId, bpmnProcessId),
        isNull(wfMessageSubscriptions.elementInstanceKey),
      ),
    )
    .where(
      and(
        eq(wfMessages.correlationKey, correlationKey),
        gt(wfMessages.expiresAt, runner.clock.now()),
        sql`not exists (select 1 from ${wfMessageCorrelations} c where c.message_key = ${wfMessages.key} and c.target = ${target})`,
        sql`not exists (select 1 from ${wfProcessInstances} p where p.bpmn_process_id = ${bpmnProcessId} and p.state = 'ACTIVE' and p.start_correlation_key = ${correlationKey})`,
      ),
    )
    .orderBy(asc(wfMessages.key))
    .limit(1);
  if (!found) return new Set();
  const definition = await runner.definitions.get(tx, found.subscription.processDefinitionKey);
  if (!definition) return new Set();
  await tx.insert(wfMessageCorrelations).values({ messageKey: found.message.key, target });
  const { jobTypes } = await startInstance(runner, tx, definition, found.message.variables as Variables, {
    startEventId: found.subscription.elementId,
    startCorrelationKey: correlationKey,
  });
  return jobTypes;
}
