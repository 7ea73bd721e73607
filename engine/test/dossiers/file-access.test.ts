import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { CASES } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

const BIRTH = CASES['dang-ky-khai-sinh'];

/**
 * A file is read through the dossier that holds it (issue "Hardening", finding 8): officers read
 * the attachments of their agency's dossiers, whoever uploaded them (a counter upload included),
 * and nothing else; a file not yet attached to a dossier is its uploader's alone.
 */
describe(`file access follows the dossier (${backendName})`, () => {
  let p: DossierPlatform;
  before(async () => {
    p = await DossierPlatform.start({ SEED_DEMO_DOSSIERS: 'true' });
  });
  after(async () => {
    await p?.close();
  });

  const status = async (username: string, fileId: string) => (await p.request(username, `/api/files/${fileId}`)).status;

  test('an upload attached to nothing is readable by its uploader only', async () => {
    // citizen1 has demo dossiers at UBND-XA-HH and CA: that no longer opens his other files to their officers.
    const fileId = await p.upload('citizen1', 'chua-nop.pdf');
    assert.equal(await status('citizen1', fileId), 200);
    for (const other of ['reception.hongha', 'specialist.ca', 'supervisor', 'citizen2']) assert.equal(await status(other, fileId), 404, other);
  });

  test('an attachment of a dossier is readable by the agency handling it and the applicant, not by another agency that also has his dossiers', async () => {
    const dossier = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    const fileId = dossier.attachments[0].fileId;
    for (const reader of ['citizen1', 'reception.hongha', 'specialist.hongha', 'supervisor']) assert.equal(await status(reader, fileId), 200, reader);
    for (const other of ['specialist.ca', 'reception.sxd', 'citizen2']) assert.equal(await status(other, fileId), 404, other);
  });

  test('an attachment received at the counter is readable by the agency’s specialist', async () => {
    const fileId = await p.upload('reception.hongha', 'giay-chung-sinh.pdf');
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>('reception.hongha', `/api/public/procedures/${BIRTH.slug}`);
    const attachments = catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ document: d.name, fileId }));
    const dossier = await p.call<Dossier>('reception.hongha', '/api/dossiers/counter', {
      json: { procedure: BIRTH.slug, application: BIRTH.application, attachments, applicant: { fullName: 'Trần Văn Bình' } },
    }, 201);
    assert.ok(dossier.id);
    assert.equal(await status('specialist.hongha', fileId), 200);
    assert.equal(await status('specialist.ca', fileId), 404);
  });
});
