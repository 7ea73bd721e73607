import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activate, bpmn, deploy, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

describe('embedded engine: variable scopes, mappings, call activities, multi-instance', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  it('input mappings create local variables; output mappings alone reach the parent scope', async () => {
    await deploy(
      f.engine,
      'io',
      bpmn(
        'io',
        `<bpmn:startEvent id="start" />
         ${serviceTask(
           'check',
           'io-check',
           `<zeebe:ioMapping>
              <zeebe:input source="= applicant.name" target="name" />
              <zeebe:output source="= score * 2" target="result.doubled" />
            </zeebe:ioMapping>`,
         )}
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'check')} ${flow('f2', 'check', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({
      processDefinitionId: 'io',
      variables: { applicant: { name: 'Nguyễn Văn A' }, result: { kept: true } },
    });
    const [job] = await activate(f.engine, 'io-check');
    assert.equal(job.variables.name, 'Nguyễn Văn A');
    await f.engine.completeJob(job.jobKey, { score: 21, noise: 'stays local' });
    const variables = await f.engine.getVariables(instance.processInstanceKey);
    assert.deepEqual(variables, { applicant: { name: 'Nguyễn Văn A' }, result: { kept: true, doubled: 42 } });
  });

  it('job variables without output mappings propagate to the nearest scope that has them, else the root', async () => {
    await deploy(
      f.engine,
      'propagation',
      bpmn(
        'propagation',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="sub">
           <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="= 0" target="counter" /></zeebe:ioMapping></bpmn:extensionElements>
           <bpmn:startEvent id="subStart" />
           ${serviceTask('inner', 'prop-inner')}
           ${serviceTask('read', 'prop-read')}
           <bpmn:endEvent id="subEnd" />
           ${flow('s1', 'subStart', 'inner')} ${flow('s2', 'inner', 'read')} ${flow('s3', 'read', 'subEnd')}
         </bpmn:subProcess>
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'sub')} ${flow('f2', 'sub', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'propagation' });
    const [inner] = await activate(f.engine, 'prop-inner');
    assert.equal(inner.variables.counter, 0);
    await f.engine.completeJob(inner.jobKey, { counter: 5, created: 'root' });
    const [read] = await activate(f.engine, 'prop-read');
    assert.equal(read.variables.counter, 5, 'updated in the sub-process scope where it exists');
    assert.deepEqual(await f.engine.getVariables(instance.processInstanceKey), { created: 'root' });
    await f.engine.completeJob(read.jobKey);
    assert.deepEqual(await f.engine.getVariables(instance.processInstanceKey), { created: 'root' });
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });

  it('call activity passes parent variables down and child variables up, or only mapped outputs', async () => {
    await deploy(
      f.engine,
      'child',
      bpmn(
        'child',
        `<bpmn:startEvent id="start" />${serviceTask('work', 'child-work')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'work')} ${flow('f2', 'work', 'end')}`,
      ),
    );
    await deploy(
      f.engine,
      'parent',
      bpmn(
        'parent',
        `<bpmn:startEvent id="start" />
         <bpmn:callActivity id="callAll"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:callActivity id="callMapped"><bpmn:extensionElements>
           <zeebe:calledElement processId="= childId" propagateAllChildVariables="false" propagateAllParentVariables="false" />
           <zeebe:ioMapping><zeebe:input source="= dossier" target="dossier" /><zeebe:output source="= answer" target="mappedAnswer" /></zeebe:ioMapping>
         </bpmn:extensionElements></bpmn:callActivity>
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'callAll')} ${flow('f2', 'callAll', 'callMapped')} ${flow('f3', 'callMapped', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({
      processDefinitionId: 'parent',
      variables: { dossier: 'D-1', secret: 's', childId: 'child' },
    });
    const [first] = await activate(f.engine, 'child-work');
    assert.deepEqual(first.variables, { dossier: 'D-1', secret: 's', childId: 'child' });
    await f.engine.completeJob(first.jobKey, { answer: 1, extra: 'x' });
    const [second] = await activate(f.engine, 'child-work');
    assert.deepEqual(second.variables, { dossier: 'D-1' }, 'only the input mappings when parent variables are not propagated');
    await f.engine.completeJob(second.jobKey, { answer: 2, ignored: true });
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(instance.processInstanceKey), {
      dossier: 'D-1',
      secret: 's',
      childId: 'child',
      answer: 1,
      extra: 'x',
      mappedAnswer: 2,
    });
  });

  for (const sequential of [false, true]) {
    it(`${sequential ? 'sequential' : 'parallel'} multi-instance collects outputElement into outputCollection`, async () => {
      const id = sequential ? 'mi-seq' : 'mi-par';
      await deploy(
        f.engine,
        id,
        bpmn(
          id,
          `<bpmn:startEvent id="start" />
           <bpmn:serviceTask id="consult">
             <bpmn:extensionElements><zeebe:taskDefinition type="${id}-consult" /></bpmn:extensionElements>
             <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">
               <bpmn:extensionElements>
                 <zeebe:loopCharacteristics inputCollection="= agencies" inputElement="agency" outputCollection="opinions" outputElement="= opinion" />
               </bpmn:extensionElements>
             </bpmn:multiInstanceLoopCharacteristics>
           </bpmn:serviceTask>
           <bpmn:endEvent id="end" />
           ${flow('f1', 'start', 'consult')} ${flow('f2', 'consult', 'end')}`,
        ),
      );
      const instance = await f.engine.createProcessInstance({ processDefinitionId: id, variables: { agencies: ['tax', 'land', 'police'] } });
      const seen: string[] = [];
      for (let round = 0; round < 3; round++) {
        const jobs = await activate(f.engine, `${id}-consult`);
        assert.equal(jobs.length, sequential ? 1 : 3);
        // Complete in reverse order in the parallel case: the collection keeps the input order.
        for (const job of jobs.reverse()) {
          seen.push(job.variables.agency as string);
          await f.engine.completeJob(job.jobKey, { opinion: `ok from ${job.variables.agency as string}` });
        }
        if (!sequential) break;
      }
      assert.deepEqual([...seen].sort(), ['land', 'police', 'tax']);
      if (sequential) assert.deepEqual(seen, ['tax', 'land', 'police']);
      assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
      const variables = await f.engine.getVariables(instance.processInstanceKey);
      assert.deepEqual(variables.opinions, ['ok from tax', 'ok from land', 'ok from police']);
    });
  }
});
