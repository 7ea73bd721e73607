import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TEMPLATES_DIR, DocumentRenderer } from '../../src/documents/document-renderer.js';
import { TemplateNotFoundError } from '../../src/documents/template-engine.js';
import { missing, pdfText, runOnPdf } from './tools.js';

const TEMPLATE = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">{{> partial-styles}}</head><body>
{{> partial-heading}}
<h1>Giấy phép xây dựng</h1>
<p>Cấp cho bà {{applicant.fullName}}, cư trú tại {{applicant.address}}.</p>
<p>Lệ phí đã nộp: {{vnd fee}}; hạn trả kết quả {{vnDate dueDate}}.</p>
<p><i>Người được cấp phép phải thực hiện đúng nội dung được cấp phép.</i></p>
</body></html>`;

const DATA = {
  agency: { parentName: 'Ủy ban nhân dân thành phố Hạ Long', name: 'Ủy ban nhân dân phường Hồng Hà' },
  document: { number: '125/GPXD', place: 'Hạ Long', date: { day: '23', month: '11', year: '2026' } },
  applicant: { fullName: 'Nguyễn Thị Thủy', address: 'tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh' },
  fee: 75000,
  dueDate: '2026-02-05',
};

describe('document rendering with headless Chromium', () => {
  let workDir: string;
  let renderer: DocumentRenderer;

  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'mot-cua-render-'));
    renderer = new DocumentRenderer({ workDir, pages: 2, templatesDir: DEFAULT_TEMPLATES_DIR, utcOffsetMinutes: 420 });
  });
  after(async () => {
    await renderer.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('prints an A4 PDF', { skip: missing('pdfinfo') }, async () => {
    const pdf = await renderer.render(TEMPLATE, DATA);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(runOnPdf('pdfinfo', [], pdf), /Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
  });

  it('embeds only the shipped Noto fonts', { skip: missing('pdffonts') }, async () => {
    const pdf = await renderer.render(TEMPLATE, DATA);
    const rows = runOnPdf('pdffonts', [], pdf).trim().split('\n').slice(2);
    assert.ok(rows.length >= 2, 'regular, bold and italic faces are used');
    for (const row of rows) {
      const [name, , , , embedded] = row.split(/\s+/);
      assert.match(name ?? '', /^[A-Z]{6}\+Noto(Serif|Sans)-/, `font ${row}`);
      assert.equal(embedded, 'yes', `font embedded: ${row}`);
    }
  });

  it('keeps the Vietnamese text exactly, with the helpers’ dates and amounts', { skip: missing('pdftotext') }, async () => {
    const text = pdfText(await renderer.render(TEMPLATE, DATA)).replace(/\s+/g, ' ');
    for (const sentence of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hạ Long, ngày 23 tháng 11 năm 2026',
      'Cấp cho bà Nguyễn Thị Thủy, cư trú tại tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh.',
      'Lệ phí đã nộp: 75.000 đồng; hạn trả kết quả ngày 05 tháng 02 năm 2026.',
      'Người được cấp phép phải thực hiện đúng nội dung được cấp phép.',
    ]) {
      assert.ok(text.includes(sentence), `"${sentence}" in:\n${text}`);
    }
  });

  it('renders a shipped template by bundle and name, with the common partials', { skip: missing('pdftotext') }, async () => {
    const pdf = await renderer.render(
      { bundle: 'common', name: 'giay-tiep-nhan-hen-tra' },
      { ...DATA, dossier: { code: 'UBND-XA-HH-261123-0001', procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' } },
    );
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    assert.ok(text.includes('UBND-XA-HH-261123-0001'), text);
    assert.ok(text.includes('Nguyễn Thị Thủy'), text);
    assert.ok(text.includes('Cấp giấy phép xây dựng nhà ở riêng lẻ'), text);
  });

  it('prints the one-stop forms under the titles of Circular 03/2025/TT-VPCP, Appendix I', { skip: missing('pdftotext') }, async () => {
    // Titles of forms 01, 02, 03, 04, 06 and 07 as listed in the Circular's Appendix I
    // (docs/legal-basis.md, "Documents of the one-stop desk"); form 03 has no comma.
    const forms: [string, string][] = [
      ['giay-tiep-nhan-hen-tra', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
      ['phieu-yeu-cau-bo-sung', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'],
      ['phieu-tu-choi', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'],
      ['phieu-xin-loi-hen-lai', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'],
      ['phieu-kiem-soat', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'],
      ['so-theo-doi-ho-so', 'Sổ theo dõi hồ sơ'],
    ];
    const data = { ...DATA, dossier: { code: 'UBND-XA-HH-261123-0001', procedureName: 'Đăng ký khai sinh' } };
    for (const [name, title] of forms) {
      const text = pdfText(await renderer.render({ bundle: 'common', name }, data)).replace(/\s+/g, ' ');
      assert.ok(text.includes(title.toLocaleUpperCase('vi')), `${name}: "${title}" in:\n${text}`);
    }
  });

  it('signs the first land certificate as the chairman of the commune People’s Committee', { skip: missing('pdftotext') }, async () => {
    // Nghị định 151/2025/NĐ-CP, Điều 5 khoản 1 (docs/legal-basis.md): the commune chairman issues it;
    // the signature block names the agency, then the office (Decree 30/2020/NĐ-CP, Article 8).
    const data = {
      ...DATA,
      soPhatHanh: 'DA 123456',
      soVanBan: '1520/GCN',
      application: { nguoiSuDungHoTen: 'Nguyễn Văn An', namSinh: 1990, soThua: '215', soToBanDo: '34', dienTich: 96.5 },
      parcel: { usageForm: 'Sử dụng riêng', purposeText: 'Đất ở tại đô thị', term: 'Lâu dài', originText: 'Công nhận quyền sử dụng đất' },
      signer: { authority: 'ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ', title: 'THỦ TRƯỞNG CƠ QUAN', fullName: 'Phạm Văn Nam' },
    };
    const text = pdfText(await renderer.render({ bundle: 'cap-gcn-quyen-su-dung-dat-lan-dau', name: 'giay-chung-nhan-quyen-su-dung-dat' }, data)).replace(/\s+/g, ' ');
    assert.ok(text.includes('ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ CHỦ TỊCH'), text);
    assert.ok(!text.includes('THỦ TRƯỞNG CƠ QUAN'), text);
    assert.ok(text.includes('Phạm Văn Nam'), text);
  });

  it('prints "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH" when the vice-chairman signs for the chairman', { skip: missing('pdftotext') }, async () => {
    // Nghị định 30/2020/NĐ-CP, Điều 13 khoản 1 (the head may have a deputy sign for him, "ký thay") and
    // Phụ lục I, Phần I, Mục II, khoản 7: "Trường hợp ký thay người đứng đầu cơ quan, tổ chức thì phải
    // ghi chữ viết tắt “KT.” vào trước chức vụ của người đứng đầu"; the signer's own office follows,
    // above her name (the appendix's example: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG").
    const data = {
      ...DATA,
      soPhatHanh: 'DA 123456',
      soVanBan: '1520/GCN',
      application: { nguoiSuDungHoTen: 'Nguyễn Văn An', namSinh: 1990, soThua: '215', soToBanDo: '34', dienTich: 96.5 },
      parcel: { usageForm: 'Sử dụng riêng', purposeText: 'Đất ở tại đô thị', term: 'Lâu dài', originText: 'Công nhận quyền sử dụng đất' },
      document: { ...DATA.document, signed: true },
      signer: { authority: 'ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ', title: 'THỦ TRƯỞNG CƠ QUAN', fullName: 'Lê Thị Hoa', onBehalf: true },
    };
    const text = pdfText(await renderer.render({ bundle: 'cap-gcn-quyen-su-dung-dat-lan-dau', name: 'giay-chung-nhan-quyen-su-dung-dat' }, data)).replace(/\s+/g, ' ');
    assert.ok(text.includes('ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký số) Lê Thị Hoa'), text);
    // The head's own block has no "KT." and no deputy's office (the test above).
    const head = pdfText(await renderer.render({ bundle: 'cap-gcn-quyen-su-dung-dat-lan-dau', name: 'giay-chung-nhan-quyen-su-dung-dat' }, { ...data, signer: { ...data.signer, onBehalf: false } }));
    assert.ok(!/KT\.|PHÓ CHỦ TỊCH/.test(head), head);
  });

  it('wraps a fragment in an A4 page and escapes the data', { skip: missing('pdftotext') }, async () => {
    const pdf = await renderer.render('<p>Ý kiến: {{note}}</p>', { note: '<b>không</b> & "đồng ý"' });
    assert.ok(pdfText(pdf).includes('Ý kiến: <b>không</b> & "đồng ý"'));
  });

  it('never fetches from the network while printing', async () => {
    const started = Date.now();
    const pdf = await renderer.render('<p>Ảnh ngoài</p><img src="http://192.0.2.1/logo.png">', {});
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(Date.now() - started < 5000, 'the blocked request did not wait for a timeout');
  });

  it('renders documents concurrently on its page pool, each with its own data', { skip: missing('pdftotext') }, async () => {
    const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => renderer.render('<p>Hồ sơ số {{i}}</p>', { i })));
    assert.deepEqual(pdfs.map((pdf) => pdfText(pdf).trim()), [0, 1, 2, 3, 4, 5].map((i) => `Hồ sơ số ${i}`));
  });

  it('refuses unknown and malformed template references', async () => {
    await assert.rejects(renderer.render({ bundle: 'common', name: 'khong-co' }, {}), TemplateNotFoundError);
    await assert.rejects(renderer.render({ bundle: '../engine', name: 'package' }, {}), /Invalid template reference/);
  });
});
