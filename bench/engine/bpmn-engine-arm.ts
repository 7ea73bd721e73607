/**
 * bpmn-engine made durable the way its documentation describes: after each command the engine's
 * state (`engine.getState()`) is saved, and the next command recovers and resumes it. Here the
 * state is one jsonb row per instance on PostgreSQL, locked for the command, so that, like the
 * engine's arm, every wait state is committed before the caller is answered and several processes
 * could share the database.
 *
 * The benchmark's model is a Zeebe model; bpmn-engine knows neither its job workers nor FEEL. So:
 * service tasks wait to be signalled like user tasks (bpmn-elements' own SignalTask behaviour, which
 * it uses for user and manual tasks), a completed task's variables are merged into the process's
 * (Zeebe's rule for a task without output mappings), and `=`-expressions are evaluated as FEEL by
 * feelin, the library the platform uses.
 */
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import * as elements from 'bpmn-elements';
import BpmnModdle from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { evaluate } from 'feelin';
import type pg from 'pg';
import type { Dossiers } from './dossiers.js';

/** The model's tasks in order, with the variables each completion sets (as the engine's arm sends them). */
const STEPS: Array<[string, Record<string, unknown>]> = [
  ['Task_AssignCode', { dossierCode: 'QN-1' }],
  ['Task_Receive', { received: true }],
  ['Task_Appraise', { approved: true }],
  ['Task_Approve', { decision: 'cấp phép' }],
  ['Task_ReturnResult', { returned: true }],
];

type Expressions = BpmnEngineOptions['expressions'];

/** FEEL for `=`-expressions (Zeebe's convention), against the process's variables; the rest as bpmn-elements does. */
function feelExpressions(): Expressions {
  const defaults = new elements.Environment().expressions;
  return {
    ...defaults,
    resolveExpression(expression: string, context: any, fnContext?: any) {
      if (typeof expression !== 'string' || !expression.startsWith('=')) return defaults.resolveExpression(expression, context, fnContext);
      const environment = context.environment;
      return evaluate(expression.slice(1), { ...environment.variables, ...environment.output }).value;
    },
  };
}

/** A task's completion variables become process variables before its outgoing flows are taken. */
function processVariables(activity: any) {
  const tag = '_process-variables';
  return {
    activate() {
      activity.on('end', (api: any) => Object.assign(activity.environment.output, api.content.output?.variables), { consumerTag: tag });
    },
    deactivate() {
      activity.broker.cancel(tag);
    },
  };
}

export async function bpmnEngineDossiers(pool: pg.Pool, source: string): Promise<Dossiers> {
  // The model is parsed and serialized once; saved states then leave it out, and each command's
  // engine gets it back from here (what bpmn-engine's `sourceContext` option is for).
  const moddleContext = await new BpmnModdle().fromXML(source);
  const sourceContext = serializer(moddleContext, TypeResolver({ ...elements, ServiceTask: elements.SignalTask }));
  const options: BpmnEngineOptions = { sourceContext, expressions: feelExpressions(), extensions: { processVariables } };

  await pool.query(`create table bpmn_engine_instances (id bigserial primary key, state jsonb not null, waiting text[] not null)`);
  const insert = { name: 'bpmn-engine-insert', text: 'insert into bpmn_engine_instances (state, waiting) values ($1, $2) returning id' };
  const worklist = { name: 'bpmn-engine-worklist', text: 'select id from bpmn_engine_instances where id = $1 and $2 = any(waiting)' };
  const lock = { name: 'bpmn-engine-lock', text: 'select state from bpmn_engine_instances where id = $1 for update' };
  const save = { name: 'bpmn-engine-save', text: 'update bpmn_engine_instances set state = $2, waiting = $3 where id = $1' };

  /** The state to save, without the model, and the activities now waiting for a signal. */
  const snapshot = async (engine: Engine): Promise<[string, string[]]> => {
    const state = await engine.getState();
    for (const definition of state.definitions) delete definition.source;
    const waiting = engine.execution.getPostponed().map((api) => api.id);
    return [JSON.stringify(state), waiting];
  };

  return {
    async start(applicant) {
      const engine = new Engine(options);
      await engine.execute({ variables: { applicant: `CD-${applicant}`, fee: 150_000 } });
      const { rows } = await pool.query<{ id: string }>({ ...insert, values: await snapshot(engine) });
      return rows[0].id;
    },
    async openTask(instance, step) {
      const { rows } = await pool.query<{ id: string }>({ ...worklist, values: [instance, STEPS[step - 1][0]] });
      return rows.length > 0 ? STEPS[step - 1][0] : undefined;
    },
    async complete(instance, task, step) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<{ state: any }>({ ...lock, values: [instance] });
        const engine = new Engine(options).recover(rows[0].state);
        const execution = await engine.resume();
        // A signalled task's output is the signal itself: its variables travel under `variables`.
        execution.signal({ id: task, variables: STEPS[step - 1][1] });
        const [state, waiting] = await snapshot(engine);
        // The arm must run the same path as the others: approved, then returned, then ended.
        const expected = STEPS[step]?.[0];
        if (expected ? !waiting.includes(expected) : String(engine.state) !== 'idle' || waiting.length > 0) {
          throw new Error(`instance ${instance} after ${task}: ${engine.state}, waiting on [${String(waiting)}], expected ${expected ?? 'its end'}`);
        }
        await client.query({ ...save, values: [instance, state, waiting] });
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
