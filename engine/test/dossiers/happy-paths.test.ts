import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { AgencyDirectory } from '../../src/documents/agency-directory.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { pdfText, withTools, runOnPdf } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE, RETURN_AT_COUNTER, type ProcedureCase } from './fixtures.js';
import { DossierPlatform, waitFor, type Dossier } from './support.js';
import type { Schemas } from '../support/api-types.js';

type ControlEntry = Schemas['ControlEntryDto'];

type Consultation = Schemas['ConsultationDto'];

/** pdfsig's report, one block per signature. */
function pdfsigBlocks(pdf: Buffer): string[] {
  return runOnPdf('pdfsig', [], pdf).split(/^Signature #\d+:$/m).slice(1);
}

describe(`each shipped procedure from submission to the returned, signed result (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  /** The consulted agency's specialist finds the request in his inbox and answers it. */
  async function answerConsultation(dossierId: string, agency: string, username: string): Promise<void> {
    const request = await waitFor(`consultation of ${agency}`, async () => {
      const inbox = await p.call<Consultation[]>(username, '/api/consultations');
      return inbox.find((c) => c.dossierId === dossierId && c.consultedAgency === agency);
    });
    const answered = await p.call<Consultation>(username, `/api/consultations/${request.id}/answer`, { json: { opinion: `${agency}: thống nhất, không có ý kiến khác` } });
    assert.equal(answered.status, 'answered');
  }

  /**
   * The fee asked by the model is due with its catalogue amount; a counter officer records the cash
   * payment and the process goes on: the dossier is back in processing (at receipt, once the
   * appraisal step is handed over).
   */
  async function payAtCounter(dossier: Dossier, reception: string, fee: { code: string; amount: number; receipt: string }): Promise<void> {
    await p.waitForStatus('citizen1', dossier.id, 'waiting_for_fee');
    const due = await p.call<{ amount: number; fees: { code: string; amount: number }[] }>('citizen1', `/api/payments/due?dossierId=${dossier.id}`);
    assert.deepEqual([due.amount, due.fees.map((f) => [f.code, f.amount])], [fee.amount, [[fee.code, fee.amount]]]);
    await p.call(reception, `/api/dossiers/${dossier.id}/fee-payments`, { json: { amount: fee.amount, feeCode: fee.code, receiptNumber: fee.receipt } }, 201);
    await p.waitForStatus('citizen1', dossier.id, 'processing');
  }

  /** Where a procedure's path leaves the common steps: a fee at receipt, what the appraisal adds, or work after it. */
  interface Detours {
    afterReceipt?: (dossier: Dossier) => Promise<void>;
    appraisal?: Record<string, unknown>;
    afterAppraisal?: (dossier: Dossier) => Promise<void>;
    /** A step of the model's own between the agency's seal and the result being ready. */
    afterSeal?: { elementId: string; role: string; variables: Record<string, unknown> };
    /** What the signed result must print, read back with pdftotext (whitespace collapsed). */
    resultText?: (leaderName: string) => string;
  }

  async function run(t: TestContext, c: ProcedureCase, { afterReceipt, appraisal: appraised, afterAppraisal, afterSeal, resultText }: Detours = {}): Promise<void> {
    const staff = (role: string) => `${role}.${c.staff}`;
    const submitted = await p.submit('citizen1', c.slug, c.application);
    assert.equal(submitted.status, 'new');
    // The code begins with the agency's electronic identifier from the agency directory
    // (processes/agencies.json; Decision 20/2020/QĐ-TTg), then the day and the sequence.
    const identifier = AgencyDirectory.shared().find(c.agency)?.electronicId ?? c.agency;
    assert.match(submitted.code, new RegExp(`^${identifier.replaceAll('.', '\\.')}-\\d{6}-\\d{4}$`));
    // The appointment is set at receipt of the complete dossier, not at online submission (Decree 61/2018 art. 15).
    assert.equal(submitted.dueDate, null, 'no appointment before receipt');

    const received = await p.completeStep(staff('reception'), submitted.id, 'Task_TiepNhan', RECEIVE);
    assert.equal(received.status, 'received');
    assert.ok(Date.parse(received.dueDate) > p.clock.now().getTime(), 'an appointment in the future, from receipt');
    await afterReceipt?.(submitted);
    await p.completeStep(staff('specialist'), submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug], appraised));
    // A fee asked right after appraisal (phiếu lý lịch tư pháp) may already hold the dossier.
    assert.ok(['processing', 'waiting_for_fee'].includes((await p.dossier('citizen1', submitted.id)).status));
    await afterAppraisal?.(submitted);
    await p.completeStep(staff('leader'), submitted.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep(staff('clerk'), submitted.id, 'Task_KySoVanThu', c.numbering);
    if (afterSeal) {
      assert.equal((await p.dossier('citizen1', submitted.id)).status, 'processing', 'not done before the step after the seal');
      await p.completeStep(staff(afterSeal.role), submitted.id, afterSeal.elementId, afterSeal.variables);
    }
    await p.waitForStatus('citizen1', submitted.id, 'done');
    const returned = await p.completeStep(staff('reception'), submitted.id, 'Task_TraKetQua', RETURN_AT_COUNTER);
    assert.equal(returned.status, 'returned');

    // The signed result: the leader's approval, then the agency's seal; both valid, and invalid after one byte changed.
    const pdf = await p.signedDocument('citizen1', submitted.id, 'result', 2);
    withTools(t, ['pdfsig'], () => {
      const blocks = pdfsigBlocks(pdf);
      assert.equal(blocks.length, 2);
      for (const block of blocks) assert.match(block, /Signature Validation: Signature is Valid\./);
      // The leader's own certificate, then the agency's (Decree 30/2020/NĐ-CP, Appendix I: the competent person's signature, then the agency's).
      assert.match(blocks[0], new RegExp(`Signer Certificate Common Name: ${demoAccount(staff('leader')).displayName}$`, 'm'));
      assert.match(blocks[1], new RegExp(`Signer full Distinguished Name: .*${c.agency === 'CA' ? 'Công an tỉnh' : ''}`));
      const tampered = Buffer.from(pdf);
      const at = Math.floor(pdf.length / 3);
      tampered[at] = tampered[at] ^ 0x01;
      for (const block of pdfsigBlocks(tampered)) assert.doesNotMatch(block, /Signature is Valid\./);
    });
    if (resultText) {
      withTools(t, ['pdftotext'], () => {
        const text = pdfText(pdf).replace(/\s+/g, ' ');
        assert.ok(text.includes(resultText(demoAccount(staff('leader')).displayName)), text);
      });
    }
    const documents = await p.call<{ kind: string; issuedDocumentId: string; signatures: { role: string; signerName: string }[] }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`);
    const result = documents.find((d) => d.kind === 'result')!;
    assert.deepEqual(result.signatures.map((s) => [s.role, s.signerName]), [
      ['leader', demoAccount(staff('leader')).displayName],
      ['clerk', demoAccount(staff('clerk')).displayName],
    ]);
    assert.ok(documents.some((d) => d.kind === 'receipt'), 'a receipt was issued');
    const verification = await p.request(undefined, `/verify/${result.issuedDocumentId}`);
    assert.equal(verification.status, 200, 'the QR code’s verification page is public');

    // Statuses and who moved them.
    const history = await p.call<{ toStatus: string; actorName: string | null }[]>('citizen1', `/api/dossiers/${submitted.id}/history`);
    const statuses = history.map((h) => h.toStatus).filter((s, i, all) => s !== all[i - 1]);
    const feeAtReceipt = afterReceipt ? ['waiting_for_fee', 'received'] : [];
    const feeLater = statuses.includes('waiting_for_fee') && !afterReceipt ? ['waiting_for_fee', 'processing'] : [];
    assert.deepEqual(statuses, ['new', 'received', ...feeAtReceipt, 'processing', ...feeLater, 'done', 'returned']);
    assert.equal(history.find((h) => h.toStatus === 'received')!.actorName, demoAccount(staff('reception')).displayName);

    // The control sheet: every hand-over, who gave and who received it, each on time.
    const sheet = await p.call<{ entries: ControlEntry[] }>(staff('leader'), `/api/dossiers/${submitted.id}/control-sheet`);
    const sealed = afterSeal ? [afterSeal.elementId] : [];
    assert.deepEqual(sheet.entries.map((e) => e.elementId), ['Task_TiepNhan', 'Task_ThamDinh', 'Task_PheDuyet', 'Task_KySoVanThu', ...sealed, 'Task_TraKetQua']);
    for (const entry of sheet.entries) {
      assert.equal(entry.outcome, 'completed', entry.elementId);
      assert.equal(entry.onTime, true, entry.elementId);
      assert.equal(entry.receiverName, demoAccount(staff(entry.receiverGroup!)).displayName, entry.elementId);
      assert.equal(entry.unitAgencyCode, c.agency);
      assert.ok(entry.dueAt && Date.parse(entry.dueAt) > Date.parse(entry.handedOverAt), `${entry.elementId} has a step deadline`);
    }
    assert.equal(sheet.entries[1].giverName, demoAccount(staff('reception')).displayName, 'reception handed over to appraisal');

    const detail = await p.dossier('citizen1', submitted.id);
    assert.ok(detail.finishedAt, 'the dossier is finished');
    await p.assertNoIncident(detail.processInstanceKey);

    // The applicant was told at receipt and when the result was ready (default notifier: the outbox file).
    const outbox = readFileSync(join(p.site.dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { dossierId: string; to: string; body: string });
    const mine = outbox.filter((m) => m.dossierId === submitted.id);
    assert.ok(mine.some((m) => m.body.includes('đã được') && m.body.includes(submitted.code)), 'receipt notification');
    assert.ok(mine.some((m) => m.body.includes('đã có kết quả')), 'result notification');
    assert.ok(mine.every((m) => m.to === demoAccount('citizen1').email));
  }

  test('đăng ký khai sinh (UBND phường, 4 working hours)', (t) => run(t, CASES['dang-ky-khai-sinh']));
  // The household business and construction permit fees are provincial (Thông tư 85/2019/TT-BTC, set by
  // the HĐND tỉnh): the expected amounts are this province's catalogue (processes/<slug>/procedure.json).
  // The household business certificate is only issued once its fee is paid (Nghị định 01/2021/NĐ-CP,
  // Điều 82 khoản 1 điểm d), so both models ask for the fee right after receipt.
  test('đăng ký hộ kinh doanh (UBND phường), lệ phí paid at the counter after receipt', (t) =>
    run(t, CASES['dang-ky-ho-kinh-doanh'], {
      afterReceipt: (dossier) => payAtCounter(dossier, 'reception.hongha', { code: 'LP-HKD', amount: 100_000, receipt: 'BL-000125' }),
    }));
  test('giấy phép xây dựng nhà ở riêng lẻ, without consultation, lệ phí paid at the counter after receipt', (t) =>
    run(t, CASES['cap-giay-phep-xay-dung-nha-o-rieng-le'], {
      afterReceipt: (dossier) => payAtCounter(dossier, 'reception.hongha', { code: 'LP-GPXD', amount: 75_000, receipt: 'BL-000126' }),
    }));
  test('phiếu lý lịch tư pháp, without consultation, the fee of Thông tư 16/2025/TT-BTC Điều 4 khoản 1 paid at the counter', (t) =>
    run(t, CASES['cap-phieu-ly-lich-tu-phap'], {
      afterAppraisal: (dossier) => payAtCounter(dossier, 'reception.ca', { code: 'PHI-LLTP', amount: 200_000, receipt: 'BL-000124' }),
    }));
  // Since 1/3/2025 the provincial police issue the certificate (Nghị định 02/2025/NĐ-CP); for a person
  // who lived in several provinces they also search the national criminal record database, kept by the
  // Ministry of Public Security's records department (Luật Lý lịch tư pháp, Điều 47; docs/legal-basis.md).
  test('phiếu lý lịch tư pháp, the police verify with the records department, then the fee', (t) =>
    run(t, CASES['cap-phieu-ly-lich-tu-phap'], {
      appraisal: { needsConsultation: true, consultedAgencies: ['HSNV'] },
      afterAppraisal: async (dossier) => {
        await answerConsultation(dossier.id, 'HSNV', 'specialist.hsnv');
        await payAtCounter(dossier, 'reception.ca', { code: 'PHI-LLTP', amount: 200_000, receipt: 'BL-000127' });
      },
    }));
  // Filed with the commune where the land lies, whose chairman issues the certificate (Nghị định
  // 151/2025/NĐ-CP, Điều 5 khoản 1); the commune no longer confirms planning, disputes and stable use
  // separately (Điều 18 khoản 4, docs/legal-basis.md): only the tax authority is consulted.
  // Once the certificate is signed, the commune hands the dossier to the land registration office to
  // update the cadastral records and the land database (Appendix I, Part V, C, II; docs/legal-basis.md).
  test('giấy chứng nhận quyền sử dụng đất lần đầu: tax consulted, fee paid at the counter, handed to the land registration office', (t) =>
    run(t, CASES['cap-gcn-quyen-su-dung-dat-lan-dau'], {
      afterAppraisal: async (dossier) => {
        await answerConsultation(dossier.id, 'CT', 'specialist.thue');
        await payAtCounter(dossier, 'reception.hongha', { code: 'LP-GCN', amount: 100_000, receipt: 'BL-000123' });
      },
      afterSeal: { elementId: 'Task_ChuyenVPDK', role: 'specialist', variables: { daChuyenVPDK: true } },
      // Signed by the vice-chairman for the chairman: "KT." before the head's office, then the
      // signer's own office above her name (Nghị định 30/2020/NĐ-CP, Điều 13 khoản 1; Phụ lục I,
      // Phần I, Mục II, khoản 7 điểm b, đ), the commune chairman being the one who issues it
      // (Nghị định 151/2025/NĐ-CP, Điều 5 khoản 1).
      appraisal: { kyThay: true },
      resultText: (leader) => `KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký số) ${leader}`,
    }));
});
