import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfText, withTools } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform } from './support.js';

interface RegisteredDocument {
  id: string;
  kind: string;
  number: string | null;
}

/**
 * The number printed on the result, taken from the agency's register when it was issued (Decree
 * 30/2020/NĐ-CP, Appendix I: the number is the document's order in the year at its agency), is
 * what the public verification shows.
 */
describe(`the registered document number on the issued result (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  test('the verification page and POST /api/verify carry the number printed on the document', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const staff = (role: string) => `${role}.${c.staff}`;
    const dossier = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep(staff('reception'), dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep(staff('specialist'), dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug]));
    await p.completeStep(staff('leader'), dossier.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep(staff('clerk'), dossier.id, 'Task_KySoVanThu', c.numbering);
    const pdf = await p.signedDocument('citizen1', dossier.id, 'result', 2);

    const documents = await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    const result = documents.find((d) => d.kind === 'result')!;
    const page = await p.request(undefined, `/verify/${result.issuedDocumentId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const number = /<th>Số<\/th><td>(\d{2,}\/KQ-UBND-XA-HH)<\/td>/.exec(html)?.[1];
    assert.ok(number, 'the page shows the number');
    withTools(t, ['pdftotext'], () => assert.ok(pdfText(pdf).includes(`Số: ${number}`), 'the same number is printed on the document'));
    assert.doesNotMatch(html, /<th>Số<\/th><td>—<\/td>/);

    const form = new FormData();
    form.append('file', new Blob([pdf]), 'ket-qua.pdf');
    const upload = await p.request(undefined, '/api/verify', { method: 'POST', body: form });
    assert.equal(upload.status, 200);
    const body = (await upload.json()) as { valid: boolean; registeredDocument: RegisteredDocument | null };
    assert.equal(body.valid, true);
    assert.equal(body.registeredDocument?.id, result.issuedDocumentId);
    assert.equal(body.registeredDocument?.number, number);

    // The receipt has its own number, from the register of receipts.
    const receipt = documents.find((d) => d.kind === 'receipt')!;
    assert.match(await (await p.request(undefined, `/verify/${receipt.issuedDocumentId}`)).text(), /<th>Số<\/th><td>\d{2,}\/TNHS-UBND-XA-HH<\/td>/);
  });
});
