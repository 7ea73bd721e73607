import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ALL_ROLES } from '../../src/auth/roles.js';
import { readBundleFolder } from '../../src/procedures/bundle-io.js';
import type { ProcedureBundle } from '../../src/procedures/bundle.js';
import { lintBundle } from '../../src/procedures/lint/bundle-linter.js';
import { WORKER_TYPES } from '../../src/procedures/worker-types.js';
import { edit, FIXTURE } from './support.js';

const MODEL = 'models/land-use-extract.bpmn';

/** The fixture with a non-interrupting reminder on the appraisal task, cycling as `cycle` says. */
function withReminder(bundle: ProcedureBundle, cycle: string): ProcedureBundle {
  return edit(bundle, {
    [MODEL]: (xml) =>
      xml.replace(
        '</bpmn:process>',
        `<bpmn:boundaryEvent id="Remind" attachedToRef="Task_appraise" cancelActivity="false">
      <bpmn:outgoing>Flow_remind</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="Reminded"><bpmn:incoming>Flow_remind</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_remind" sourceRef="Remind" targetRef="Reminded" />
  </bpmn:process>`,
      ),
  });
}

describe('lint of timer cycles', () => {
  let original: ProcedureBundle;
  const options = { roles: ALL_ROLES, workerTypes: WORKER_TYPES, hoursPerDay: 8 };
  const timerIssues = async (cycle: string) =>
    (await lintBundle(withReminder(original, cycle), options)).issues.filter((i) => i.rule === 'platform/timer').map((i) => `${i.severity}: ${i.message}`);
  before(async () => {
    original = await readBundleFolder(FIXTURE);
  });

  test('a cron cycle the engine runs is accepted, like an ISO 8601 cycle', async () => {
    assert.deepEqual(await timerIssues('0 0 9 * * MON-FRI'), []);
    assert.deepEqual(await timerIssues('R/P1D'), []);
  });

  test('an invalid cron cycle is an error naming the field', async () => {
    assert.deepEqual(await timerIssues('0 0 9 * * MON-FUN'), [
      "error: timer 'Remind': '0 0 9 * * MON-FUN' is not a valid cron expression: 'FUN' is not a valid day-of-week",
    ]);
  });
});
