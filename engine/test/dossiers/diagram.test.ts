import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform } from './support.js';
import type { Schemas } from '../support/api-types.js';

type Diagram = Schemas['DossierDiagramDto'];

const BIRTH = CASES['dang-ky-khai-sinh'];

/** GET /api/dossiers/:id/diagram: the procedure version's main process and where the dossier's token is. */
describe(`a dossier's process diagram (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  const diagram = (username: string, id: string) => p.call<Diagram>(username, `/api/dossiers/${id}/diagram`);

  function assertDrawn(d: Diagram): void {
    for (const id of [...d.activeElementIds, ...d.completedElementIds]) assert.match(d.xml, new RegExp(`<bpmndi:BPMNShape [^>]*bpmnElement="${id}"`), `${id} is drawn`);
    assert.deepEqual(d.activeElementIds.filter((id) => d.completedElementIds.includes(id)), [], 'an element is either active or completed');
  }

  test('the applicant and the handling agency see the token move from reception to appraisal', async () => {
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.task('reception.hongha', submitted.id, 'Task_TiepNhan');

    const atReception = await diagram('citizen1', submitted.id);
    assert.match(atReception.xml, /<bpmn:process id="dang-ky-khai-sinh"/);
    assert.match(atReception.xml, /<bpmndi:BPMNDiagram/);
    assert.deepEqual(atReception.activeElementIds, ['Task_TiepNhan']);
    assert.ok(atReception.completedElementIds.includes('StartEvent_HoSoDaNop'), atReception.completedElementIds.join());
    assertDrawn(atReception);
    assert.deepEqual(await diagram('reception.hongha', submitted.id), atReception);

    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.task('specialist.hongha', submitted.id, 'Task_ThamDinh');
    const atAppraisal = await diagram('specialist.hongha', submitted.id);
    assert.deepEqual(atAppraisal.activeElementIds, ['Task_ThamDinh']);
    assert.ok(atAppraisal.completedElementIds.includes('Task_TiepNhan'), atAppraisal.completedElementIds.join());
    assert.ok(atAppraisal.completedElementIds.includes('StartEvent_HoSoDaNop'));
    assertDrawn(atAppraisal);
    assert.deepEqual(await diagram('supervisor', submitted.id), atAppraisal);
  });

  test('whoever may not read the dossier gets the same 404 as for the dossier itself; no token is 401', async () => {
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    for (const username of ['citizen2', 'reception.sxd', 'specialist.ca']) {
      const detail = await p.request(username, `/api/dossiers/${submitted.id}`);
      const drawn = await p.request(username, `/api/dossiers/${submitted.id}/diagram`);
      assert.equal(detail.status, 404, username);
      assert.equal(drawn.status, 404, username);
      assert.deepEqual(await drawn.json(), await detail.json(), username);
    }
    assert.equal((await p.request('supervisor', `/api/dossiers/${randomUUID()}/diagram`)).status, 404);
    assert.equal((await p.request('supervisor', '/api/dossiers/not-a-uuid/diagram')).status, 400);
    assert.equal((await p.request(undefined, `/api/dossiers/${submitted.id}/diagram`)).status, 401);
  });
});
