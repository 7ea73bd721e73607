import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withTools, pdfText } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

interface TaskDetail {
  userTaskKey: string;
  variables: Record<string, unknown>;
  formData: Record<string, unknown>;
}

interface ControlSheet {
  entries: { elementId: string; giverName: string | null; receiverName: string | null; completedAt: string | null }[];
}

const BIRTH = CASES['dang-ky-khai-sinh'];
/*
 * The birth registration's documents as its catalogue lists them. The declaration and the birth
 * certificate are what the applicant must hand in ("nộp tờ khai theo mẫu quy định và giấy chứng
 * sinh", Luật Hộ tịch 2014, as quoted at thuvienphapluat.vn/hoi-dap-phap-luat/7274; article number
 * to verify, docs/legal-basis.md); a power of attorney only when someone registers on another's behalf.
 */
const DECLARATION = 'Tờ khai đăng ký khai sinh theo mẫu';
const BIRTH_CERTIFICATE = 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh nếu không có giấy chứng sinh)';
const POWER_OF_ATTORNEY = 'Văn bản ủy quyền có chứng thực (khi ủy quyền đăng ký khai sinh)';

/** A time in Vietnam as officers read it, from the platform-independent ICU time zone data (Asia/Ho_Chi_Minh). */
function vietnamTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

describe(`the supplement loop names what is missing (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  const taskDetail = async (username: string, dossierId: string, elementId: string) => {
    const item = await p.task(username, dossierId, elementId);
    return p.call<TaskDetail>(username, `/api/tasks/${item.userTaskKey}`);
  };

  test('the officer names two missing documents; the request, the citizen and the re-reception see exactly those', async (t) => {
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    const reception = await taskDetail('reception.hongha', submitted.id, 'Task_TiepNhan');

    // The reception form offers the catalogue's documents, each with its own "bắt buộc" flag.
    assert.deepEqual(reception.formData.requiredDocumentChoices, [
      { label: `${DECLARATION} (bắt buộc)`, value: DECLARATION },
      { label: `${BIRTH_CERTIFICATE} (bắt buộc)`, value: BIRTH_CERTIFICATE },
      { label: `${POWER_OF_ATTORNEY} (không bắt buộc)`, value: POWER_OF_ATTORNEY },
      { label: 'Giấy tờ tùy thân của người yêu cầu (xuất trình, hoặc khai thác từ Cơ sở dữ liệu quốc gia về dân cư) (không bắt buộc)', value: 'Giấy tờ tùy thân của người yêu cầu (xuất trình, hoặc khai thác từ Cơ sở dữ liệu quốc gia về dân cư)' },
    ]);

    // Only the catalogue's documents can be chosen; anything else goes in the free-text field.
    const unknown = await p.request('reception.hongha', `/api/tasks/${reception.userTaskKey}/complete`, {
      json: { variables: { receptionDecision: 'supplement', reasons: 'Thiếu giấy tờ', missingItems: ['Sổ hộ khẩu'] } },
    });
    assert.equal(unknown.status, 400);
    assert.match(JSON.stringify(await unknown.json()), /'Sổ hộ khẩu' is not among the choices/);

    // The request names everything missing at once (Decree 61/2018 art. 15: guidance given once and in
    // full; Circular 03/2025/TT-VPCP form 02 "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"; see docs/legal-basis.md).
    const asked = await p.call<Dossier>('reception.hongha', `/api/tasks/${reception.userTaskKey}/complete`, {
      json: {
        variables: {
          receptionDecision: 'supplement',
          reasons: 'Giấy chứng sinh chụp mờ; người nộp là bà ngoại của cháu.',
          missingItems: [BIRTH_CERTIFICATE, POWER_OF_ATTORNEY],
        },
      },
    });
    assert.equal(asked.status, 'supplement_requested');
    const paused = await p.dossier('citizen1', submitted.id);
    assert.deepEqual(paused.pauses[0].missingItems, [BIRTH_CERTIFICATE, POWER_OF_ATTORNEY]);
    const letter = await p.signedDocument('citizen1', submitted.id, 'supplementRequest', 0);
    withTools(t, ['pdftotext'], () => {
      const text = pdfText(letter).replace(/\s+/g, ' ');
      assert.match(text, /1\. Giấy chứng sinh/);
      assert.match(text, /2\. Văn bản ủy quyền có chứng thực/);
      assert.doesNotMatch(text, /Tờ khai đăng ký khai sinh theo mẫu/, 'what is not missing is not asked for');
    });

    // Each named document needs its file.
    const certificate = await p.upload('citizen1', 'giay-chung-sinh-ro-net.pdf');
    const half = await p.request('citizen1', `/api/dossiers/${submitted.id}/supplement`, {
      json: { note: 'Gửi lại giấy chứng sinh', attachments: [{ document: BIRTH_CERTIFICATE, fileId: certificate }] },
    });
    assert.equal(half.status, 400);
    assert.match(((await half.json()) as { message: string }).message, /asks for a file for each of: "Văn bản ủy quyền có chứng thực/);
    assert.equal((await p.dossier('citizen1', submitted.id)).status, 'supplement_requested', 'nothing was recorded');

    const power = await p.upload('citizen1', 'uy-quyen.pdf');
    const answered = await p.call<Dossier>('citizen1', `/api/dossiers/${submitted.id}/supplement`, {
      json: { attachments: [{ document: BIRTH_CERTIFICATE, fileId: certificate }, { document: POWER_OF_ATTORNEY, fileId: power }] },
    });
    assert.equal(answered.status, 'new');

    // Back at reception, the form starts empty: the previous decision and reasons are not offered again.
    const again = await taskDetail('reception.hongha', submitted.id, 'Task_TiepNhan');
    assert.notEqual(again.userTaskKey, reception.userTaskKey);
    assert.equal(again.variables.receptionDecision, 'supplement', 'the process still holds the earlier decision');
    for (const key of ['receptionDecision', 'reasons', 'missingItems', 'otherMissingItems', 'thanhPhanDaNhan']) {
      assert.equal(key in again.formData, false, `${key} starts empty`);
    }

    // The control sheet: the resubmission is handed over by the applicant, not by the officer who asked for it
    // (the sheet records who hands over and who receives at each step: Circular 03/2025/TT-VPCP form 06, columns to verify).
    const sheet = await p.call<ControlSheet>('reception.hongha', `/api/dossiers/${submitted.id}/control-sheet`);
    const receptions = sheet.entries.filter((e) => e.elementId === 'Task_TiepNhan');
    assert.equal(receptions.length, 2);
    assert.equal(receptions[1].giverName, (await p.dossier("citizen1", submitted.id)).applicantName);
    assert.notEqual(receptions[1].giverName, receptions[0].receiverName, "not the officer who asked for the supplement");
  });

  test('an item named in free text gets its own upload slot and is kept with the dossier', async () => {
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    const other = 'Bản sao giấy chứng nhận kết hôn của cha mẹ';
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', {
      receptionDecision: 'supplement',
      reasons: 'Cần đối chiếu quan hệ cha mẹ.',
      otherMissingItems: `${other}\n`,
    });
    assert.deepEqual((await p.dossier('citizen1', submitted.id)).pauses[0].missingItems, [other]);
    const file = await p.upload('citizen1', 'ket-hon.pdf');
    await p.call<Dossier>('citizen1', `/api/dossiers/${submitted.id}/supplement`, { json: { attachments: [{ document: other, fileId: file }] } });
    const after = await p.dossier('citizen1', submitted.id);
    assert.ok(after.attachments.some((a) => a.document === other && a.fileId === file));
  });

  test('the leader reads the appraisal conclusion by its label and the appointment in Vietnam time', async () => {
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[BIRTH.slug]));
    const approval = await taskDetail('leader.hongha', submitted.id, 'Task_PheDuyet');
    // The label of the option the specialist chose, as forms/dang-ky-khai-sinh/tham-dinh.form names it.
    assert.equal(approval.variables.appraisalResult, 'meets');
    assert.equal(approval.formData.appraisalResult, 'Đạt yêu cầu, đề xuất giải quyết');
    const dossier = await p.dossier('leader.hongha', submitted.id);
    assert.equal(approval.formData.dueDate, vietnamTime(dossier.dueDate));
    assert.doesNotMatch(JSON.stringify(approval.formData), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO timestamp reaches the form');
    // The application's coded choices by their labels too (forms/dang-ky-khai-sinh/to-khai.form).
    assert.equal((approval.formData.application as Record<string, unknown>).gioiTinh, 'Nam');
    await p.completeStep('leader.hongha', submitted.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
  });
});
