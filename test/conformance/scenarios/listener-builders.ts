/**
 * XML builders for execution listeners, as Camunda Modeler writes them (`zeebe:executionListeners`
 * in the element's extension elements), and an observer of listener jobs.
 */
import assert from 'node:assert/strict';
import type { ActivatedJob, WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { oneJob } from './flow-builders.js';

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Listener {
  eventType: string;
  type: string;
  retries?: string;
  /** The listener's own `zeebe:taskHeaders`. */
  headers?: Record<string, string>;
}

export const startEl = (type: string, retries?: string): Listener => ({ eventType: 'start', type, ...(retries ? { retries } : {}) });
export const endEl = (type: string, retries?: string): Listener => ({ eventType: 'end', type, ...(retries ? { retries } : {}) });

export const taskHeaders = (headers: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(headers)
    .map(([k, v]) => `<zeebe:header key="${attr(k)}" value="${attr(v)}" />`)
    .join('')}</zeebe:taskHeaders>`;

/** `zeebe:executionListeners` with the listeners in order. */
export function executionListeners(...listeners: Listener[]): string {
  const one = (l: Listener) => {
    const retries = l.retries ? ` retries="${attr(l.retries)}"` : '';
    const headers = l.headers ? taskHeaders(l.headers) : '';
    const open = `<zeebe:executionListener eventType="${l.eventType}" type="${attr(l.type)}"${retries}`;
    return headers ? `${open}>${headers}</zeebe:executionListener>` : `${open} />`;
  };
  return `<zeebe:executionListeners>${listeners.map(one).join('')}</zeebe:executionListeners>`;
}

/** Wraps process content with the process's own extension elements (process-level listeners). */
export function withProcessExtensions(ext: string, content: string): string {
  return `<bpmn:extensionElements>${ext}</bpmn:extensionElements>${content}`;
}

/** Activates the one open job of a type and checks it is a listener job of the event. */
export async function listenerJob(engine: WorkflowEngine, type: string, event: 'START' | 'END'): Promise<ActivatedJob> {
  const found = await oneJob(engine, type);
  assert.deepEqual([found.kind, found.listenerEventType], ['EXECUTION_LISTENER', event], `the job '${type}' is a ${event} listener job`);
  return found;
}

/** `zeebe:taskListeners` of a Camunda user task: [eventType, type] pairs in order. */
export function taskListeners(...listeners: [string, string][]): string {
  return `<zeebe:taskListeners>${listeners
    .map(([eventType, type]) => `<zeebe:taskListener eventType="${eventType}" type="${attr(type)}" />`)
    .join('')}</zeebe:taskListeners>`;
}

/** Activates the one open job of a type and checks it is a task listener job of the event. */
export async function taskListenerJob(engine: WorkflowEngine, type: string, event: 'ASSIGNING' | 'COMPLETING'): Promise<ActivatedJob> {
  const found = await oneJob(engine, type);
  assert.deepEqual([found.kind, found.listenerEventType], ['TASK_LISTENER', event], `the job '${type}' is a ${event} task listener job`);
  return found;
}
