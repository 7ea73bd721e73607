import { EmbeddedWorkflowEngine, type Clock } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import type { ActivatedJob, WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { openTestDatabase, type TestDatabase } from './database.js';

/** A clock the test moves by hand; timers fire only through engine.runDueWork(). */
export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.parse('2030-01-07T08:00:00Z')) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface EngineFixture {
  engine: EmbeddedWorkflowEngine;
  clock: ManualClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function openEngine(options: { maxElementActivations?: number; maxCommandSteps?: number } = {}): Promise<EngineFixture> {
  const database = await openTestDatabase();
  const clock = new ManualClock();
  const engine = new EmbeddedWorkflowEngine({ db: database.db, clock, ...options });
  return {
    engine,
    clock,
    database,
    close: async () => {
      await engine.close();
      await database.close();
    },
  };
}

/** Wraps process content in the namespaces Camunda Modeler writes. */
export function bpmn(processId: string, content: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
${content}
  </bpmn:process>
${extra}
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a FEEL condition. */
export function flow(id: string, from: string, to: string, condition?: string): string {
  const body = condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;
}

export function serviceTask(id: string, type: string, extensions = '', attributes = ''): string {
  return `<bpmn:serviceTask id="${id}" ${attributes}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extensions}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export async function deploy(engine: WorkflowEngine, name: string, xml: string) {
  return engine.deploy([{ name: `${name}.bpmn`, content: xml }]);
}

/** Activates the open jobs of a type (a short timeout, as a test worker would). */
export async function activate(engine: WorkflowEngine, type: string, max = 10): Promise<ActivatedJob[]> {
  return engine.activateJobs({ type, worker: 'test', maxJobsToActivate: max, timeout: 60_000 });
}

/** Ids of the element instances of a process instance in a given state, in creation order. */
export async function elementIds(engine: WorkflowEngine, processInstanceKey: string, state?: string): Promise<string[]> {
  const elements = await engine.getElementInstances(processInstanceKey);
  return elements.filter((e) => !state || e.state === state).map((e) => e.elementId);
}
