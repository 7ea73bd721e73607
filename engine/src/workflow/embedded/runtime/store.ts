import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
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
  // The functions of migration 0028: planned once per connection, where text is planned per command.
  const rootKey = typeof root === 'number' ? literal(root) : `(${root})`;
  const lock = `select wf_lock_tree(${rootKey}, ${options.skipLocked ? 'true' : 'false'}) as instances`;
  const also = options.with;
  const load = also
    ? `with also as (${also}) select t.elements, t.variables, (select coalesce(json_agg(also), '[]') from also) as rows from wf_load_tree(${rootKey}) t`
    : `select elements, variables from wf_load_tree(${rootKey})`;
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
 * Writes a command's changes. Inserts, upserts, the closing of waits and the deletion of fired
 * timers go as ONE call of `wf_flush` (migration 0028), its rows passed as one JSON document, so that
 * the server plans its statements once per connection rather than once per command. Job updates
 * (incident resolution, rare) must precede closing; with them, closing follows them.
 */
export async function flush(tx: Transaction, tree: InstanceTree, effects: Effects): Promise<void> {
  for (const statement of flushStatements(tx, tree, effects)) await tx.execute(statement);
}

/** The statements of `flush`, in the order they must run. */
export function flushStatements(tx: Transaction, tree: InstanceTree, effects: Effects): SQL[] {
  // Written as text, not through the ORM: every command sends it.
  const changes: Record<string, unknown[] | string> = {};
  const add = (name: string, rows: unknown[]) => {
    if (rows.length > 0) changes[name] = rows;
  };
  add('processInstances', rowsOf(wfProcessInstances, [...tree.changedProcessInstances].map((k) => tree.processInstances.get(k)!)));
  add('elements', rowsOf(wfElementInstances, [...tree.changedElements].map((k) => tree.elements.get(k)!)));
  add('droppedScopes', [...tree.droppedScopes]);
  const variables: (typeof wfVariables.$inferInsert)[] = [];
  for (const [scopeKey, names] of tree.changedVariables) {
    const scopeElement = tree.elements.get(scopeKey);
    const processInstanceKey = scopeElement ? scopeElement.processInstanceKey : scopeKey;
    for (const name of names) {
      variables.push({ scopeKey, name, value: tree.getVariable(scopeKey, name) ?? null, processInstanceKey, rootKey: tree.rootKey });
    }
  }
  add('variables', rowsOf(wfVariables, variables));
  add('jobs', rowsOf(wfJobs, effects.jobs));
  add('userTasks', rowsOf(wfUserTasks, effects.userTasks));
  add('timers', rowsOf(wfTimers, effects.timers));
  add('subscriptions', rowsOf(wfMessageSubscriptions, effects.subscriptions));
  add('signalSubscriptions', rowsOf(wfSignalSubscriptions, effects.signalSubscriptions));
  add('incidents', rowsOf(wfIncidents, effects.incidents));
  add('correlations', rowsOf(wfMessageCorrelations, effects.correlations));
  const closeInline = effects.jobUpdates.length === 0;
  const statements = flushCall(closeInline ? { ...changes, ...closes(effects) } : changes);

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
  if (!closeInline) statements.push(...flushCall(closes(effects)));
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

/** Job states that closing an element cancels. */
const openStates = ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'] as const;

/** The waits of elements closed whole (the common case), as `wf_flush` closes them, with the timers that fired. */
function closes(effects: Effects): Record<string, unknown[] | string> {
  const whole = (waits: ClosedWaits[]) => waits.filter((w) => !w.elementIds).map((w) => w.elementInstanceKey);
  const changes: Record<string, unknown[] | string> = {};
  const add = (name: string, keys: number[]) => {
    if (keys.length > 0) changes[name] = keys;
  };
  add('closeJobs', whole(effects.closed.job));
  add('closeUserTasks', whole(effects.closed.userTask));
  add('closeTimers', whole(effects.closed.timer));
  add('closeMessages', whole(effects.closed.message));
  add('closeSignals', whole(effects.closed.signal));
  add('timerDeletes', effects.timerDeletes);
  if (changes.closeUserTasks) changes.now = new Date().toISOString();
  return changes;
}

/** The call of `wf_flush` (migration 0028) writing `changes`, or nothing when there are none. */
function flushCall(changes: Record<string, unknown>): SQL[] {
  return Object.keys(changes).length > 0 ? [sql.raw(`select wf_flush(${literal(JSON.stringify(changes))}::jsonb)`)] : [];
}

const tableColumns = new Map<PgTable, [string, string][]>();

/** Property → column name pairs of a table, worked out once. */
function columnsOf(table: PgTable): [string, string][] {
  let entries = tableColumns.get(table);
  if (!entries) {
    entries = (Object.entries(getTableColumns(table)) as [string, PgColumn][]).map(([p, c]): [string, string] => [p, c.name]);
    tableColumns.set(table, entries);
  }
  return entries;
}

/** Rows as the table's JSON record type reads them: column names as keys, dates as ISO text. */
function rowsOf<T extends PgTable>(table: T, rows: T['$inferInsert'][]): Record<string, unknown>[] {
  const entries = columnsOf(table);
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [property, column] of entries) {
      const value = (row as Record<string, unknown>)[property];
      record[column] = value instanceof Date ? value.toISOString() : value;
    }
    return record;
  });
}
