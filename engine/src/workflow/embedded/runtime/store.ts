import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
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
import { InstanceTree, type ElementInstanceState } from './state.js';

export interface LoadedTree {
  tree: InstanceTree;
  /** Rows returned by the `with` statement (as JSON: column names as keys). */
  rows: Record<string, unknown>[];
}

/**
 * Loads an instance tree under a row lock on its active process instances, in two round-trips
 * whatever the size of the tree: the lock, then elements and variables together (a statement of its
 * own, so that it reads what the previous holder of the lock committed).
 *
 * `root` is the root key, or a scalar subquery finding it (the root of a task's tree, say): the
 * lookup then costs no round-trip of its own. `with` is a statement to run after the lock in the
 * same round-trip as the load, typically the conditional UPDATE that checks and moves a job or task.
 */
export async function loadTree(
  tx: Transaction,
  root: number | SQL,
  definitions: DefinitionCache,
  options: { skipLocked?: boolean; with?: SQL } = {},
): Promise<LoadedTree | undefined> {
  const instances = await tx
    .select()
    .from(wfProcessInstances)
    .where(and(eq(wfProcessInstances.rootKey, typeof root === 'number' ? root : sql`(${root})`), eq(wfProcessInstances.state, 'ACTIVE')))
    .orderBy(wfProcessInstances.key)
    .for('update', options.skipLocked ? { skipLocked: true } : {});
  const rootKey = instances[0]?.rootKey;
  if (rootKey === undefined || !instances.some((i) => i.key === rootKey)) return undefined;
  const tree = new InstanceTree(rootKey);
  for (const instance of instances) {
    await definitions.get(tx, instance.processDefinitionKey);
    tree.addProcessInstance(instance, false);
  }
  const also = options.with;
  const result = await tx.execute(sql`${also ? sql`with also as (${also}) ` : sql``}select
    (select coalesce(json_agg(e order by e.key), '[]') from ${wfElementInstances} e where e.root_key = ${rootKey} and e.state = 'ACTIVE') as elements,
    (select coalesce(json_agg(v), '[]') from ${wfVariables} v where v.root_key = ${rootKey}) as variables${
      also ? sql`, (select coalesce(json_agg(also), '[]') from also) as rows` : sql``
    }`);
  const loaded = (result as { rows: { elements: ElementRow[]; variables: VariableRow[]; rows?: Record<string, unknown>[] }[] })
    .rows[0];
  for (const row of loaded.elements) tree.addElement(toElement(row), false);
  for (const variable of loaded.variables) {
    let scope = tree.variables.get(variable.scope_key);
    if (!scope) tree.variables.set(variable.scope_key, (scope = new Map<string, unknown>()));
    scope.set(variable.name, variable.value);
  }
  return { tree, rows: loaded.rows ?? [] };
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
  const parts: SQL[] = [];
  const instances = [...tree.changedProcessInstances].map((k) => tree.processInstances.get(k)!);
  parts.push(
    upsert(wfProcessInstances, instances, sql`(key) do update set state = excluded.state, end_date = excluded.end_date, incident_count = excluded.incident_count`),
  );
  const elements = [...tree.changedElements].map((k) => tree.elements.get(k)!);
  parts.push(
    upsert(wfElementInstances, elements, sql`(key) do update set state = excluded.state, end_date = excluded.end_date, data = excluded.data, incident_key = excluded.incident_key`),
  );
  if (tree.droppedScopes.size > 0) {
    parts.push(sql`delete from ${wfVariables} where scope_key = ${anyKey([...tree.droppedScopes])}`);
  }
  const variables: (typeof wfVariables.$inferInsert)[] = [];
  for (const [scopeKey, names] of tree.changedVariables) {
    const scopeElement = tree.elements.get(scopeKey);
    const processInstanceKey = scopeElement ? scopeElement.processInstanceKey : scopeKey;
    for (const name of names) {
      variables.push({ scopeKey, name, value: tree.getVariable(scopeKey, name) ?? null, processInstanceKey, rootKey: tree.rootKey });
    }
  }
  parts.push(upsert(wfVariables, variables, sql`(scope_key, name) do update set value = excluded.value`));
  parts.push(upsert(wfJobs, effects.jobs));
  parts.push(upsert(wfUserTasks, effects.userTasks));
  parts.push(upsert(wfTimers, effects.timers));
  parts.push(upsert(wfMessageSubscriptions, effects.subscriptions));
  parts.push(upsert(wfSignalSubscriptions, effects.signalSubscriptions));
  parts.push(upsert(wfIncidents, effects.incidents));
  parts.push(upsert(wfMessageCorrelations, effects.correlations, sql`do nothing`));
  const closeInline = effects.jobUpdates.length === 0;
  if (closeInline) {
    parts.push(...closeWholeElements(effects));
    if (effects.timerDeletes.length > 0) parts.push(sql`delete from ${wfTimers} where key = ${anyKey(effects.timerDeletes)}`);
  }
  const statements = parts.filter((p) => p !== empty);
  if (statements.length > 0) {
    const ctes = sql.join(
      statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement})`),
      sql`, `,
    );
    await tx.execute(sql`with ${ctes} select 1`);
  }

  for (const update of effects.jobUpdates) {
    await tx
      .update(wfJobs)
      .set({
        state: update.state,
        ...(update.retries !== undefined ? { retries: update.retries } : {}),
        ...(update.errorMessage !== undefined ? { errorMessage: update.errorMessage } : {}),
        ...(update.availableAt ? { availableAt: update.availableAt } : {}),
        ...(update.state !== 'ACTIVATED' ? { worker: null } : {}),
      })
      .where(eq(wfJobs.key, update.key));
  }
  if (effects.resolvedIncidents.length > 0) {
    await tx
      .update(wfIncidents)
      .set({ state: 'RESOLVED', resolvedTime: new Date() })
      .where(inArray(wfIncidents.key, effects.resolvedIncidents));
  }
  if (!closeInline) {
    if (effects.timerDeletes.length > 0) await tx.delete(wfTimers).where(inArray(wfTimers.key, effects.timerDeletes));
    for (const statement of closeWholeElements(effects)) await tx.execute(statement);
  }
  // Narrowed closes (event sub-process starts, rare) run one by one after everything else.
  const narrowed = (waits: ClosedWaits[], elementInstanceKey: PgColumn, elementId: PgColumn) =>
    waits.filter((w) => w.elementIds).map((w) => and(eq(elementInstanceKey, w.elementInstanceKey), inArray(elementId, w.elementIds!))!);
  for (const where of narrowed(effects.closed.job, wfJobs.elementInstanceKey, wfJobs.elementId)) {
    await tx.update(wfJobs).set({ state: 'CANCELED' }).where(and(where, inArray(wfJobs.state, [...openStates])));
  }
  for (const where of narrowed(effects.closed.userTask, wfUserTasks.elementInstanceKey, wfUserTasks.elementId)) {
    await tx
      .update(wfUserTasks)
      .set({ state: 'CANCELED', completionDate: new Date() })
      .where(and(where, inArray(wfUserTasks.state, [...openTaskStates])));
  }
  for (const where of narrowed(effects.closed.timer, wfTimers.elementInstanceKey, wfTimers.elementId)) {
    await tx.delete(wfTimers).where(where);
  }
  for (const where of narrowed(effects.closed.message, wfMessageSubscriptions.elementInstanceKey, wfMessageSubscriptions.elementId)) {
    await tx.delete(wfMessageSubscriptions).where(where);
  }
  for (const where of narrowed(effects.closed.signal, wfSignalSubscriptions.elementInstanceKey, wfSignalSubscriptions.elementId)) {
    await tx.delete(wfSignalSubscriptions).where(where);
  }
}

/** User task states that closing an element cancels (a task whose listeners run is still open). */
const openTaskStates = ['CREATED', 'ASSIGNING', 'COMPLETING'] as const;
const activeTaskStates = sql.raw(`(${openTaskStates.map((state) => `'${state}'`).join(', ')})`);

/** Job states that closing an element cancels. */
const openStates = ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'] as const;
const activeJobStates = sql.raw(`(${openStates.map((state) => `'${state}'`).join(', ')})`);
const closeJobs = sql`update ${wfJobs} set state = 'CANCELED'`;
const closeUserTasks = () => sql`update ${wfUserTasks} set state = 'CANCELED', completion_date = ${new Date().toISOString()}::timestamptz`;

/** One statement per kind for the waits of elements closed whole: the common case. */
function closeWholeElements(effects: Effects): SQL[] {
  const whole = (waits: ClosedWaits[]) => waits.filter((w) => !w.elementIds).map((w) => w.elementInstanceKey);
  const statements: SQL[] = [];
  const jobs = whole(effects.closed.job);
  if (jobs.length > 0) statements.push(sql`${closeJobs} where element_instance_key = ${anyKey(jobs)} and state in ${activeJobStates}`);
  const tasks = whole(effects.closed.userTask);
  if (tasks.length > 0) statements.push(sql`${closeUserTasks()} where element_instance_key = ${anyKey(tasks)} and state in ${activeTaskStates}`);
  const timers = whole(effects.closed.timer);
  if (timers.length > 0) statements.push(sql`delete from ${wfTimers} where element_instance_key = ${anyKey(timers)}`);
  const subscriptions = whole(effects.closed.message);
  if (subscriptions.length > 0) {
    statements.push(sql`delete from ${wfMessageSubscriptions} where element_instance_key = ${anyKey(subscriptions)}`);
  }
  const signalSubscriptions = whole(effects.closed.signal);
  if (signalSubscriptions.length > 0) {
    statements.push(sql`delete from ${wfSignalSubscriptions} where element_instance_key = ${anyKey(signalSubscriptions)}`);
  }
  return statements;
}

/** `= any(…)` over keys passed as one array parameter: one plan whatever the number of keys. */
function anyKey(keys: number[]): SQL {
  return sql`any(${`{${keys.join(',')}}`}::bigint[])`;
}

const empty = sql``;

const tableColumns = new Map<PgTable, { entries: [string, string][]; names: SQL }>();

/** Property → column name pairs of a table, and its column list, worked out once. */
function columnsOf(table: PgTable): { entries: [string, string][]; names: SQL } {
  let columns = tableColumns.get(table);
  if (!columns) {
    const entries = (Object.entries(getTableColumns(table)) as [string, PgColumn][]).map(([p, c]): [string, string] => [p, c.name]);
    columns = { entries, names: sql.raw(entries.map(([, name]) => `"${name}"`).join(', ')) };
    tableColumns.set(table, columns);
  }
  return columns;
}

/** An INSERT of rows given as one JSON parameter (column names as keys), with an optional ON CONFLICT. */
function upsert<T extends PgTable>(table: T, rows: T['$inferInsert'][], onConflict?: SQL): SQL {
  if (rows.length === 0) return empty;
  const { entries, names } = columnsOf(table);
  const json = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [property, column] of entries) {
      const value = (row as Record<string, unknown>)[property];
      record[column] = value instanceof Date ? value.toISOString() : value;
    }
    return record;
  });
  const conflict = onConflict ? sql` on conflict ${onConflict}` : sql``;
  return sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)${conflict}`;
}
