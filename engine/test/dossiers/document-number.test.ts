import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { APPROVE, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform } from './support.js';

interface RegisteredDocument {
  id: string;
  kind: string;
  number: string | null;
}

/** The number the clerk gives the result at the signing step is what the public verification shows. */
describe(`the clerk's document number on the issued result (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  test('the verification page and POST /api/verify carry the number entered at the signing step', async () => {
    const c = CASES['dang-ky-khai-sinh']!;
    const staff = (role: string) => `${role}.${c.staff}`;
    // Digits only, as clerks usually enter it: a JSON-looking text must stay text through the engine.
    const number = String(Math.floor(Math.random() * 9000) + 1000);
    const dossier = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep(staff('reception'), dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep(staff('specialist'), dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug]!));
    await p.completeStep(staff('leader'), dossier.id, 'Task_PheDuyet', APPROVE);
    await p.completeStep(staff('clerk'), dossier.id, 'Task_KySoVanThu', { ...c.numbering, soVanBan: number });
    const pdf = await p.signedDocument('citizen1', dossier.id, 'result', 2);

    const documents = await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    const result = documents.find((d) => d.kind === 'result')!;
    const page = await p.request(undefined, `/verify/${result.issuedDocumentId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`<th>Số</th><td>${number.replace('/', '\\/')}</td>`), 'the page shows the number');
    assert.doesNotMatch(html, /<th>Số<\/th><td>—<\/td>/);

    const form = new FormData();
    form.append('file', new Blob([pdf]), 'ket-qua.pdf');
    const upload = await p.request(undefined, '/api/verify', { method: 'POST', body: form });
    assert.equal(upload.status, 200);
    const body = (await upload.json()) as { valid: boolean; registeredDocument: RegisteredDocument | null };
    assert.equal(body.valid, true);
    assert.equal(body.registeredDocument?.id, result.issuedDocumentId);
    assert.equal(body.registeredDocument?.number, number);

    // The receipt has no number: the page says so instead of inventing one.
    const receipt = documents.find((d) => d.kind === 'receipt')!;
    assert.match(await (await p.request(undefined, `/verify/${receipt.issuedDocumentId}`)).text(), /<th>Số<\/th><td>—<\/td>/);
  });
});
