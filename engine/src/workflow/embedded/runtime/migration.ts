import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../../database/database.js';
import { WorkflowError, type MappingInstruction } from '../../workflow-engine.port.js';
import type { ElementDef } from '../model/definition.js';
import { wfElementInstances, wfIncidents, wfJobs, wfProcessInstances, wfUserTasks } from '../workflow.schema.js';
import type { LoadedDefinition } from './definitions.js';
import type { InstanceTree } from './state.js';

/** Elements whose wait is one job or one user task: moving them to another model moves one row each. */
const MIGRATABLE = new Set(['SERVICE_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'BUSINESS_RULE_TASK', 'USER_TASK']);

/**
 * Moves a running instance to another process definition, as Camunda 8 does with a migration plan:
 * every active element is mapped to an element of the same type in the target, and its job or user
 * task follows it. Only what can be moved without re-creating state is accepted: tasks directly in
 * the process, with no boundary events on either side, no token waiting at a join, no event
 * sub-processes, no multi-instance, no call activity and nothing left to compensate. Anything else
 * is refused with every reason.
 */
export async function migrateInstance(
  tx: Transaction,
  tree: InstanceTree,
  processInstanceKey: number,
  source: LoadedDefinition,
  target: LoadedDefinition,
  mapping: readonly MappingInstruction[],
): Promise<void> {
  const bySource = new Map(mapping.map((m) => [m.sourceElementId, m.targetElementId]));
  const problems: string[] = [];
  if (tree.processInstances.size > 1) problems.push('it has called process instances (call activities cannot be migrated)');
  for (const [label, model] of [['source', source.model], ['target', target.model]] as const) {
    if (model.elements[model.id].eventSubProcesses.length) problems.push(`the ${label} process has event sub-processes`);
  }
  const moves: { elementInstanceKey: number; to: ElementDef }[] = [];
  for (const element of tree.elements.values()) {
    if (element.processInstanceKey !== processInstanceKey) continue;
    if (element.elementType === 'PROCESS') {
      if (Object.keys(element.data.joins ?? {}).length) problems.push('a token is waiting at a parallel or inclusive join');
      // What is recorded for compensation names elements of the source model.
      if (element.data.compensable?.length) problems.push('activities it completed can still be compensated');
      continue;
    }
    const from = source.model.elements[element.elementId];
    const where = `'${element.elementId}'`;
    if (!MIGRATABLE.has(element.elementType)) {
      problems.push(`it is active in ${where}, a ${element.elementType}; only tasks can be migrated`);
      continue;
    }
    if (element.data.mi || element.data.inner) problems.push(`${where} is a multi-instance activity`);
    if (from?.scopeId !== source.model.id) problems.push(`${where} is inside a sub-process`);
    if (from?.boundaryEvents.length || from?.compensation) problems.push(`${where} has boundary events`);
    if (element.data.compensates !== undefined) problems.push(`${where} is a running compensation handler`);
    const targetId = bySource.get(element.elementId);
    const to = targetId === undefined ? undefined : target.model.elements[targetId];
    if (targetId === undefined) problems.push(`the mapping does not cover the active element ${where}`);
    else if (!to) problems.push(`the target has no element '${targetId}' for ${where}`);
    else if (to.type !== element.elementType) problems.push(`${where} is a ${element.elementType} but '${to.id}' is a ${to.type}`);
    else if (to.scopeId !== target.model.id) problems.push(`the target element '${to.id}' is inside a sub-process`);
    else if (to.boundaryEvents.length || to.compensation) problems.push(`the target element '${to.id}' has boundary events`);
    else if (!!to.userTask !== !!from?.userTask) problems.push(`${where} and '${to.id}' are not the same kind of user task`);
    else moves.push({ elementInstanceKey: element.key, to });
  }
  if (problems.length) {
    throw new WorkflowError('INVALID_STATE', `Process instance ${processInstanceKey} cannot be migrated: ${[...new Set(problems)].join('; ')}`);
  }

  const definition = { processDefinitionKey: target.key, bpmnProcessId: target.bpmnProcessId };
  await tx
    .update(wfProcessInstances)
    .set({ ...definition, version: target.version })
    .where(eq(wfProcessInstances.key, processInstanceKey));
  await tx
    .update(wfElementInstances)
    .set({ elementId: target.model.id, elementName: target.model.name ?? null })
    .where(and(eq(wfElementInstances.key, processInstanceKey), eq(wfElementInstances.state, 'ACTIVE')));
  for (const { elementInstanceKey, to } of moves) {
    const onElement = (column: typeof wfJobs.elementInstanceKey | typeof wfUserTasks.elementInstanceKey) => eq(column, elementInstanceKey);
    await tx.update(wfElementInstances).set({ elementId: to.id, elementName: to.name ?? null }).where(eq(wfElementInstances.key, elementInstanceKey));
    // The job keeps its type, retries and headers (Zeebe does the same): only its place changes.
    await tx
      .update(wfJobs)
      .set({ elementId: to.id, ...definition, processDefinitionVersion: target.version })
      .where(and(onElement(wfJobs.elementInstanceKey), inArray(wfJobs.state, ['ACTIVATABLE', 'ACTIVATED', 'FAILED'])));
    await tx
      .update(wfUserTasks)
      .set({ elementId: to.id, name: to.name ?? null, ...definition })
      .where(and(onElement(wfUserTasks.elementInstanceKey), eq(wfUserTasks.state, 'CREATED')));
    await tx
      .update(wfIncidents)
      .set({ elementId: to.id })
      .where(and(eq(wfIncidents.elementInstanceKey, elementInstanceKey), eq(wfIncidents.state, 'ACTIVE')));
  }
}
