import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database/database.js';
import { WorkflowError, type UserTask, type UserTaskFilter, type Variables } from '../workflow-engine.port.js';
import { checkVariables, parseKey } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { beginTransition, taskListenersOf } from './runtime/behaviors/task-listeners.js';
import { complete } from './runtime/behaviors/transitions.js';
import { wfUserTasks } from './workflow.schema.js';
import { literal } from '../../database/sql-literal.js';

export async function searchUserTasks(db: Database, filter: UserTaskFilter): Promise<UserTask[]> {
  const where: SQL[] = [];
  if (filter.state) where.push(eq(wfUserTasks.state, filter.state));
  if (filter.assignee) where.push(eq(wfUserTasks.assignee, filter.assignee));
  if (filter.candidateGroups?.length) {
    where.push(sql`${wfUserTasks.candidateGroups} ?| ${sql.raw(`array[${filter.candidateGroups.map(quote).join(',')}]`)}`);
  }
  if (filter.candidateUser) where.push(sql`${wfUserTasks.candidateUsers} ? ${filter.candidateUser}`);
  if (filter.processInstanceKey) where.push(eq(wfUserTasks.processInstanceKey, parseKey(filter.processInstanceKey, 'process instance')));
  if (filter.elementId) where.push(eq(wfUserTasks.elementId, filter.elementId));
  const rows = await db.select().from(wfUserTasks).where(and(...where)).orderBy(asc(wfUserTasks.key));
  return rows.map(toUserTask);
}

export async function getUserTask(db: Database, userTaskKey: string): Promise<UserTask> {
  const [row] = await db.select().from(wfUserTasks).where(eq(wfUserTasks.key, parseKey(userTaskKey, 'user task')));
  if (!row) throw new WorkflowError('NOT_FOUND', `User task ${userTaskKey} not found`);
  return toUserTask(row);
}

export async function assignUserTask(runner: CommandRunner, userTaskKey: string, assignee: string | null, allowOverride: boolean): Promise<void> {
  const task = await getUserTask(runner.db, userTaskKey);
  if (task.state !== 'CREATED') throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is ${task.state}, it cannot be assigned`);
  const key = Number(userTaskKey);
  const definition = await runner.definitions.get(runner.db, Number(task.processDefinitionKey));
  if (definition?.model.elements[task.elementId]?.taskListeners?.some((l) => l.eventType === 'assigning')) {
    return assignThroughListeners(runner, key, assignee, allowOverride);
  }
  const conditions = [eq(wfUserTasks.key, key), eq(wfUserTasks.state, 'CREATED')];
  if (!allowOverride && assignee !== null) {
    conditions.push(sql`(${wfUserTasks.assignee} is null or ${wfUserTasks.assignee} = ${assignee})`);
  }
  const updated = await runner.db
    .update(wfUserTasks)
    .set({ assignee })
    .where(and(...conditions))
    .returning({ key: wfUserTasks.key });
  if (updated.length === 0) {
    throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is already assigned to ${task.assignee ?? 'someone else'}`);
  }
}

/** Assignment of a task with assigning listeners: a command on its tree, which the listeners' jobs continue. */
async function assignThroughListeners(runner: CommandRunner, key: number, assignee: string | null, allowOverride: boolean): Promise<void> {
  const [row] = await runner.db.select({ rootKey: wfUserTasks.rootKey }).from(wfUserTasks).where(eq(wfUserTasks.key, key));
  await runner.onTree(
    row.rootKey,
    async (execution, tx) => {
      const [task] = await tx.select().from(wfUserTasks).where(eq(wfUserTasks.key, key));
      if (task.state !== 'CREATED') throw new WorkflowError('INVALID_STATE', `User task ${key} is ${task.state}, it cannot be assigned`);
      if (!allowOverride && assignee !== null && task.assignee !== null && task.assignee !== assignee) {
        throw new WorkflowError('INVALID_STATE', `User task ${key} is already assigned to ${task.assignee}`);
      }
      const element = execution.tree.elements.get(task.elementInstanceKey)!;
      await beginTransition(execution, element, { event: 'assigning', userTaskKey: key, index: 0, assignee });
    },
    () => new WorkflowError('INVALID_STATE', `User task ${key} belongs to a process instance that is no longer active`),
  );
}

/**
 * Locks the task's tree (found from the task in the same statement) and marks the task completed
 * with a conditional UPDATE loaded together with the tree: one round-trip each. Any refusal rolls
 * the update back; the task is then read again only to say why.
 */
export async function completeUserTask(runner: CommandRunner, userTaskKey: string, variables?: Variables): Promise<void> {
  checkVariables(variables);
  const key = parseKey(userTaskKey, 'user task');
  const now = runner.clock.now();
  await runner.lockedCommand(
    `select root_key from wf_user_tasks where key = ${literal(key)}`,
    {
      with: `update wf_user_tasks set state = 'COMPLETED', completion_date = ${literal(now)}::timestamptz
        where key = ${literal(key)} and state = 'CREATED' returning element_instance_key`,
    },
    async (tx, loaded) => {
      const updated = loaded?.rows[0] as { element_instance_key: number } | undefined;
      const element = updated && loaded!.tree.elements.get(updated.element_instance_key);
      if (!element) {
        const [task] = await tx.select({ state: wfUserTasks.state }).from(wfUserTasks).where(eq(wfUserTasks.key, key));
        if (!task) throw new WorkflowError('NOT_FOUND', `User task ${userTaskKey} not found`);
        throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is ${task.state}, it cannot be completed`);
      }
      return runner.command(
        tx,
        loaded!.tree,
        async (execution) => {
          // With completing listeners the task is COMPLETING instead, until the last one completes.
          if (taskListenersOf(execution, element, 'completing').length === 0) return complete(execution, element, variables);
          const transition = { event: 'completing' as const, userTaskKey: key, index: 0, ...(variables ? { variables } : {}) };
          await beginTransition(execution, element, transition);
        },
        now,
        { deferWrites: true },
      );
    },
  );
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function toUserTask(row: typeof wfUserTasks.$inferSelect): UserTask {
  return {
    userTaskKey: String(row.key),
    processInstanceKey: String(row.processInstanceKey),
    processDefinitionId: row.bpmnProcessId,
    processDefinitionKey: String(row.processDefinitionKey),
    elementId: row.elementId,
    elementInstanceKey: String(row.elementInstanceKey),
    ...(row.name ? { name: row.name } : {}),
    state: row.state,
    ...(row.assignee ? { assignee: row.assignee } : {}),
    candidateGroups: row.candidateGroups,
    candidateUsers: row.candidateUsers,
    ...(row.dueDate ? { dueDate: row.dueDate.toISOString() } : {}),
    ...(row.followUpDate ? { followUpDate: row.followUpDate.toISOString() } : {}),
    ...(row.formKey ? { formKey: row.formKey } : {}),
    customHeaders: row.customHeaders,
    creationDate: row.creationDate.toISOString(),
    ...(row.completionDate ? { completionDate: row.completionDate.toISOString() } : {}),
  };
}
