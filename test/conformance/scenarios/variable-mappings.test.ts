import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { chain, completeOne, deployProcess, end, io, job, oneJob, start, subProcess } from './flow-builders.js';

/**
 * Input and output mappings, mirroring Zeebe's ActivityInputMappingTest and ActivityOutputMappingTest:
 * the mappings sit on an embedded sub-process; its local variables are observed through the job of a
 * task inside it, the process scope through getVariables.
 */
describe('conformance: variable mappings (Zeebe ActivityInputMappingTest, ActivityOutputMappingTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  let n = 0;
  /** start → sub (mappings; s-start → task → s-end) → end. Returns the process id, also the job type. */
  const withMappings = async (inputs: [string, string][], outputs: [string, string][] = []) => {
    const id = `vm-${++n}`;
    await deployProcess(
      f.engine,
      id,
      `${start()} ${subProcess('sub', `${start('s-start')} ${job('task', id)} ${end('s-end')} ${chain('s', 's-start', 'task', 's-end')}`, { ext: io(inputs, outputs) })}
       ${end()} ${chain('f', 'start', 'sub', 'end')}`,
    );
    return id;
  };
  /** The variables the task inside the sub-process sees, besides the process variables. */
  const seenInSub = async (id: string, variables: Record<string, unknown>) => {
    await f.engine.createProcessInstance({ processDefinitionId: id, variables });
    const found = await oneJob(f.engine, id);
    return found.variables;
  };

  const inputCases: { title: string; initial: Record<string, unknown>; inputs: [string, string][]; expected: Record<string, unknown>}[] = [
    { title: "{'x': 1}, x → y", initial: { x: 1 }, inputs: [['= x', 'y']], expected: { y: 1 } },
    { title: "{'x': {'y': 2}}, x.y → y", initial: { x: { y: 2 } }, inputs: [['= x.y', 'y']], expected: { y: 2 } },
    {
      title: 'mappings are evaluated in modelling order: 1 → obj.first, 2 → flat, flat → obj.second, flat → flatCopy',
      initial: {},
      inputs: [['= 1', 'obj.first'], ['= 2', 'flat'], ['= flat', 'obj.second'], ['= flat', 'flatCopy']],
      expected: { flat: 2, obj: { first: 1, second: 2 }, flatCopy: 2 },
    },
    {
      title: 'a mapping can reference the nested target of an earlier mapping: x → a.b, a.b + 1 → c',
      initial: { x: 1 },
      inputs: [['= x', 'a.b'], ['= a.b + 1', 'c']],
      expected: { a: { b: 1 }, c: 2 },
    },
    {
      title: "a mapping's target shadows a same-named scope variable for later mappings: 2 → x, x → y",
      initial: { x: 1 },
      inputs: [['= 2', 'x'], ['= x', 'y']],
      expected: { x: 2, y: 2 },
    },
    {
      title: 'a forward reference resolves to null: late → early, 1 → late',
      initial: {},
      inputs: [['= late', 'early'], ['= 1', 'late']],
      expected: { early: null, late: 1 },
    },
    {
      title: 'static (non-=) sources are strings: 1 → num, true → bool, null → nul',
      initial: {},
      inputs: [['1', 'num'], ['true', 'bool'], ['null', 'nul']],
      expected: { num: '1', bool: 'true', nul: 'null' },
    },
  ];
  for (const c of inputCases) {
    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/variable/mapping/ActivityInputMappingTest.java
    it(`ActivityInputMappingTest#shouldApplyInputMappings (${c.title})`, async () => {
      const id = await withMappings(c.inputs);
      const seen = await seenInSub(id, c.initial);
      for (const [name, value] of Object.entries(c.expected)) assert.deepEqual(seen[name], value, name);
    });
  }

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/variable/mapping/ActivityInputMappingTest.java
  it('ActivityInputMappingTest#shouldApplyInputMappings (x → y): the input stays local to the sub-process', async () => {
    const id = await withMappings([['= x', 'y']]);
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: id, variables: { x: 1 } });
    await completeOne(f.engine, id);
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { x: 1 });
  });

  const outputCases: { title: string; initial: Record<string, unknown>; inputs?: [string, string][]; outputs: [string, string][]; expected: Record<string, unknown> }[] = [
    { title: "{'x': 1}, x → y", initial: { x: 1 }, outputs: [['= x', 'y']], expected: { x: 1, y: 1 } },
    { title: "{'x': 1}, input x → y, output y → z", initial: { x: 1 }, inputs: [['= x', 'y']], outputs: [['= y', 'z']], expected: { x: 1, z: 1 } },
    { title: "{'x': {'y': 2}}, x.y → z", initial: { x: { y: 2 } }, outputs: [['= x.y', 'z']], expected: { x: { y: 2 }, z: 2 } },
    { title: "{'z': {'x': 1}, 'y': 2}, y → z.y merges into z", initial: { z: { x: 1 }, y: 2 }, outputs: [['= y', 'z.y']], expected: { z: { x: 1, y: 2 }, y: 2 } },
    { title: "{'x': 1, 'y': 2}, x → z.x, y → z.y", initial: { x: 1, y: 2 }, outputs: [['= x', 'z.x'], ['= y', 'z.y']], expected: { x: 1, y: 2, z: { x: 1, y: 2 } } },
  ];
  for (const c of outputCases) {
    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/variable/mapping/ActivityOutputMappingTest.java
    it(`ActivityOutputMappingTest#shouldApplyOutputMappings (${c.title})`, async () => {
      const id = await withMappings(c.inputs ?? [], c.outputs);
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: id, variables: c.initial });
      await completeOne(f.engine, id);
      assert.deepEqual(await f.engine.getVariables(processInstanceKey), c.expected);
    });
  }
});
