import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { calendarOverrides } from '../../src/calendar/calendar.schema.js';
import { bpmn, deploy, elementIds, flow, openEngine, type EngineFixture } from '../support/workflow.js';

/**
 * Commands joined to the caller's transaction (joinTransaction): the platform's records of a completed step (control sheet, dossier status) and the engine's
 * completion commit together on the embedded engine: the requirement "a task completion, its
 * control-sheet entry and the status change commit in one transaction". Any table of the platform
 * stands for those records here; the calendar's overrides are one.
 */
describe('embedded engine: a user task completion and the writes alongside it commit together', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
    await deploy(
      f.engine,
      'step',
      bpmn(
        'step',
        `<bpmn:startEvent id="start" />
         <bpmn:userTask id="receive"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
         <bpmn:userTask id="appraise"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
         ${flow('f1', 'start', 'receive')} ${flow('f2', 'receive', 'appraise')}`,
      ),
    );
  });
  after(() => f.close());

  const record = (date: string) => ({ date, kind: 'day_off' as const, name: 'record of the step', updatedBy: 'test' });
  const recorded = async (date: string) => (await f.database.db.select().from(calendarOverrides).where(eq(calendarOverrides.date, date))).length;

  it('a write that fails rolls the completion back: the task stays open, the instance does not move, nothing is written', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'step' });
    const [task] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await assert.rejects(
      f.database.db.transaction(async (tx) => {
        await f.engine.joinTransaction(tx).commands.completeUserTask(task.userTaskKey, { decision: 'receive' });
        await tx.insert(calendarOverrides).values(record('2031-01-02'));
        throw new Error('the status change was refused');
      }),
      /the status change was refused/,
    );
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).state, 'CREATED');
    assert.deepEqual(await elementIds(f.engine, processInstanceKey, 'ACTIVE'), ['receive']);
    assert.equal(await recorded('2031-01-02'), 0);
    assert.equal((await f.engine.getVariables(processInstanceKey)).decision, undefined);
  });

  it('a write that succeeds is committed with the completion, and the next step opens', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'step' });
    const [task] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    const joined = await f.database.db.transaction(async (tx) => {
      const engine = f.engine.joinTransaction(tx);
      await engine.commands.completeUserTask(task.userTaskKey, { decision: 'receive' });
      await tx.insert(calendarOverrides).values(record('2031-01-03'));
      return engine;
    });
    await joined.afterCommit();
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).state, 'COMPLETED');
    assert.deepEqual(await elementIds(f.engine, processInstanceKey, 'ACTIVE'), ['appraise']);
    assert.equal(await recorded('2031-01-03'), 1);
  });
});
