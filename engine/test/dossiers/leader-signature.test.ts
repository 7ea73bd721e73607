import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AgencyDirectory } from '../../src/documents/agency-directory.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { runOnPdf, withTools } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import type { Schemas } from '../support/api-types.js';
import { APPROVE, appraisal, CASES, CRITERIA, LEADER_PIN, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

/**
 * Who signs a result. Decree 30/2020/NĐ-CP (Appendix I, electronic documents) places two digital
 * signatures on a document an agency issues: the competent person's own, then the agency's, whose
 * seal image overlaps the person's; the Law on Electronic Transactions 2023 (art. 22(2)) asks
 * that the data creating a signature be under the signer's sole control when she signs. So the
 * leader's approval is signed with her own key, opened by her PIN, and the agency seal follows.
 */
const BIRTH = CASES['dang-ky-khai-sinh'];
const LEADER = `leader.${BIRTH.staff}`;
const CLERK = `clerk.${BIRTH.staff}`;
const AGENCY_NAME = AgencyDirectory.shared().find(BIRTH.agency)!.name;

type TaskDetail = Schemas['TaskDetailDto'];

/** pdfsig's report, one block per signature, in the order they were applied. */
function pdfsigBlocks(pdf: Buffer): string[] {
  return runOnPdf('pdfsig', [], pdf).split(/^Signature #\d+:$/m).slice(1);
}

function commonName(block: string): string | undefined {
  return /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1];
}

describe(`the leader signs her approval with her own key, then the agency seals (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  /** A birth registration received and appraised: the draft result waits for the leader's approval. */
  async function atApproval(): Promise<Dossier> {
    const dossier = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.completeStep(`reception.${BIRTH.staff}`, dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep(`specialist.${BIRTH.staff}`, dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[BIRTH.slug]));
    return dossier;
  }

  async function approve(dossierId: string, signingPin: string | undefined, status: number): Promise<{ message?: string | string[] }> {
    const item = await p.task(LEADER, dossierId, 'Task_PheDuyet');
    return p.call(LEADER, `/api/tasks/${item.userTaskKey}/complete`, { json: { variables: APPROVE, ...(signingPin ? { signingPin } : {}) } }, status);
  }

  it('runs a birth registration to its result: pdfsig shows the leader by her full name, then the agency', async (t) => {
    const dossier = await atApproval();
    const item = await p.task(LEADER, dossier.id, 'Task_PheDuyet');
    const detail = await p.call<TaskDetail>(LEADER, `/api/tasks/${item.userTaskKey}`);
    assert.equal(detail.approvalSigns, 'result', 'the approval step says it signs the draft result');

    const refused = await approve(dossier.id, undefined, 400);
    assert.match(String(refused.message), /Cần nhập mã PIN ký số/);
    await approve(dossier.id, LEADER_PIN, 200);
    await p.completeStep(CLERK, dossier.id, 'Task_KySoVanThu', BIRTH.numbering);
    await p.waitForStatus('citizen1', dossier.id, 'done');

    const pdf = await p.signedDocument('citizen1', dossier.id, 'result', 2);
    withTools(t, ['pdfsig'], () => {
      const blocks = pdfsigBlocks(pdf);
      assert.equal(blocks.length, 2);
      for (const block of blocks) assert.match(block, /Signature Validation: Signature is Valid\./);
      assert.equal(commonName(blocks[0]), demoAccount(LEADER).displayName);
      assert.equal(commonName(blocks[1]), AGENCY_NAME);
    });

    // The verify API and the public page list both signers with their names and roles.
    const form = new FormData();
    form.append('file', new Blob([pdf]), 'ket-qua.pdf');
    const checked = await p.call<Schemas['UploadVerificationDto']>('citizen1', '/api/verify', { method: 'POST', body: form });
    assert.equal(checked.valid, true);
    assert.deepEqual(
      checked.signatures.map((s) => [s.signer, s.signerName, s.role]),
      [
        [demoAccount(LEADER).displayName, demoAccount(LEADER).displayName, 'leader'],
        [AGENCY_NAME, demoAccount(CLERK).displayName, 'clerk'],
      ],
    );
    const documents = await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    const page = await (await p.request(undefined, `/verify/${documents.find((d) => d.kind === 'result')!.issuedDocumentId}`)).text();
    assert.match(page, new RegExp(`<b>${demoAccount(LEADER).displayName}</b> \\(Lãnh đạo phê duyệt\\): chứng thư số của ${demoAccount(LEADER).displayName}`));
    assert.match(page, new RegExp(`<b>${demoAccount(CLERK).displayName}</b> \\(Văn thư \\(ký số cơ quan\\)\\): chứng thư số của ${AGENCY_NAME}`));
  });

  it('keeps her key across a restart: a wrong PIN is refused in Vietnamese and the step stays open; hers signs', async (t) => {
    const dossier = await atApproval();
    await p.restart();

    const refused = await approve(dossier.id, `${LEADER_PIN}9`, 400);
    assert.match(String(refused.message), /Mã PIN ký số không đúng/);
    const still = await p.task(LEADER, dossier.id, 'Task_PheDuyet');
    assert.equal(still.dossier.id, dossier.id, 'the approval is still in her worklist');
    const documents = await p.call<{ kind: string; signatures: unknown[] }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    assert.deepEqual(documents.find((d) => d.kind === 'result')!.signatures, [], 'nothing was signed');

    await approve(dossier.id, LEADER_PIN, 200);
    const pdf = await p.signedDocument('citizen1', dossier.id, 'result', 1);
    withTools(t, ['pdfsig'], () => {
      const [block] = pdfsigBlocks(pdf);
      assert.match(block, /Signature Validation: Signature is Valid\./);
      assert.equal(commonName(block), demoAccount(LEADER).displayName);
    });
  });
});
