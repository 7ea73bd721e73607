import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import { ManualClock, activate, bpmn, deploy, elementIds, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

const hour = 3_600_000;

function timerBoundary(id: string, attachedTo: string, duration: string, interrupting: boolean): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">
    <bpmn:timerEventDefinition><bpmn:${duration.startsWith('R') ? 'timeCycle' : 'timeDuration'}>${duration}</bpmn:${duration.startsWith('R') ? 'timeCycle' : 'timeDuration'}></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>`;
}

describe('embedded engine: timers, messages and errors', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  it('an interrupting timer boundary event cancels the task and its job, and fires once', async () => {
    await deploy(
      f.engine,
      'sla',
      bpmn(
        'sla',
        `<bpmn:startEvent id="start" />${serviceTask('appraise', 'sla-appraise')}
         ${timerBoundary('late', 'appraise', 'PT2H', true)}
         <bpmn:endEvent id="done" /><bpmn:endEvent id="escalated" />
         ${flow('f1', 'start', 'appraise')} ${flow('f2', 'appraise', 'done')} ${flow('f3', 'late', 'escalated')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'sla' });
    const [job] = await activate(f.engine, 'sla-appraise');
    f.clock.advance(hour);
    assert.equal(await f.engine.runDueWork(), 0, 'not due yet');
    f.clock.advance(hour);
    assert.equal(await f.engine.runDueWork(), 1);
    assert.equal(await f.engine.runDueWork(), 0, 'fires once');
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    const elements = await f.engine.getElementInstances(instance.processInstanceKey);
    assert.equal(elements.find((e) => e.elementId === 'appraise')?.state, 'TERMINATED');
    assert.equal(elements.find((e) => e.elementId === 'escalated')?.state, 'COMPLETED');
    await assert.rejects(f.engine.completeJob(job.jobKey), (e: WorkflowError) => e.code === 'NOT_FOUND' && /cancelled/.test(e.message));
  });

  it('a non-interrupting timer cycle fires on each occurrence while the task stays active', async () => {
    await deploy(
      f.engine,
      'reminder',
      bpmn(
        'reminder',
        `<bpmn:startEvent id="start" />${serviceTask('sign', 'rem-sign')}
         ${timerBoundary('remind', 'sign', 'R2/PT1H', false)}
         ${serviceTask('notify', 'rem-notify')}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="notified" />
         ${flow('f1', 'start', 'sign')} ${flow('f2', 'sign', 'end')} ${flow('f3', 'remind', 'notify')} ${flow('f4', 'notify', 'notified')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'reminder' });
    for (let i = 0; i < 3; i++) {
      f.clock.advance(hour);
      await f.engine.runDueWork();
    }
    const reminders = await activate(f.engine, 'rem-notify');
    assert.equal(reminders.length, 2, 'R2: two occurrences');
    for (const r of reminders) await f.engine.completeJob(r.jobKey);
    assert.deepEqual(await elementIds(f.engine, instance.processInstanceKey, 'ACTIVE'), ['sign']);
    const [sign] = await activate(f.engine, 'rem-sign');
    await f.engine.completeJob(sign.jobKey);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });

  it('messages correlate by key, wait in the buffer for their TTL, and a duplicate messageId is refused', async () => {
    await deploy(
      f.engine,
      'payment',
      bpmn(
        'payment',
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="msgPaid" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'paid')} ${flow('f2', 'paid', 'end')}`,
        `<bpmn:message id="msgPaid" name="fee-paid"><bpmn:extensionElements><zeebe:subscription correlationKey="= dossierCode" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    // Published before the instance waits: buffered for one hour.
    await f.engine.publishMessage({ name: 'fee-paid', correlationKey: 'HS-1', timeToLive: hour, messageId: 'pay-1', variables: { amount: 50000 } });
    await assert.rejects(
      f.engine.publishMessage({ name: 'fee-paid', correlationKey: 'HS-1', timeToLive: hour, messageId: 'pay-1' }),
      (e: WorkflowError) => e.code === 'ALREADY_EXISTS',
    );
    const first = await f.engine.createProcessInstance({ processDefinitionId: 'payment', variables: { dossierCode: 'HS-1' } });
    assert.equal((await f.engine.getProcessInstance(first.processInstanceKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(first.processInstanceKey)).amount, 50000);

    // Without TTL a message only reaches current subscriptions.
    await f.engine.publishMessage({ name: 'fee-paid', correlationKey: 'HS-2' });
    const second = await f.engine.createProcessInstance({ processDefinitionId: 'payment', variables: { dossierCode: 'HS-2' } });
    assert.equal((await f.engine.getProcessInstance(second.processInstanceKey)).state, 'ACTIVE');

    // An expired buffered message no longer correlates.
    await f.engine.publishMessage({ name: 'fee-paid', correlationKey: 'HS-3', timeToLive: hour });
    f.clock.advance(2 * hour);
    await f.engine.runDueWork();
    const third = await f.engine.createProcessInstance({ processDefinitionId: 'payment', variables: { dossierCode: 'HS-3' } });
    assert.equal((await f.engine.getProcessInstance(third.processInstanceKey)).state, 'ACTIVE');

    await f.engine.publishMessage({ name: 'fee-paid', correlationKey: 'HS-2', variables: { amount: 1 } });
    assert.equal((await f.engine.getProcessInstance(second.processInstanceKey)).state, 'COMPLETED');
  });

  it('an error thrown by a job is caught by the error boundary event of an enclosing sub-process', async () => {
    await deploy(
      f.engine,
      'refusal',
      bpmn(
        'refusal',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="handling">
           <bpmn:startEvent id="hs" />${serviceTask('check', 'err-check')}<bpmn:endEvent id="he" />
           ${flow('s1', 'hs', 'check')} ${flow('s2', 'check', 'he')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="refused" attachedToRef="handling">
           <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=reason" target="refusalReason" /></zeebe:ioMapping></bpmn:extensionElements>
           <bpmn:errorEventDefinition errorRef="errRefused" />
         </bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="anyError" attachedToRef="handling"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
         <bpmn:endEvent id="ok" /><bpmn:endEvent id="refusedEnd" /><bpmn:endEvent id="otherEnd" />
         ${flow('f1', 'start', 'handling')} ${flow('f2', 'handling', 'ok')} ${flow('f3', 'refused', 'refusedEnd')} ${flow('f4', 'anyError', 'otherEnd')}`,
        `<bpmn:error id="errRefused" name="Refused" errorCode="DOSSIER_REFUSED" />`,
      ),
    );
    const a = await f.engine.createProcessInstance({ processDefinitionId: 'refusal' });
    const b = await f.engine.createProcessInstance({ processDefinitionId: 'refusal' });
    const jobs = await activate(f.engine, 'err-check');
    const byInstance = new Map(jobs.map((j) => [j.processInstanceKey, j]));
    await f.engine.throwJobError(byInstance.get(a.processInstanceKey)!.jobKey, {
      errorCode: 'DOSSIER_REFUSED',
      variables: { reason: 'missing documents' },
    });
    await f.engine.throwJobError(byInstance.get(b.processInstanceKey)!.jobKey, { errorCode: 'SOMETHING_ELSE' });
    assert.ok((await elementIds(f.engine, a.processInstanceKey, 'COMPLETED')).includes('refusedEnd'));
    assert.ok((await elementIds(f.engine, b.processInstanceKey, 'COMPLETED')).includes('otherEnd'));
    // The error's variables are local to the catch event; its output mapping takes them further
    // (Camunda docs, Throw error command: "variables at the local scope of the error catch event").
    const variables = await f.engine.getVariables(a.processInstanceKey);
    assert.equal(variables.refusalReason, 'missing documents');
    assert.equal('reason' in variables, false);
  });

  it('an error end event in a called process is caught by the call activity; an uncaught one is an incident', async () => {
    await deploy(
      f.engine,
      'failing-child',
      bpmn(
        'failing-child',
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${flow('f1', 'start', 'fail')}`,
        `<bpmn:error id="e" errorCode="CHILD_FAILED" />`,
      ),
    );
    await deploy(
      f.engine,
      'caller',
      bpmn(
        'caller',
        `<bpmn:startEvent id="start" />
         <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="failing-child" /></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
         <bpmn:endEvent id="ok" /><bpmn:endEvent id="handled" />
         ${flow('f1', 'start', 'call')} ${flow('f2', 'call', 'ok')} ${flow('f3', 'caught', 'handled')}`,
        `<bpmn:error id="e" errorCode="CHILD_FAILED" />`,
      ),
    );
    const caller = await f.engine.createProcessInstance({ processDefinitionId: 'caller' });
    assert.equal((await f.engine.getProcessInstance(caller.processInstanceKey)).state, 'COMPLETED');
    assert.ok((await elementIds(f.engine, caller.processInstanceKey, 'COMPLETED')).includes('handled'));
    const [child] = await f.engine.searchProcessInstances({ processDefinitionId: 'failing-child' });
    assert.equal(child.state, 'TERMINATED');

    const alone = await f.engine.createProcessInstance({ processDefinitionId: 'failing-child' });
    const [incident] = await f.engine.searchIncidents({ processInstanceKey: alone.processInstanceKey });
    assert.equal(incident?.errorType, 'UNHANDLED_ERROR_EVENT');
    assert.match(incident.errorMessage, /CHILD_FAILED/);
  });

  it('timers are state in the database: a new engine on the same database fires them, once', async () => {
    await deploy(
      f.engine,
      'durable-timer',
      bpmn(
        'durable-timer',
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>= deadline</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />${flow('f1', 'start', 'wait')} ${flow('f2', 'wait', 'end')}`,
      ),
    );
    const clock = new ManualClock(f.clock.now().getTime());
    const first = new EmbeddedWorkflowEngine({ db: f.database.db, clock });
    const instance = await first.createProcessInstance({
      processDefinitionId: 'durable-timer',
      variables: { deadline: new Date(clock.now().getTime() + 3 * hour).toISOString() },
    });
    await first.close();
    clock.advance(3 * hour);
    const second = new EmbeddedWorkflowEngine({ db: f.database.db, clock });
    assert.equal(await second.runDueWork(), 1);
    assert.equal(await second.runDueWork(), 0);
    await second.close();
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });

  it('an interrupting timer event sub-process ends the running work; a message one runs alongside', async () => {
    await deploy(
      f.engine,
      'esp',
      bpmn(
        'esp',
        `<bpmn:startEvent id="start" />${serviceTask('work', 'esp-work')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'work')} ${flow('f2', 'work', 'end')}
         <bpmn:subProcess id="onNote" triggeredByEvent="true">
           <bpmn:startEvent id="noteStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="note" /></bpmn:startEvent>
           <bpmn:endEvent id="noteEnd" />${flow('n1', 'noteStart', 'noteEnd')}
         </bpmn:subProcess>
         <bpmn:subProcess id="onTimeout" triggeredByEvent="true">
           <bpmn:startEvent id="timeoutStart"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
           <bpmn:endEvent id="timeoutEnd" />${flow('t1', 'timeoutStart', 'timeoutEnd')}
         </bpmn:subProcess>`,
        `<bpmn:message id="note" name="citizen-note"><bpmn:extensionElements><zeebe:subscription correlationKey="= code" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'esp', variables: { code: 'E1' } });
    await f.engine.publishMessage({ name: 'citizen-note', correlationKey: 'E1', variables: { note: 'call me' } });
    assert.deepEqual(await elementIds(f.engine, instance.processInstanceKey, 'ACTIVE'), ['work']);
    assert.equal((await f.engine.getVariables(instance.processInstanceKey)).note, 'call me');
    f.clock.advance(25 * hour);
    await f.engine.runDueWork();
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    const elements = await f.engine.getElementInstances(instance.processInstanceKey);
    assert.equal(elements.find((e) => e.elementId === 'work')?.state, 'TERMINATED');
    assert.equal(elements.find((e) => e.elementId === 'timeoutEnd')?.state, 'COMPLETED');
    assert.equal(elements.find((e) => e.elementId === 'noteEnd')?.state, 'COMPLETED');
  });

  it('an event-based gateway takes the first event; the other subscription is closed', async () => {
    await deploy(
      f.engine,
      'race',
      bpmn(
        'race',
        `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gw" />
         <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
         <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="answered" /><bpmn:endEvent id="late" />
         ${flow('f1', 'start', 'gw')} ${flow('f2', 'gw', 'answer')} ${flow('f3', 'gw', 'timeout')} ${flow('f4', 'answer', 'answered')} ${flow('f5', 'timeout', 'late')}`,
        `<bpmn:message id="m" name="agency-answer"><bpmn:extensionElements><zeebe:subscription correlationKey="= code" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'race', variables: { code: 'C1' } });
    await f.engine.publishMessage({ name: 'agency-answer', correlationKey: 'C1', variables: { opinion: 'agree' } });
    f.clock.advance(6 * 24 * hour);
    assert.equal(await f.engine.runDueWork(), 0, 'the timer was closed with the gateway');
    assert.deepEqual(await elementIds(f.engine, instance.processInstanceKey), ['start', 'gw', 'answer', 'answered']);
  });
});
