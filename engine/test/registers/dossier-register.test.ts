import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { shortDateTime } from '../../src/documents/vietnamese-format.js';
import { pdfText, runOnPdf, withTools } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { CASES, RECEIVE } from '../dossiers/fixtures.js';
import { DossierPlatform } from '../dossiers/support.js';

const OFFSET = 420;

/**
 * The dossier register (sổ theo dõi hồ sơ): form 07 of Circular 03/2025/TT-VPCP, Appendix I, whose
 * columns are taken from form 06 of Circular 01/2018/TT-VPCP (to verify against the 2025 form, see
 * docs/legal-basis.md): TT, Mã hồ sơ, Tên thủ tục hành chính, Số lượng hồ sơ (bộ), Tên cá nhân,
 * tổ chức, Địa chỉ, số điện thoại, Cơ quan chủ trì giải quyết, then the dates (Ngày, tháng, năm):
 * Nhận hồ sơ, Hẹn trả kết quả, Chuyển hồ sơ đến cơ quan giải quyết, Nhận kết quả từ cơ quan giải
 * quyết, Trả kết quả cho cá nhân, tổ chức, and Ghi chú.
 */
const FORM_COLUMNS = [
  'TT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả cho cá nhân, tổ chức',
  'Ghi chú',
];

describe(`dossier register of a centre (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    // Only the dossiers made here are counted: the test platform loads no demo dossiers (auth/platform.ts).
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  const flat = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');
  // A narrow column breaks a code over two lines (pdftotext then drops the hyphen at the break):
  // compare without whitespace and hyphens.
  const squash = (text: string) => text.replace(/[\s-]+/g, '');

  test('the received dossiers of the period, with their dates, as PDF and Excel; only for the centre and supervisors', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const from = p.clock.now();
    const received = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', received.id, 'Task_TiepNhan', RECEIVE);
    const waiting = await p.submit('citizen1', c.slug, c.application);
    const dossier = await p.dossier('reception.hongha', received.id);
    const to = new Date(p.clock.now().getTime() + 60_000);
    const period = `from=${from.toISOString()}&to=${to.toISOString()}`;

    const pdfResponse = await p.request('reception.hongha', `/api/registers/dossiers.pdf?${period}`);
    assert.equal(pdfResponse.status, 200);
    assert.equal(pdfResponse.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await pdfResponse.arrayBuffer());
    const dir = process.env.DOCUMENT_SNAPSHOTS;
    if (dir) writeFileSync(join(dir, 'register.pdf'), pdf);
    withTools(t, ['pdftotext'], () => {
      const all = flat(pdf);
      assert.match(all, /SỔ THEO DÕI HỒ SƠ/i);
      assert.match(all, /Ủy ban nhân dân phường Hồng Hà/i, 'the centre keeping the book');
      for (const column of ['Tên thủ tục hành chính', 'Số lượng hồ sơ (bộ)', 'Tên cá nhân, tổ chức', 'Cơ quan chủ trì giải quyết', 'Nhận hồ sơ', 'Hẹn trả kết quả', 'Ghi chú']) {
        assert.ok(all.includes(column), `column "${column}" in:\n${all}`);
      }
      const packed = squash(all);
      assert.ok(packed.includes(squash(received.code)), `the received dossier in:\n${all}`);
      assert.ok(!packed.includes(squash(waiting.code)), 'a dossier not yet received is not in the book');
      assert.ok(packed.includes(squash(dossier.applicantName)));
      // A date cell holds the day above the time; the columns of a line are read side by side.
      for (const [what, instant] of [['received', dossier.receivedAt], ['appointment', dossier.dueDate]] as const) {
        const [day, time] = shortDateTime(instant, OFFSET).split(' ');
        assert.ok(all.includes(day) && all.includes(time), `${what} ${day} ${time} in:\n${all}`);
      }
      assert.doesNotMatch(all, /\d{4}-\d{2}-\d{2}/, 'no ISO date');
    });
    // Form 06 of Circular 01/2018/TT-VPCP is printed on A4 (210 × 297 mm, 595 × 842 pt); its thirteen columns need it landscape.
    withTools(t, ['pdfinfo'], () => {
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(runOnPdf('pdfinfo', [], pdf))!.map(Number);
      assert.ok(Math.abs(width - 842) < 2 && Math.abs(height - 595) < 2, `A4 landscape, not ${width} × ${height} pt`);
    });

    const xlsx = await p.request('reception.hongha', `/api/registers/dossiers.xlsx?${period}`);
    assert.equal(xlsx.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Sổ theo dõi hồ sơ')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.findIndex((r) => r.includes('Mã hồ sơ'));
    assert.deepEqual(rows[header].slice(1), FORM_COLUMNS);
    const lines = rows.slice(header + 1);
    assert.deepEqual(lines.map((r) => r[2]), [received.code]);
    assert.equal(lines[0][1], 1);
    assert.equal(lines[0][4], 1, 'one set of documents');
    assert.equal(lines[0][8], shortDateTime(dossier.receivedAt, OFFSET));

    // The centre's book: not the applicant's, nor another centre's officers'; a supervisor names the centre.
    assert.equal((await p.request('citizen1', `/api/registers/dossiers.pdf?${period}`)).status, 403);
    assert.equal((await p.request('reception.baichay', `/api/registers/dossiers.xlsx?${period}&agencyCode=UBND-XA-HH`)).status, 403);
    assert.equal((await p.request('supervisor', `/api/registers/dossiers.xlsx?${period}`)).status, 400);
    assert.equal((await p.request('supervisor', `/api/registers/dossiers.xlsx?${period}&agencyCode=UBND-XA-HH`)).status, 200);
  });
});
