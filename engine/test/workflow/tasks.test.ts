import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { activate, bpmn, deploy, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

const isCode = (code: WorkflowError['code'], pattern?: RegExp) => (e: unknown) =>
  e instanceof WorkflowError && e.code === code && (!pattern || pattern.test(e.message));

describe('embedded engine: jobs, incidents, user tasks, deployment', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
    await deploy(
      f.engine,
      'simple',
      bpmn(
        'simple',
        `<bpmn:startEvent id="start" />${serviceTask('work', 'simple-work', '<zeebe:taskHeaders><zeebe:header key="agency" value="STP" /></zeebe:taskHeaders>', 'name="Work"')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'work')} ${flow('f2', 'work', 'end')}`,
      ),
    );
  });
  after(() => f.close());

  it('a diagram that points at an element that does not exist still deploys; a process that does is refused', async () => {
    // camunda-community-hub/camunda-8-examples, grpc-client-generation-python/example.bpmn: its plane
    // names a process copied from another file. The diagram only draws the model.
    const diagram = `<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="ExceptionHandling" /></bpmndi:BPMNDiagram>`;
    const deployment = await deploy(f.engine, 'stale-diagram', bpmn('stale-diagram', `<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />${flow('f1', 's', 'e')}`, diagram));
    assert.equal(deployment.processes[0]?.processDefinitionId, 'stale-diagram');
    await assert.rejects(
      deploy(f.engine, 'dangling-flow', bpmn('dangling-flow', `<bpmn:startEvent id="s" />${flow('f1', 's', 'nowhere')}`)),
      isCode('INVALID_MODEL', /unresolved reference <nowhere>/),
    );
  });

  it('a job failed down to zero retries raises JOB_NO_RETRIES; updating retries and resolving re-activates it', async () => {
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'simple' });
    const [job] = await activate(f.engine, 'simple-work');
    assert.deepEqual(job.customHeaders, { agency: 'STP' });
    assert.equal(job.retries, 3);
    await f.engine.failJob(job.jobKey, { retries: 1, errorMessage: 'registry down', retryBackOff: 60_000 });
    assert.equal((await activate(f.engine, 'simple-work')).length, 0, 'backing off');
    f.clock.advance(60_000);
    const [again] = await activate(f.engine, 'simple-work');
    assert.equal(again.retries, 1);
    await f.engine.failJob(again.jobKey, { retries: 0, errorMessage: 'registry still down' });
    const [incident] = await f.engine.searchIncidents({ processInstanceKey: instance.processInstanceKey, state: 'ACTIVE' });
    assert.equal(incident?.errorType, 'JOB_NO_RETRIES');
    assert.equal(incident?.errorMessage, 'registry still down');
    assert.equal(incident?.jobKey, job.jobKey);
    await assert.rejects(f.engine.resolveIncident(incident.incidentKey), isCode('INVALID_STATE', /retries/));
    await f.engine.updateJobRetries(job.jobKey, 2);
    await f.engine.resolveIncident(incident.incidentKey);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).hasIncident, false);
    const [third] = await activate(f.engine, 'simple-work');
    await f.engine.completeJob(third.jobKey);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });

  it('completing a job twice, or a job of a cancelled instance, is refused and changes nothing', async () => {
    const first = await f.engine.createProcessInstance({ processDefinitionId: 'simple' });
    const [job] = await activate(f.engine, 'simple-work');
    await f.engine.completeJob(job.jobKey, { n: 1 });
    await assert.rejects(f.engine.completeJob(job.jobKey, { n: 2 }), isCode('NOT_FOUND', /already completed/));
    assert.deepEqual(await f.engine.getVariables(first.processInstanceKey), { n: 1 });

    const second = await f.engine.createProcessInstance({ processDefinitionId: 'simple' });
    const [other] = await activate(f.engine, 'simple-work');
    await f.engine.cancelProcessInstance(second.processInstanceKey);
    assert.equal((await f.engine.getProcessInstance(second.processInstanceKey)).state, 'TERMINATED');
    await assert.rejects(f.engine.completeJob(other.jobKey), isCode('NOT_FOUND', /cancelled/));
    await assert.rejects(f.engine.cancelProcessInstance(second.processInstanceKey), isCode('INVALID_STATE'));
  });

  it('an expired activation returns the job to other workers', async () => {
    await f.engine.createProcessInstance({ processDefinitionId: 'simple' });
    const [job] = await f.engine.activateJobs({ type: 'simple-work', worker: 'slow', maxJobsToActivate: 1, timeout: 1000 });
    assert.equal((await activate(f.engine, 'simple-work')).length, 0);
    f.clock.advance(1001);
    const [retaken] = await activate(f.engine, 'simple-work');
    assert.equal(retaken?.jobKey, job.jobKey);
    assert.equal(retaken?.worker, 'test');
    await f.engine.completeJob(retaken.jobKey);
  });

  it('a job worker maps handler outcomes to complete, fail and throwError', async () => {
    await deploy(
      f.engine,
      'worker',
      bpmn(
        'worker',
        `<bpmn:startEvent id="start" />${serviceTask('w', 'worker-type')}
         <bpmn:boundaryEvent id="err" attachedToRef="w"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
         <bpmn:endEvent id="end" /><bpmn:endEvent id="errEnd" />
         ${flow('f1', 'start', 'w')} ${flow('f2', 'w', 'end')} ${flow('f3', 'err', 'errEnd')}`,
      ),
    );
    const outcomes = new Map<string, number>();
    const worker = f.engine.createJobWorker({
      type: 'worker-type',
      handler: async (job) => {
        const mode = job.variables.mode as string;
        const attempt = (outcomes.get(job.processInstanceKey) ?? 0) + 1;
        outcomes.set(job.processInstanceKey, attempt);
        if (mode === 'throw' && attempt === 1) throw new Error('transient');
        if (mode === 'error') return { kind: 'error', errorCode: 'REJECTED' };
        return { kind: 'complete', variables: { attempt } };
      },
    });
    try {
      const done = await f.engine.createProcessInstance({ processDefinitionId: 'worker', variables: { mode: 'ok' } });
      const flaky = await f.engine.createProcessInstance({ processDefinitionId: 'worker', variables: { mode: 'throw' } });
      const rejected = await f.engine.createProcessInstance({ processDefinitionId: 'worker', variables: { mode: 'error' } });
      const until = Date.now() + 5000;
      const states = async () =>
        Promise.all([done, flaky, rejected].map(async (i) => (await f.engine.getProcessInstance(i.processInstanceKey)).state));
      while ((await states()).some((s) => s !== 'COMPLETED') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(await states(), ['COMPLETED', 'COMPLETED', 'COMPLETED']);
      assert.equal((await f.engine.getVariables(flaky.processInstanceKey)).attempt, 2, 'a throwing handler fails the job, which is retried');
      const rejectedElements = await f.engine.getElementInstances(rejected.processInstanceKey);
      assert.equal(rejectedElements.find((e) => e.elementId === 'errEnd')?.state, 'COMPLETED');
    } finally {
      await worker.close();
    }
  });

  it('user tasks carry assignment, candidates, dates and form; claim, unclaim and complete once', async () => {
    await deploy(
      f.engine,
      'review',
      bpmn(
        'review',
        `<bpmn:startEvent id="start" />
         <bpmn:userTask id="appraise" name="Thẩm định hồ sơ">
           <bpmn:extensionElements>
             <zeebe:userTask />
             <zeebe:assignmentDefinition candidateGroups="chuyen-vien, lanh-dao" candidateUsers="= [officer]" />
             <zeebe:taskSchedule dueDate="= dueAt" followUpDate="2030-01-08T08:00:00Z" />
             <zeebe:formDefinition formId="tham-dinh" />
             <zeebe:taskHeaders><zeebe:header key="step" value="2" /></zeebe:taskHeaders>
           </bpmn:extensionElements>
         </bpmn:userTask>
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'appraise')} ${flow('f2', 'appraise', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({
      processDefinitionId: 'review',
      variables: { officer: 'an.nv', dueAt: '2030-01-10T10:00:00Z' },
    });
    const [task] = await f.engine.searchUserTasks({ processInstanceKey: instance.processInstanceKey });
    assert.equal(task?.name, 'Thẩm định hồ sơ');
    assert.deepEqual(task?.candidateGroups, ['chuyen-vien', 'lanh-dao']);
    assert.deepEqual(task?.candidateUsers, ['an.nv']);
    assert.equal(task?.dueDate, '2030-01-10T10:00:00.000Z');
    assert.equal(task?.followUpDate, '2030-01-08T08:00:00.000Z');
    assert.equal(task?.formKey, 'tham-dinh');
    assert.deepEqual(task?.customHeaders, { step: '2' });
    assert.equal((await f.engine.searchUserTasks({ candidateGroups: ['lanh-dao'], state: 'CREATED' })).length, 1);
    assert.equal((await f.engine.searchUserTasks({ candidateUser: 'an.nv' })).length, 1);

    await f.engine.assignUserTask(task.userTaskKey, 'an.nv', false);
    await assert.rejects(f.engine.assignUserTask(task.userTaskKey, 'binh.tt', false), isCode('INVALID_STATE', /an\.nv/));
    await f.engine.assignUserTask(task.userTaskKey, null);
    await f.engine.assignUserTask(task.userTaskKey, 'binh.tt', false);
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).assignee, 'binh.tt');

    await f.engine.completeUserTask(task.userTaskKey, { decision: 'approve' });
    await assert.rejects(f.engine.completeUserTask(task.userTaskKey, { decision: 'reject' }), isCode('INVALID_STATE', /COMPLETED/));
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(instance.processInstanceKey)).decision, 'approve');
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });

  it('redeploying unchanged content keeps the version; invalid XML and unsupported elements are refused', async () => {
    const xml = bpmn('versioned', `<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />${flow('f', 's', 'e')}`);
    const one = await deploy(f.engine, 'versioned', xml);
    const same = await deploy(f.engine, 'versioned', xml);
    assert.deepEqual(same.processes, one.processes);
    const changed = await deploy(f.engine, 'versioned', xml.replace('id="e"', 'id="e" name="End"'));
    assert.equal(changed.processes[0].processDefinitionVersion, 2);

    await assert.rejects(
      deploy(f.engine, 'broken', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p">\n</bpmn:definitions>'),
      isCode('INVALID_MODEL', /line: 2/),
    );
    await assert.rejects(
      deploy(
        f.engine,
        'conditional',
        bpmn(
          'conditional',
          `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="feePaid" name="Fee paid"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">= paid</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
           ${flow('f1', 's', 'feePaid')} ${flow('f2', 'feePaid', 'e')}`,
        ),
      ),
      isCode('UNSUPPORTED_ELEMENT', /'feePaid' \(Fee paid\).*Conditional event \(Camunda 8\.8 does not execute conditional events either\)/),
    );
    await assert.rejects(
      deploy(
        f.engine,
        'dmn',
        bpmn(
          'dmn',
          `<bpmn:startEvent id="s" /><bpmn:businessRuleTask id="fee"><bpmn:extensionElements><zeebe:calledDecision decisionId="fee" /></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="e" />
           ${flow('f1', 's', 'fee')} ${flow('f2', 'fee', 'e')}`,
        ),
      ),
      // A called decision is supported (business-rule-tasks conformance scenarios); without a result variable it is refused.
      isCode('INVALID_MODEL', /'fee'.*resultVariable/),
    );
  });

  it('refuses a variables document over 4 MB', async () => {
    const big = { blob: 'x'.repeat(4 * 1024 * 1024) };
    await assert.rejects(f.engine.createProcessInstance({ processDefinitionId: 'simple', variables: big }), isCode('INVALID_ARGUMENT', /4 MB/));
  });

  // Camunda docs, "User tasks" > "Job worker implementation": a user task without zeebe:userTask is a
  // job of type io.camunda.zeebe:userTask whose headers carry the evaluated assignment
  // (io.camunda.zeebe:assignee, and candidate groups and users as JSON lists).
  it('a job-based user task carries its evaluated assignee and candidate groups in its headers', async () => {
    await deploy(
      f.engine,
      'job-user-task',
      bpmn(
        'job-user-task',
        `<bpmn:startEvent id="start" />
         <bpmn:userTask id="approve"><bpmn:extensionElements>
           <zeebe:assignmentDefinition assignee="=boss" candidateGroups="=[team, &quot;leaders&quot;]" />
         </bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end" />${flow('f1', 'start', 'approve')} ${flow('f2', 'approve', 'end')}`,
      ),
    );
    await f.engine.createProcessInstance({ processDefinitionId: 'job-user-task', variables: { boss: 'mai.le', team: 'appraisal' } });
    const [job] = await activate(f.engine, 'io.camunda.zeebe:userTask');
    assert.equal(job?.customHeaders['io.camunda.zeebe:assignee'], 'mai.le');
    assert.deepEqual(JSON.parse(job.customHeaders['io.camunda.zeebe:candidateGroups']), ['appraisal', 'leaders']);
  });
});
