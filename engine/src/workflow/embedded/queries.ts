import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database/database.js';
import {
  WorkflowError,
  type ElementInstance,
  type ProcessInstance,
  type ProcessInstanceFilter,
  type Variables,
} from '../workflow-engine.port.js';
import { parseKey } from './arguments.js';
import { wfElementInstances, wfProcessInstances, wfVariables } from './workflow.schema.js';

export async function getProcessInstance(db: Database, processInstanceKey: string): Promise<ProcessInstance> {
  const [row] = await db
    .select()
    .from(wfProcessInstances)
    .where(eq(wfProcessInstances.key, parseKey(processInstanceKey, 'process instance')));
  if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${processInstanceKey} not found`);
  return toProcessInstance(row);
}

export async function searchProcessInstances(db: Database, filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
  const where: SQL[] = [];
  if (filter.processDefinitionId) where.push(eq(wfProcessInstances.bpmnProcessId, filter.processDefinitionId));
  if (filter.state) where.push(eq(wfProcessInstances.state, filter.state));
  if (filter.processInstanceKeys) {
    if (filter.processInstanceKeys.length === 0) return [];
    where.push(inArray(wfProcessInstances.key, filter.processInstanceKeys.map((k) => parseKey(k, 'process instance'))));
  }
  for (const variable of filter.variables ?? []) {
    // A root instance's own variables live in the scope of its key.
    where.push(
      sql`exists (select 1 from ${wfVariables} where ${wfVariables.scopeKey} = ${wfProcessInstances.key} and ${wfVariables.name} = ${variable.name} and ${wfVariables.value} = ${JSON.stringify(variable.value)}::jsonb)`,
    );
  }
  const rows = await db.select().from(wfProcessInstances).where(and(...where)).orderBy(asc(wfProcessInstances.key));
  return rows.map(toProcessInstance);
}

export async function getElementInstances(db: Database, processInstanceKey: string): Promise<ElementInstance[]> {
  const key = parseKey(processInstanceKey, 'process instance');
  await getProcessInstance(db, processInstanceKey);
  const rows = await db
    .select()
    .from(wfElementInstances)
    .where(and(eq(wfElementInstances.processInstanceKey, key), ne(wfElementInstances.elementType, 'PROCESS')))
    .orderBy(asc(wfElementInstances.key));
  return rows.map((r) => ({
    elementInstanceKey: String(r.key),
    processInstanceKey: String(r.processInstanceKey),
    elementId: r.elementId,
    ...(r.elementName ? { elementName: r.elementName } : {}),
    type: r.elementType,
    state: r.state,
    startDate: r.startDate.toISOString(),
    ...(r.endDate ? { endDate: r.endDate.toISOString() } : {}),
    ...(r.incidentKey !== null ? { incidentKey: String(r.incidentKey) } : {}),
  }));
}

/** The process instance's own (root scope) variables. */
export async function getVariables(db: Database, processInstanceKey: string): Promise<Variables> {
  const key = parseKey(processInstanceKey, 'process instance');
  await getProcessInstance(db, processInstanceKey);
  const rows = await db.select().from(wfVariables).where(eq(wfVariables.scopeKey, key));
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

function toProcessInstance(row: typeof wfProcessInstances.$inferSelect): ProcessInstance {
  return {
    processInstanceKey: String(row.key),
    processDefinitionKey: String(row.processDefinitionKey),
    processDefinitionId: row.bpmnProcessId,
    processDefinitionVersion: row.version,
    state: row.state,
    startDate: row.startDate.toISOString(),
    ...(row.endDate ? { endDate: row.endDate.toISOString() } : {}),
    ...(row.parentProcessInstanceKey !== null ? { parentProcessInstanceKey: String(row.parentProcessInstanceKey) } : {}),
    hasIncident: row.incidentCount > 0,
  };
}
