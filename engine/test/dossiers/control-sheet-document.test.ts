import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { pdfText, runOnPdf, withTools } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform, waitFor } from './support.js';

/**
 * The control sheet issued as a document and re-issued at every hand-over. Its columns are those
 * of form 06 of Circular 03/2025/TT-VPCP, Appendix I "Phiếu kiểm soát quá trình giải quyết hồ sơ"
 * (form 05 of Circular 01/2018/TT-VPCP before it): the agency giving and the one receiving, the
 * time of the hand-over with the giver and the receiver, the result (before, on or after the
 * deadline) and a note; the heading of every document follows Decree 30/2020/NĐ-CP, Article 8.
 */
describe(`control sheet issued at every hand-over (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  /** DOCUMENT_SNAPSHOTS=<dir> keeps each PDF, to look at its pages (pdftoppm -png -r 60). */
  const keep = (name: string, pdf: Buffer) => {
    const dir = process.env.DOCUMENT_SNAPSHOTS;
    if (dir) writeFileSync(join(dir, `${name}.pdf`), pdf);
    return pdf;
  };
  const flat = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');
  type Listed = { kind: string; issuedDocumentId: string; fileId: string };

  async function sheetWith(username: string, dossierId: string, rows: number): Promise<Buffer> {
    return waitFor(`control sheet of ${dossierId} with ${rows} row(s)`, async () => {
      const response = await p.request(username, `/api/dossiers/${dossierId}/documents/controlSheet`);
      if (response.status !== 200) return undefined;
      const pdf = Buffer.from(await response.arrayBuffer());
      return new RegExp(`(^|\\s)${rows}\\. Giao:`).test(flat(pdf)) ? pdf : undefined;
    });
  }

  test('the sheet follows the dossier: a new version at receipt, the earlier one in the history, same number', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const applicant = (await p.dossier('citizen1', submitted.id)).applicantName;

    // The first hand-over: the applicant's dossier to the one-stop desk.
    const first = await sheetWith('citizen1', submitted.id, 1);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    // The second: the desk hands the received dossier to the specialist.
    const second = keep('control-sheet', await sheetWith('citizen1', submitted.id, 2));

    withTools(t, ['pdftotext'], () => {
      const all = flat(second);
      // The form's title and columns.
      assert.match(all, /PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ/i);
      for (const column of ['Tên cơ quan', 'Thời gian giao, nhận hồ sơ', 'Kết quả giải quyết hồ sơ', 'Ghi chú']) {
        assert.ok(all.includes(column), `column "${column}" in:\n${all}`);
      }
      // A line may break after a slash inside the header: the text then reads "hạn/ đúng".
      assert.match(all, /\(Trước hạn\/ ?đúng hạn\/ ?quá hạn\)/);
      assert.ok(all.includes(`Mã hồ sơ: ${submitted.code}`));
      assert.match(all, /Số: \d{2,}\/KSHS-UBND-XA-HH/, 'the number from the register');
      // Row 1: the applicant gives, the desk of the ward receives; the receipt closed it in time.
      assert.ok(all.includes(`1. Giao: Người nộp hồ sơ: ${applicant}`), `the applicant gives the first hand-over in:\n${all}`);
      assert.match(all, /Nhận: ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ \(Bộ phận Một cửa\)/i);
      assert.ok(all.includes(`Người nhận: ${demoAccount('reception.hongha').displayName}`), 'the receiving officer by name');
      // Row 2: the desk gives to the specialist; the step is open.
      assert.match(all, /2\. Giao: ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ \(Bộ phận Một cửa\)/i);
      assert.match(all, /Nhận: ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ \(Chuyên viên thụ lý\)/i);
      assert.ok(all.includes(`Người giao: ${demoAccount('reception.hongha').displayName}`), 'the desk officer gives the dossier on');
      assert.match(all, /(Trước hạn|Đúng hạn)/, 'the receipt step closed before or on its deadline');
      assert.match(all, /Đang giải quyết/, 'the open step');
      const number = /Số: (\d{2,}\/KSHS-UBND-XA-HH)/.exec(all)![1];
      assert.ok(flat(first).includes(`Số: ${number}`), 'a new version keeps the number of the sheet');
      assert.doesNotMatch(all, /\(Ký số\)/, 'the sheet is not signed digitally');
      assert.doesNotMatch(all, /\d{4}-\d{2}-\d{2}/, 'no ISO date');
    });
    withTools(t, ['pdfinfo'], () => assert.match(runOnPdf('pdfinfo', [], second), /Pages:\s+1\n/, 'one page for a short sheet'));

    // The dossier lists the current sheet; the one it replaced is in the history.
    const current = (await p.call<Listed[]>('citizen1', `/api/dossiers/${submitted.id}/documents`)).find((d) => d.kind === 'controlSheet')!;
    const history = (await p.call<Listed[]>('citizen1', `/api/dossiers/${submitted.id}/document-history`)).filter((d) => d.kind === 'controlSheet');
    assert.ok(history.length >= 1, 'earlier versions are kept');
    assert.ok(!history.some((d) => d.fileId === current.fileId), 'the current version is not in the history');

    // Officers of the agency download it as well.
    const officer = await p.request('specialist.hongha', `/api/dossiers/${submitted.id}/documents/controlSheet`);
    assert.equal(officer.status, 200);
    assert.equal(officer.headers.get('content-type'), 'application/pdf');

    // The specialist finishes two days after the step's deadline: the sheet says "Quá hạn" on that line.
    const sheet = await p.call<{ entries: { elementId: string; dueAt: string | null }[] }>('specialist.hongha', `/api/dossiers/${submitted.id}/control-sheet`);
    const appraisalDue = sheet.entries.find((e) => e.elementId === 'Task_ThamDinh')!.dueAt!;
    p.clock.set(new Date(Date.parse(appraisalDue) + 2 * 24 * 3600_000));
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug], { quyenSo: '01/2026', soDinhDanh: '022225001235' }));
    const third = keep('control-sheet-late', await sheetWith('citizen1', submitted.id, 3));
    withTools(t, ['pdftotext'], () => {
      const all = flat(third);
      assert.match(all, /Quá hạn/, `the late line in:\n${all}`);
      assert.match(all, /quá hạn \d+ giờ( \d+ phút)? làm việc/, 'how late, in working time');
    });
  });
});
