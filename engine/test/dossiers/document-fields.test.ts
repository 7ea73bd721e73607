import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { vietnameseDate, vietnameseDateTime } from '../../src/documents/vietnamese-format.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { pdfText, runOnPdf, withTools } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform, waitFor } from './support.js';

const OFFSET = 420;
const DAY = 24 * 3600_000;

/**
 * The issued documents read back from their PDF text. The heading and signature block follow
 * Decree 30/2020/NĐ-CP on administrative documents, Article 8 (the components every document
 * carries: national motto and slogan, issuing agency under its parent agency, number and symbol,
 * place and date, title, content, the signer's title, name and signature, the agency's seal or
 * digital signature, recipients) and Appendix I (layout: the motto on one line, the number as the
 * order of the document in the year at its agency).
 */
describe(`documents read back field by field (${backendName})`, () => {
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
  const text = (pdf: Buffer) => pdfText(pdf).replace(/[ \t]+/g, ' ');
  const flat = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');

  function assertHeading(t: TestContext, pdf: Buffer, number: RegExp, place: string) {
    withTools(t, ['pdftotext'], () => {
      const lines = text(pdf).split('\n').map((l) => l.trim());
      // The motto and the slogan each stand on a line of their own (Appendix I).
      assert.ok(lines.some((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')), `the national motto on one line:\n${lines.join('\n')}`);
      assert.ok(lines.some((l) => l.includes('Độc lập - Tự do - Hạnh phúc')));
      const all = flat(pdf);
      assert.match(all, /ỦY BAN NHÂN DÂN TỈNH/, 'the parent agency');
      assert.match(all, /ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ/, 'the issuing agency');
      assert.match(all, number, 'the number and symbol from the register');
      assert.ok(all.includes(`${place}, ${vietnameseDate(p.clock.now(), OFFSET)}`), `place and date line in:\n${all}`);
      assert.doesNotMatch(all, /\d{4}-\d{2}-\d{2}/, 'no ISO date anywhere');
    });
  }

  test('birth registration: the receipt, then the birth certificate with every field the officers entered, on one page', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    const received = await p.dossier('citizen1', submitted.id);

    // The receipt is issued unsigned: no "(Ký số)", the receiving officer's real name, a number.
    const receipt = keep('receipt', await p.signedDocument('citizen1', submitted.id, 'receipt', 0));
    assertHeading(t, receipt, /Số: \d{2,}\/TNHS-UBND-XA-HH/, 'Hồng Hà');
    withTools(t, ['pdftotext'], () => {
      const all = flat(receipt);
      assert.doesNotMatch(all, /\(Ký số\)/, 'an unsigned document does not claim a digital signature');
      assert.ok(all.includes(demoAccount('reception.hongha').displayName), 'the receiving officer by name');
      assert.ok(all.includes(vietnameseDateTime(received.dueDate, OFFSET)), 'the appointment in words');
      assert.match(all, /NGƯỜI NỘP HỒ SƠ \(Ký và ghi rõ họ tên\)/);
      assert.match(all, /Vào Sổ theo dõi hồ sơ, Quyển số: \d{4}, Số thứ tự: \d+/);
    });

    // Its verification page says plainly that it has no digital signature, not that it is invalid.
    const documents = await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`);
    const page = await (await p.request(undefined, `/verify/${documents.find((d) => d.kind === 'receipt')!.issuedDocumentId}`)).text();
    assert.match(page, /Văn bản không có chữ ký số/);
    assert.doesNotMatch(page, /không hợp lệ/);

    // The civil-status officer records the registration (Law on Civil Status 2014, Article 16: book
    // entry and personal ID number before the certificate is signed; article to verify).
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug], { quyenSo: '01/2026', soDinhDanh: '022225001234' }));
    await p.completeStep('leader.hongha', submitted.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep('clerk.hongha', submitted.id, 'Task_KySoVanThu', c.numbering);
    const certificate = keep('certificate', await p.signedDocument('citizen1', submitted.id, 'result', 2));
    assertHeading(t, certificate, /Số: \d{2,}\/KQ-UBND-XA-HH/, 'Hồng Hà');
    withTools(t, ['pdftotext'], () => {
      const all = flat(certificate);
      for (const field of [
        /Số: \d{2,}\/KQ-UBND-XA-HH Quyển số: 01\/2026/,
        /Họ, chữ đệm, tên: NGUYỄN MINH KHÔI/,
        /Ngày, tháng, năm sinh: 20 tháng 5 năm 2025/,
        /Giới tính: Nam/,
        /Dân tộc: Kinh/,
        /Quốc tịch: Việt Nam/,
        /Nơi sinh: Bệnh viện Bãi Cháy, tỉnh Quảng Ninh/,
        /Quê quán: Xã Đông Hưng, tỉnh Thái Bình/,
        /Số định danh cá nhân: 022225001234/,
        /Lê Thị Hạnh/,
        /Người đi đăng ký khai sinh: Nguyễn Văn An; Giấy tờ tùy thân: 022090001234/,
        /\(Ký số\)/,
      ]) {
        assert.match(all, field, `${field} in:\n${all}`);
      }
      assert.ok(all.includes(demoAccount('leader.hongha').displayName), 'the signer by name');
    });
    withTools(t, ['pdfinfo'], () => {
      assert.match(runOnPdf('pdfinfo', [], receipt), /Pages:\s+1\n/, 'the receipt on one page');
      assert.match(runOnPdf('pdfinfo', [], certificate), /Pages:\s+1\n/, 'no blank second page');
    });

    // The verification page shows the number printed on the certificate.
    const result = (await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`)).find((d) => d.kind === 'result')!;
    const resultPage = await (await p.request(undefined, `/verify/${result.issuedDocumentId}`)).text();
    assert.match(resultPage, /<th>Số<\/th><td>\d{2,}\/KQ-UBND-XA-HH<\/td>/);
    withTools(t, ['pdftotext'], () => {
      const printed = /Số: (\d{2,}\/KQ-UBND-XA-HH)/.exec(flat(certificate))![1];
      assert.ok(resultPage.includes(`<th>Số</th><td>${printed}</td>`), 'the page shows the number printed on the certificate');
    });
    assert.match(resultPage, /Tài liệu hợp lệ/);
  });

  test('register numbers follow each other per agency, kind and year', async () => {
    const c = CASES['dang-ky-khai-sinh'];
    const numbers: number[] = [];
    for (let i = 0; i < 2; i++) {
      const submitted = await p.submit('citizen1', c.slug, c.application);
      await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
      await p.signedDocument('citizen1', submitted.id, 'receipt', 0);
      const documents = await p.call<{ kind: string; issuedDocumentId: string }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`);
      const page = await (await p.request(undefined, `/verify/${documents.find((d) => d.kind === 'receipt')!.issuedDocumentId}`)).text();
      numbers.push(Number(/<th>Số<\/th><td>(\d+)\/TNHS-UBND-XA-HH<\/td>/.exec(page)?.[1]));
    }
    assert.equal(numbers[1], numbers[0] + 1, `consecutive receipt numbers: ${numbers.join(', ')}`);
  });

  test('apology letter: the appointment given at receipt where the original belongs, the new date where it is promised', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    // Received on a Monday at 16:00 (UTC+7): the 4-working-hour appointment falls on Tuesday, so an
    // apology is still due a working day ahead; at night the appointment would be the same day.
    p.clock.set(new Date('2030-01-07T09:00:00Z'));
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    const received = await p.dossier('citizen1', submitted.id);
    // A week later: the same weekday, a working day.
    const newDueDate = new Date(Date.parse(received.dueDate) + 7 * DAY).toISOString();
    await p.call('leader.hongha', `/api/dossiers/${submitted.id}/apology`, {
      method: 'POST',
      json: { newDueDate, reason: 'Phải xác minh thêm nơi sinh với bệnh viện', responsibleUnit: 'Bộ phận tư pháp - hộ tịch', signingPin: LEADER_PIN },
    }, 201);
    const letter = keep('apology', await p.signedDocument('citizen1', submitted.id, 'apology', 1));
    assertHeading(t, letter, /Số: \d{2,}\/XL-UBND-XA-HH/, 'Hồng Hà');
    withTools(t, ['pdftotext'], () => {
      const all = flat(letter);
      assert.ok(all.includes(`thời gian hẹn trả kết quả: ${vietnameseDateTime(received.dueDate, OFFSET)}`), `original appointment in:\n${all}`);
      assert.ok(all.includes(`vào ${vietnameseDate(newDueDate.slice(0, 10), OFFSET)}`), `new appointment in:\n${all}`);
      // Form 04 of Circular 03/2025/TT-VPCP, Appendix I: its title, the reason and the unit at fault, signed for the agency.
      assert.match(all, /VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT/i);
      assert.match(all, /Lý do: Phải xác minh thêm nơi sinh với bệnh viện/);
      assert.match(all, /Đơn vị, bộ phận để xảy ra quá hạn: Bộ phận tư pháp - hộ tịch/);
      assert.match(all, /đề nghị gia hạn thời gian giải quyết hồ sơ/);
      assert.ok(all.includes(demoAccount('leader.hongha').displayName), 'the leader signs by name');
      assert.match(all, /Nơi nhận:/);
      assert.match(all, /\(Ký số\)/);
    });
  });

  test('stop notice: a dossier stopped when the supplement deadline passes gets a written notice', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', { receptionDecision: 'supplement', reasons: 'Thiếu giấy chứng sinh bản chính' });
    keep('supplement-request', await p.signedDocument('citizen1', submitted.id, 'supplementRequest', 0));
    p.clock.set(new Date(p.clock.now().getTime() + 45 * DAY));
    await p.waitForStatus('citizen1', submitted.id, 'stopped', 120_000);
    const notice = keep('stop-notice', await p.signedDocument('citizen1', submitted.id, 'stopNotice', 0));
    withTools(t, ['pdftotext'], () => {
      const all = flat(notice);
      // Form 05 of Circular 03/2025/TT-VPCP, Appendix I: "Thông báo dừng giải quyết hồ sơ".
      assert.match(all, /THÔNG BÁO Về việc dừng giải quyết hồ sơ/);
      assert.match(all, /ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ/);
      assert.match(all, /Số: \d{2,}\/DXL-UBND-XA-HH/);
      assert.ok(all.includes(submitted.code));
      assert.match(all, /Quá thời hạn bổ sung, hoàn thiện hồ sơ/);
      assert.doesNotMatch(all, /\(Ký số\)/);
    });
    await waitFor('the notice in the dossier', async () => (await p.call<{ kind: string }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`)).find((d) => d.kind === 'stopNotice'));
  });
});
