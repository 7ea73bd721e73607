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
  wfTimers,
  wfUserTasks,
  wfVariables,
} from '../workflow.schema.js';
import type { DefinitionCache } from './definitions.js';
import type { ClosedWaits, Effects } from './effects.js';
import { InstanceTree, type ElementInstanceState, type ProcessInstanceState } from './state.js';

const activeJobStates = ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'] as const;

/**
 * Loads an instance tree under a row lock on its active process instances, and writes back what a
 * command changed. Three reads per command, whatever the size of the tree.
 */
export async function loadTree(
  tx: Transaction,
  rootKey: number,
  definitions: DefinitionCache,
  options: { skipLocked?: boolean } = {},
): Promise<InstanceTree | undefined> {
  const instances = await tx
    .select()
    .from(wfProcessInstances)
    .where(and(eq(wfProcessInstances.rootKey, rootKey), eq(wfProcessInstances.state, 'ACTIVE')))
    .orderBy(wfProcessInstances.key)
    .for('update', options.skipLocked ? { skipLocked: true } : {});
  if (!instances.some((i) => i.key === rootKey)) return undefined;
  const tree = new InstanceTree(rootKey);
  for (const instance of instances) {
    await definitions.get(tx, instance.processDefinitionKey);
    tree.addProcessInstance(instance as ProcessInstanceState, false);
  }
  const [elements, variables] = await Promise.all([
    tx
      .select()
      .from(wfElementInstances)
      .where(and(eq(wfElementInstances.rootKey, rootKey), eq(wfElementInstances.state, 'ACTIVE')))
      .orderBy(wfElementInstances.key),
    tx.select().from(wfVariables).where(eq(wfVariables.rootKey, rootKey)),
  ]);
  for (const element of elements) tree.addElement(element as ElementInstanceState, false);
  for (const variable of variables) {
    let scope = tree.variables.get(variable.scopeKey);
    if (!scope) tree.variables.set(variable.scopeKey, (scope = new Map()));
    scope.set(variable.name, variable.value);
  }
  return tree;
}

/**
 * Writes a command's changes. Inserts and upserts of all tables go in ONE statement (a CTE per
 * table, rows passed as JSON), so a typical step costs a single round-trip; the rarer updates
 * follow, job and user-task completions before closing waits so that closing skips them.
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
    parts.push(sql`delete from ${wfVariables} where scope_key = any(${`{${[...tree.droppedScopes].join(',')}}`}::bigint[])`);
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
  parts.push(upsert(wfIncidents, effects.incidents));
  parts.push(upsert(wfMessageCorrelations, effects.correlations, sql`do nothing`));
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
  for (const completion of effects.userTaskCompletions) {
    await tx
      .update(wfUserTasks)
      .set({ state: 'COMPLETED', completionDate: completion.completionDate })
      .where(eq(wfUserTasks.key, completion.key));
  }
  if (effects.resolvedIncidents.length > 0) {
    await tx
      .update(wfIncidents)
      .set({ state: 'RESOLVED', resolvedTime: new Date() })
      .where(inArray(wfIncidents.key, effects.resolvedIncidents));
  }
  if (effects.timerDeletes.length > 0) await tx.delete(wfTimers).where(inArray(wfTimers.key, effects.timerDeletes));

  await closeWaits(effects.closed.job, wfJobs.elementInstanceKey, wfJobs.elementId, (where) =>
    tx
      .update(wfJobs)
      .set({ state: 'CANCELED' })
      .where(and(where, inArray(wfJobs.state, [...activeJobStates]))),
  );
  await closeWaits(effects.closed.userTask, wfUserTasks.elementInstanceKey, wfUserTasks.elementId, (where) =>
    tx
      .update(wfUserTasks)
      .set({ state: 'CANCELED', completionDate: new Date() })
      .where(and(where, eq(wfUserTasks.state, 'CREATED'))),
  );
  await closeWaits(effects.closed.timer, wfTimers.elementInstanceKey, wfTimers.elementId, (where) =>
    tx.delete(wfTimers).where(where),
  );
  await closeWaits(effects.closed.message, wfMessageSubscriptions.elementInstanceKey, wfMessageSubscriptions.elementId, (where) =>
    tx.delete(wfMessageSubscriptions).where(where),
  );
}

const empty = sql``;

/** An INSERT of rows given as one JSON parameter (column names as keys), with an optional ON CONFLICT. */
function upsert<T extends PgTable>(table: T, rows: T['$inferInsert'][], onConflict?: SQL): SQL {
  if (rows.length === 0) return empty;
  const columns = Object.values(getTableColumns(table)) as PgColumn[];
  const json = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [property, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
      const value = (row as Record<string, unknown>)[property];
      record[column.name] = value instanceof Date ? value.toISOString() : value;
    }
    return record;
  });
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const conflict = onConflict ? sql` on conflict ${onConflict}` : sql``;
  return sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)${conflict}`;
}

/** One statement for all whole-element closes, one per narrowed close (rare: event sub-process starts). */
async function closeWaits(
  waits: ClosedWaits[],
  elementInstanceKey: PgColumn,
  elementId: PgColumn,
  run: (where: SQL) => Promise<unknown>,
): Promise<void> {
  if (waits.length === 0) return;
  const whole = waits.filter((w) => !w.elementIds).map((w) => w.elementInstanceKey);
  if (whole.length > 0) await run(inArray(elementInstanceKey, whole));
  for (const wait of waits.filter((w) => w.elementIds)) {
    await run(and(eq(elementInstanceKey, wait.elementInstanceKey), inArray(elementId, wait.elementIds!))!);
  }
}
