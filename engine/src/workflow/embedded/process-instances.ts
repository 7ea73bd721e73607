import { eq } from 'drizzle-orm';
import type { Transaction } from '../../database/database.js';
import {
  WorkflowError,
  type CreateInstanceRequest,
  type MigrateInstanceRequest,
  type ProcessInstanceRef,
  type Variables,
} from '../workflow-engine.port.js';
import { checkVariables, parseKey } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { DefinitionCache, type LoadedDefinition } from './runtime/definitions.js';
import { terminate } from './runtime/behaviors/transitions.js';
import { migrateInstance } from './runtime/migration.js';
import { startProcessInstance } from './runtime/processors/process.js';
import { InstanceTree } from './runtime/state.js';
import { loadTree } from './runtime/store.js';
import { wfProcessInstances } from './workflow.schema.js';

export async function createProcessInstance(runner: CommandRunner, request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
  checkVariables(request.variables);
  const find = DefinitionCache.findStatement(request.processDefinitionId, request.processDefinitionVersion);
  return runner.commandInTransaction([find], async (tx, [[found]]) => {
    const definition = found && (await runner.definitions.get(tx, Number(found.key)));
    if (!definition) {
      const version = request.processDefinitionVersion === undefined ? '' : ` version ${request.processDefinitionVersion}`;
      throw new WorkflowError('NOT_FOUND', `No process definition '${request.processDefinitionId}'${version} is deployed`);
    }
    if (!definition.model.elements[definition.model.id].noneStartEvent) {
      throw new WorkflowError(
        'INVALID_STATE',
        `Process '${definition.bpmnProcessId}' has no none start event; it starts by message, timer or signal only`,
      );
    }
    return startInstance(runner, tx, definition, request.variables ?? {}, {}, { deferWrites: true });
  });
}

/** Starts a new process instance in the caller's transaction (at its none start event unless one is given). */
export async function startInstance(
  runner: CommandRunner,
  tx: Transaction,
  definition: LoadedDefinition,
  variables: Variables,
  options: { startEventId?: string; startCorrelationKey?: string } = {},
  { deferWrites = false } = {},
) {
  const key = await runner.keys.take(tx);
  const tree = new InstanceTree(key);
  return runner.command(tx, tree, async (execution) => {
    await startProcessInstance(execution, definition, variables, { ...options, key });
    return {
      processInstanceKey: String(key),
      processDefinitionKey: String(definition.key),
      processDefinitionId: definition.bpmnProcessId,
      processDefinitionVersion: definition.version,
    };
  }, undefined, { deferWrites });
}

export async function cancelProcessInstance(runner: CommandRunner, processInstanceKey: string): Promise<void> {
  const key = parseKey(processInstanceKey, 'process instance');
  const [row] = await runner.db.select().from(wfProcessInstances).where(eq(wfProcessInstances.key, key));
  if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${processInstanceKey} not found`);
  if (row.parentProcessInstanceKey !== null) {
    throw new WorkflowError(
      'INVALID_STATE',
      `Process instance ${processInstanceKey} was created by a call activity; cancel its root instance ${row.rootKey} instead`,
    );
  }
  await runner.onTree(
    key,
    async (execution) => terminate(execution, execution.tree.elements.get(key)!),
    () => new WorkflowError('INVALID_STATE', `Process instance ${processInstanceKey} is not active (it is ${row.state})`),
  );
}

export async function migrateProcessInstance(runner: CommandRunner, request: MigrateInstanceRequest): Promise<void> {
  const key = parseKey(request.processInstanceKey, 'process instance');
  const targetKey = parseKey(request.targetProcessDefinitionKey, 'process definition');
  await runner.transaction(async (tx) => {
    const target = await runner.definitions.get(tx, targetKey);
    if (!target) throw new WorkflowError('NOT_FOUND', `Process definition ${request.targetProcessDefinitionKey} not found`);
    const tree = (await loadTree(tx, key, runner.definitions))?.tree;
    const instance = tree?.processInstances.get(key);
    if (!tree || !instance) {
      const [row] = await tx.select({ state: wfProcessInstances.state }).from(wfProcessInstances).where(eq(wfProcessInstances.key, key));
      if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${request.processInstanceKey} not found`);
      throw new WorkflowError('INVALID_STATE', `Process instance ${request.processInstanceKey} is not a running root instance`);
    }
    const source = runner.definitions.cached(instance.processDefinitionKey);
    await migrateInstance(tx, tree, key, source, target, request.mappingInstructions);
  });
}
