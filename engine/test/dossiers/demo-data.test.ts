import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_DOSSIERS } from '../../src/dossiers/demo-dossiers.js';
import { withTools, runOnPdf } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { DossierPlatform, waitFor, type Dossier } from './support.js';
import type { Schemas } from '../support/api-types.js';

type Listed = Schemas['DossierDto'];

describe(`demo dossiers after start (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start({ SEED_DEMO_DOSSIERS: 'true' });
  });
  after(async () => {
    await p?.close();
  });

  async function all(): Promise<Listed[]> {
    return (await p.call<{ items: Listed[] }>('supervisor', '/api/dossiers?limit=200')).items;
  }

  test('every demo dossier is a real submission of a shipped procedure with a running process', async () => {
    const dossiers = await all();
    assert.equal(dossiers.length, DEMO_DOSSIERS.length);
    for (const dossier of dossiers) {
      assert.equal(dossier.startState, 'started', dossier.code);
      assert.ok(dossier.processInstanceKey, dossier.code);
      assert.ok(DEMO_DOSSIERS.some((d) => d.procedure === dossier.procedureSlug), `${dossier.code} runs a shipped procedure`);
    }
  });

  test('the officers’ worklists and the citizens’ portal show dossiers at different steps', async (t) => {
    const at = async (username: string, elementId: string) =>
      waitFor(`${elementId} in ${username}'s worklist`, async () => {
        const items = await p.worklist(username);
        return items.find((i) => i.elementId === elementId);
      }, 120_000);
    await at('reception.hongha', 'Task_TiepNhan');
    await at('specialist.hongha', 'Task_ThamDinh');
    await at('leader.hongha', 'Task_PheDuyet');
    await at('reception.ca', 'Task_TiepNhan');
    await at('specialist.baichay', 'Task_ThamDinh');

    const statuses = async (citizen: string) => (await p.call<{ items: Dossier[] }>(citizen, '/api/dossiers')).items.map((d) => d.status);
    const returned = await waitFor('a returned demo dossier', async () => {
      const items = (await p.call<{ items: Dossier[] }>('citizen1', '/api/dossiers')).items;
      return items.find((d) => d.status === 'returned');
    }, 120_000);
    const pdf = await p.signedDocument('citizen1', returned.id, 'result', 2);
    withTools(t, ['pdfsig'], () => assert.equal(runOnPdf('pdfsig', [], pdf).match(/Signature is Valid\./g)?.length, 2));
    await waitFor('a demo dossier waiting for a supplement', async () => (await statuses('citizen2')).includes('supplement_requested'));
    assert.ok((await statuses('citizen1')).includes('new'));
  });

  test('a restart submits nothing twice', async () => {
    const before = (await all()).map((d) => d.code).sort();
    await p.restart();
    assert.deepEqual((await all()).map((d) => d.code).sort(), before);
  });
});
