import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../database/database.js';
import type { ListenerUserTask } from '../workflow-engine.port.js';
import type { ElementData } from './runtime/state.js';
import { wfElementInstances, wfJobs, wfUserTasks } from './workflow.schema.js';

/**
 * The user task each activated task listener job is about, read in one query: the task row and the
 * transition its element waits in (the assignee asked for is not the task's until the listeners
 * accept). Keyed by job key.
 */
export async function listenerUserTasks(tx: Executor, jobs: (typeof wfJobs.$inferSelect)[]): Promise<Map<number, ListenerUserTask>> {
  const listenerJobs = jobs.filter((j) => j.kind === 'TASK_LISTENER');
  const result = new Map<number, ListenerUserTask>();
  if (listenerJobs.length === 0) return result;
  const rows = await tx
    .select({ task: wfUserTasks, data: wfElementInstances.data })
    .from(wfUserTasks)
    .innerJoin(wfElementInstances, eq(wfElementInstances.key, wfUserTasks.elementInstanceKey))
    .where(
      and(
        inArray(wfUserTasks.elementInstanceKey, listenerJobs.map((j) => j.elementInstanceKey)),
        inArray(wfUserTasks.state, ['ASSIGNING', 'COMPLETING']),
      ),
    );
  const byElement = new Map(rows.map((r) => [r.task.elementInstanceKey, r]));
  for (const job of listenerJobs) {
    const row = byElement.get(job.elementInstanceKey);
    if (!row) continue;
    const { task } = row;
    const transition = (row.data as ElementData).taskTransition;
    const assigning = transition?.event === 'assigning';
    const assignee = assigning ? transition.assignee : task.assignee;
    result.set(job.key, {
      userTaskKey: String(task.key),
      action: assigning ? 'assign' : 'complete',
      ...(assignee ? { assignee } : {}),
      candidateGroups: task.candidateGroups,
      candidateUsers: task.candidateUsers,
      ...(task.dueDate ? { dueDate: task.dueDate.toISOString() } : {}),
      ...(task.followUpDate ? { followUpDate: task.followUpDate.toISOString() } : {}),
      ...(task.formKey ? { formKey: task.formKey } : {}),
      changedAttributes: assigning ? ['assignee'] : [],
    });
  }
  return result;
}
