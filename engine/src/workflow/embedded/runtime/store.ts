import { and, eq, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { literal } from '../../../database/sql-literal.js';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '../../../database/database.js';
import {
  wfElementInstances,
  wfIncidents,
  wfJobs,
  wfMessageCorrelations,
  wfMessageSubscriptions,
  wfProcessInstances,
  wfSignalSubscriptions,
  wfTimers,
  wfUserTasks,
  wfVariables,
} from '../workflow.schema.js';
import type { DefinitionCache } from './definitions.js';
import type { ClosedWaits, Effects } from './effects.js';
import { InstanceTree, type ElementInstanceState, type ProcessInstanceState } from './state.js';

export interface LoadedTree {
  tree: InstanceTree;
  /** Rows returned by the `with` statement (as JSON: column names as keys). */
  rows: Record<string, unknown>[];
}

export interface TreeLoadOptions {
  skipLocked?: boolean;
  /** A statement (as text) run after the lock, in the loading statement, whose rows come back in `rows`. */
  with?: string;
}

/**
 * Loads an instance tree under a row lock on its active process instances, with two statements
 * whatever the size of the tree: the lock, then elements and variables together (a statement of its
 * own, so that it reads what the previous holder of the lock committed).
 *
 * `root` is the root key, or a scalar subquery (as text) finding it (the root of a task's tree, say): the
 * lookup then costs no round-trip of its own. `with` is a statement to run after the lock in the
 * same statement as the load, typically the conditional UPDATE that checks and moves a job or task.
 */
export async function loadTree(
  tx: Transaction,
  root: number | string,
  definitions: DefinitionCache,
  options: TreeLoadOptions = {},
): Promise<LoadedTree | undefined> {
  const opened: Record<string, unknown>[][] = [];
  for (const statement of treeLoadStatements(root, options)) opened.push(((await tx.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows);
  return treeFromRows(tx, opened, definitions);
}

/**
 * The two statements of `loadTree`, for a caller that sends them itself (see pipelinedTransaction).
 * Written as text, not through the ORM: every command builds them.
 */
export function treeLoadStatements(root: number | string, options: TreeLoadOptions = {}): [SQL, SQL] {
  const rootKey = typeof root === 'number' ? literal(root) : `(${root})`;
  const lock = `select coalesce(json_agg(p order by p.key), '[]') as instances from (select * from wf_process_instances
    where root_key = ${rootKey} and state = 'ACTIVE' order by key for update${options.skipLocked ? ' skip locked' : ''}) p`;
  const also = options.with;
  const load = `${also ? `with also as (${also}) ` : ''}select
    (select coalesce(json_agg(e order by e.key), '[]') from wf_element_instances e where e.root_key = ${rootKey} and e.state = 'ACTIVE') as elements,
    (select coalesce(json_agg(v), '[]') from wf_variables v where v.root_key = ${rootKey}) as variables${
      also ? `, (select coalesce(json_agg(also), '[]') from also) as rows` : ''
    }`;
  return [sql.raw(lock), sql.raw(load)];
}

/** The tree from the rows of `treeLoadStatements`; undefined when its root is no longer active. */
export async function treeFromRows(
  tx: Transaction,
  [locked, loadedRows]: Record<string, unknown>[][],
  definitions: DefinitionCache,
): Promise<LoadedTree | undefined> {
  const instances = (locked[0] as { instances: ProcessInstanceRow[] }).instances.map(toProcessInstance);
  const loaded = loadedRows[0] as { elements: ElementRow[]; variables: VariableRow[]; rows?: Record<string, unknown>[] };
  const rootKey = instances[0]?.rootKey;
  if (rootKey === undefined || !instances.some((i) => i.key === rootKey)) return undefined;
  const tree = new InstanceTree(rootKey);
  for (const instance of instances) {
    await definitions.get(tx, instance.processDefinitionKey);
    tree.addProcessInstance(instance, false);
  }
  for (const row of loaded.elements) tree.addElement(toElement(row), false);
  for (const variable of loaded.variables) {
    let scope = tree.variables.get(variable.scope_key);
    if (!scope) tree.variables.set(variable.scope_key, (scope = new Map<string, unknown>()));
    scope.set(variable.name, variable.value);
  }
  return { tree, rows: loaded.rows ?? [] };
}

/** wf_process_instances rows as json_agg renders them (keys stay below 2^53). */
interface ProcessInstanceRow {
  key: number;
  root_key: number;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
  process_definition_key: number;
  bpmn_process_id: string;
  version: number;
  state: ProcessInstanceState['state'];
  start_correlation_key: string | null;
  incident_count: number;
  start_date: string;
  end_date: string | null;
}

function toProcessInstance(row: ProcessInstanceRow): ProcessInstanceState {
  return {
    key: row.key,
    rootKey: row.root_key,
    parentProcessInstanceKey: row.parent_process_instance_key,
    parentElementInstanceKey: row.parent_element_instance_key,
    processDefinitionKey: row.process_definition_key,
    bpmnProcessId: row.bpmn_process_id,
    version: row.version,
    state: row.state,
    startCorrelationKey: row.start_correlation_key,
    incidentCount: row.incident_count,
    startDate: new Date(row.start_date),
    endDate: row.end_date === null ? null : new Date(row.end_date),
  };
}

/** wf_element_instances and wf_variables rows as json_agg renders them (keys stay below 2^53). */
interface ElementRow {
  key: number;
  process_instance_key: number;
  root_key: number;
  scope_key: number | null;
  element_id: string;
  element_name: string | null;
  element_type: ElementInstanceState['elementType'];
  state: ElementInstanceState['state'];
  data: ElementInstanceState['data'];
  loop_counter: number | null;
  incident_key: number | null;
  start_date: string;
  end_date: string | null;
}

interface VariableRow {
  scope_key: number;
  name: string;
  value: unknown;
}

function toElement(row: ElementRow): ElementInstanceState {
  return {
    key: row.key,
    processInstanceKey: row.process_instance_key,
    rootKey: row.root_key,
    scopeKey: row.scope_key,
    elementId: row.element_id,
    elementName: row.element_name,
    elementType: row.element_type,
    state: row.state,
    data: row.data,
    loopCounter: row.loop_counter,
    incidentKey: row.incident_key,
    startDate: new Date(row.start_date),
    endDate: row.end_date === null ? null : new Date(row.end_date),
  };
}

/**
 * Writes a command's changes. Inserts and upserts of all tables go in ONE statement (a CTE per
 * table, rows passed as JSON), and so do the closing of waits and the deletion of fired timers:
 * they touch only rows older than the command, which no other part of the statement writes (the
 * parts of one statement do not see each other's rows). A typical step thus costs one round-trip.
 * Job updates (incident resolution, rare) must precede closing; with them, closing follows them.
 */
export async function flush(tx: Transaction, tree: InstanceTree, effects: Effects): Promise<void> {
  for (const statement of flushStatements(tx, tree, effects)) await tx.execute(statement);
}

/** The statements of `flush`, in the order they must run. */
export function flushStatements(tx: Transaction, tree: InstanceTree, effects: Effects): SQL[] {
  // Written as text, not through the ORM: every command sends it.
  const parts: string[] = [];
  const instances = [...tree.changedProcessInstances].map((k) => tree.processInstances.get(k)!);
  parts.push(
    upsert(wfProcessInstances, instances, '(key) do update set state = excluded.state, end_date = excluded.end_date, incident_count = excluded.incident_count'),
  );
  const elements = [...tree.changedElements].map((k) => tree.elements.get(k)!);
  parts.push(
    upsert(wfElementInstances, elements, '(key) do update set state = excluded.state, end_date = excluded.end_date, data = excluded.data, incident_key = excluded.incident_key'),
  );
  if (tree.droppedScopes.size > 0) {
    parts.push(`delete from wf_variables where scope_key = ${anyKey([...tree.droppedScopes])}`);
  }
  const variables: (typeof wfVariables.$inferInsert)[] = [];
  for (const [scopeKey, names] of tree.changedVariables) {
    const scopeElement = tree.elements.get(scopeKey);
    const processInstanceKey = scopeElement ? scopeElement.processInstanceKey : scopeKey;
    for (const name of names) {
      variables.push({ scopeKey, name, value: tree.getVariable(scopeKey, name) ?? null, processInstanceKey, rootKey: tree.rootKey });
    }
  }
  parts.push(upsert(wfVariables, variables, '(scope_key, name) do update set value = excluded.value'));
  parts.push(upsert(wfJobs, effects.jobs));
  parts.push(upsert(wfUserTasks, effects.userTasks));
  parts.push(upsert(wfTimers, effects.timers));
  parts.push(upsert(wfMessageSubscriptions, effects.subscriptions));
  parts.push(upsert(wfSignalSubscriptions, effects.signalSubscriptions));
  parts.push(upsert(wfIncidents, effects.incidents));
  parts.push(upsert(wfMessageCorrelations, effects.correlations, 'do nothing'));
  const closeInline = effects.jobUpdates.length === 0;
  if (closeInline) {
    parts.push(...closeWholeElements(effects));
    if (effects.timerDeletes.length > 0) parts.push(`delete from wf_timers where key = ${anyKey(effects.timerDeletes)}`);
  }
  const statements: SQL[] = [];
  const combined = parts.filter((p) => p !== '');
  if (combined.length > 0) statements.push(sql.raw(`with ${combined.map((statement, i) => `w${i} as (${statement})`).join(', ')} select 1`));

  for (const update of effects.jobUpdates) {
    statements.push(
      tx
        .update(wfJobs)
        .set({
          state: update.state,
          ...(update.retries !== undefined ? { retries: update.retries } : {}),
          ...(update.errorMessage !== undefined ? { errorMessage: update.errorMessage } : {}),
          ...(update.availableAt ? { availableAt: update.availableAt } : {}),
          ...(update.state !== 'ACTIVATED' ? { worker: null } : {}),
        })
        .where(eq(wfJobs.key, update.key))
        .getSQL(),
    );
  }
  if (effects.resolvedIncidents.length > 0) {
    statements.push(
      tx
        .update(wfIncidents)
        .set({ state: 'RESOLVED', resolvedTime: new Date() })
        .where(inArray(wfIncidents.key, effects.resolvedIncidents))
        .getSQL(),
    );
  }
  if (!closeInline) {
    if (effects.timerDeletes.length > 0) statements.push(tx.delete(wfTimers).where(inArray(wfTimers.key, effects.timerDeletes)).getSQL());
    statements.push(...closeWholeElements(effects).map((statement) => sql.raw(statement)));
  }
  // Narrowed closes (event sub-process starts, rare) run one by one after everything else.
  const narrowed = (waits: ClosedWaits[], elementInstanceKey: PgColumn, elementId: PgColumn) =>
    waits.filter((w) => w.elementIds).map((w) => and(eq(elementInstanceKey, w.elementInstanceKey), inArray(elementId, w.elementIds!))!);
  for (const where of narrowed(effects.closed.job, wfJobs.elementInstanceKey, wfJobs.elementId)) {
    statements.push(tx.update(wfJobs).set({ state: 'CANCELED' }).where(and(where, inArray(wfJobs.state, [...openStates]))).getSQL());
  }
  for (const where of narrowed(effects.closed.userTask, wfUserTasks.elementInstanceKey, wfUserTasks.elementId)) {
    statements.push(
      tx
        .update(wfUserTasks)
        .set({ state: 'CANCELED', completionDate: new Date() })
        .where(and(where, inArray(wfUserTasks.state, [...openTaskStates])))
        .getSQL(),
    );
  }
  for (const where of narrowed(effects.closed.timer, wfTimers.elementInstanceKey, wfTimers.elementId)) {
    statements.push(tx.delete(wfTimers).where(where).getSQL());
  }
  for (const where of narrowed(effects.closed.message, wfMessageSubscriptions.elementInstanceKey, wfMessageSubscriptions.elementId)) {
    statements.push(tx.delete(wfMessageSubscriptions).where(where).getSQL());
  }
  for (const where of narrowed(effects.closed.signal, wfSignalSubscriptions.elementInstanceKey, wfSignalSubscriptions.elementId)) {
    statements.push(tx.delete(wfSignalSubscriptions).where(where).getSQL());
  }
  return statements;
}

/** User task states that closing an element cancels (a task whose listeners run is still open). */
const openTaskStates = ['CREATED', 'ASSIGNING', 'COMPLETING'] as const;
const activeTaskStates = `(${openTaskStates.map((state) => `'${state}'`).join(', ')})`;

/** Job states that closing an element cancels. */
const openStates = ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'] as const;
const activeJobStates = `(${openStates.map((state) => `'${state}'`).join(', ')})`;

/** One statement per kind for the waits of elements closed whole: the common case. */
function closeWholeElements(effects: Effects): string[] {
  const whole = (waits: ClosedWaits[]) => waits.filter((w) => !w.elementIds).map((w) => w.elementInstanceKey);
  const statements: string[] = [];
  const jobs = whole(effects.closed.job);
  if (jobs.length > 0) statements.push(`update wf_jobs set state = 'CANCELED' where element_instance_key = ${anyKey(jobs)} and state in ${activeJobStates}`);
  const tasks = whole(effects.closed.userTask);
  if (tasks.length > 0) {
    statements.push(
      `update wf_user_tasks set state = 'CANCELED', completion_date = ${literal(new Date())}::timestamptz
        where element_instance_key = ${anyKey(tasks)} and state in ${activeTaskStates}`,
    );
  }
  const timers = whole(effects.closed.timer);
  if (timers.length > 0) statements.push(`delete from wf_timers where element_instance_key = ${anyKey(timers)}`);
  const subscriptions = whole(effects.closed.message);
  if (subscriptions.length > 0) statements.push(`delete from wf_message_subscriptions where element_instance_key = ${anyKey(subscriptions)}`);
  const signalSubscriptions = whole(effects.closed.signal);
  if (signalSubscriptions.length > 0) {
    statements.push(`delete from wf_signal_subscriptions where element_instance_key = ${anyKey(signalSubscriptions)}`);
  }
  return statements;
}

/** `= any(…)` over keys written as one array literal: one plan shape whatever the number of keys. */
function anyKey(keys: number[]): string {
  return `any('{${keys.map((key) => literal(key)).join(',')}}'::bigint[])`;
}

const tableColumns = new Map<PgTable, { entries: [string, string][]; names: string; name: string }>();

/** Property → column name pairs of a table, its column list and its name, worked out once. */
function columnsOf(table: PgTable): { entries: [string, string][]; names: string; name: string } {
  let columns = tableColumns.get(table);
  if (!columns) {
    const entries = (Object.entries(getTableColumns(table)) as [string, PgColumn][]).map(([p, c]): [string, string] => [p, c.name]);
    columns = { entries, names: entries.map(([, name]) => `"${name}"`).join(', '), name: `"${getTableName(table)}"` };
    tableColumns.set(table, columns);
  }
  return columns;
}

/** An INSERT of rows given as one JSON literal (column names as keys), with an optional ON CONFLICT; '' for no rows. */
function upsert<T extends PgTable>(table: T, rows: T['$inferInsert'][], onConflict?: string): string {
  if (rows.length === 0) return '';
  const { entries, names, name } = columnsOf(table);
  const json = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [property, column] of entries) {
      const value = (row as Record<string, unknown>)[property];
      record[column] = value instanceof Date ? value.toISOString() : value;
    }
    return record;
  });
  const conflict = onConflict ? ` on conflict ${onConflict}` : '';
  return `insert into ${name} (${names}) select ${names} from jsonb_populate_recordset(null::${name}, ${literal(JSON.stringify(json))}::jsonb)${conflict}`;
}
