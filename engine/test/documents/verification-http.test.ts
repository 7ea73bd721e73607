import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IssuedDocumentsService } from '../../src/verification/issued-documents.service.js';
import { MAX_SIGNATURES } from '../../src/verification/pdf-signatures.js';
import { VERIFY_BURST } from '../../src/verification/verification.controller.js';
import type { UploadVerification } from '../../src/verification/verification.service.js';
import { createSite, startPlatform, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { missing, qrCodes } from './tools.js';

const AGENCY = { code: 'SXD', name: 'Sở Xây dựng tỉnh Quảng Ninh' };

async function upload(baseUrl: string, pdf: Buffer): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'van-ban.pdf');
  return fetch(`${baseUrl}/api/verify`, { method: 'POST', body: form });
}

describe('issued documents and their public verification over HTTP', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let documents: IssuedDocumentsService;
  let documentId: string;
  let issued: Buffer;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site);
    documents = platform.app.get(IssuedDocumentsService);
    const draft = await documents.issue({
      agency: AGENCY,
      kind: 'receipt',
      title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      number: '15/GTN',
      template: { bundle: 'common', name: 'giay-tiep-nhan-hen-tra' },
      data: {
        agency: { name: AGENCY.name, receptionUnit: 'Trung tâm Phục vụ hành chính công tỉnh' },
        document: { number: '15/GTN', place: 'Hạ Long', date: { day: '23', month: '11', year: '2026' } },
        applicant: { fullName: 'Hoàng Thị Lụa', address: 'phường Hồng Hải, tỉnh Quảng Ninh' },
        dossier: { code: 'SXD-261123-0001', procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' },
        signer: { title: 'Người tiếp nhận', fullName: 'Đỗ Minh Tâm' },
      },
    });
    documentId = draft.document.id;
    await documents.sign(documentId, { signerName: 'Trần Thị Bích Ngọc', role: 'leader', reason: 'Phê duyệt', location: 'Hạ Long' });
    issued = (await documents.sign(documentId, { signerName: 'Phạm Văn Đức', role: 'clerk', reason: 'Đóng dấu cơ quan', location: 'Hạ Long' })).pdf;
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  it('prints a QR code that decodes to the document’s verification address', { skip: missing('pdftoppm', 'zbarimg') }, () => {
    assert.deepEqual(qrCodes(issued), [`${platform.baseUrl}/verify/${documentId}`]);
  });

  it('the verification page says the issued document is valid, with its agency, kind, number and signers', async () => {
    const response = await fetch(`${platform.baseUrl}/verify/${documentId}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html; charset=utf-8/);
    const html = await response.text();
    assert.ok(html.includes('Tài liệu hợp lệ'), html);
    assert.ok(!html.includes('không hợp lệ'), html);
    for (const text of [AGENCY.name, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', '15/GTN', 'Trần Thị Bích Ngọc', 'Phạm Văn Đức', 'Văn thư (ký số cơ quan)']) {
      assert.ok(html.includes(text), `page shows ${text}`);
    }
  });

  it('an unsigned document is said plainly to have no digital signature, not to be invalid', async () => {
    const issue = (signatureExpected: boolean) =>
      documents.issue({
        agency: AGENCY,
        kind: 'receipt',
        title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
        number: '16/TNHS-SXD',
        signatureExpected,
        template: '<p>Giấy tiếp nhận {{documentId}}</p>',
        data: {},
      });
    const receipt = await issue(false);
    const page = await (await fetch(`${platform.baseUrl}/verify/${receipt.document.id}`)).text();
    assert.match(page, /Văn bản không có chữ ký số/);
    assert.match(page, /ban hành không kèm chữ ký số/);
    assert.doesNotMatch(page, /không hợp lệ/);
    // A document meant to be signed but not signed yet says so, still without calling it forged.
    const draft = await issue(true);
    const draftPage = await (await fetch(`${platform.baseUrl}/verify/${draft.document.id}`)).text();
    assert.match(draftPage, /Văn bản không có chữ ký số/);
    assert.match(draftPage, /chưa được ký số/);
  });

  it('POST /api/verify checks every signature of the issued file and finds it in the registry', async () => {
    const response = await upload(platform.baseUrl, issued);
    assert.equal(response.status, 200);
    const body = (await response.json()) as UploadVerification;
    assert.equal(body.valid, true);
    assert.deepEqual(
      body.signatures.map((s) => [s.signer, s.signerName, s.valid, s.coversWholeDocument]),
      [
        [AGENCY.name, 'Trần Thị Bích Ngọc', true, false],
        [AGENCY.name, 'Phạm Văn Đức', true, true],
      ],
    );
    assert.equal(body.registeredDocument?.id, documentId);
    assert.equal(body.registeredDocument?.verifyUrl, `${platform.baseUrl}/verify/${documentId}`);
  });

  it('a changed byte makes the upload invalid and unknown to the registry', async () => {
    const tampered = Buffer.from(issued);
    tampered[2000] = tampered[2000] ^ 0x01;
    const body = (await (await upload(platform.baseUrl, tampered)).json()) as UploadVerification;
    assert.equal(body.valid, false);
    assert.deepEqual(body.signatures.map((s) => s.valid), [false, false]);
    assert.match(body.signatures[0].problems.join(), /Digest mismatch/);
    assert.equal(body.registeredDocument, null);
  });

  it('the page checks the stored bytes’ signatures, not only the registry', async () => {
    const document = (await documents.findById(documentId))!;
    const stored = join(site.dataDir, 'files', document.sha256.slice(0, 2), document.sha256.slice(2));
    const original = readFileSync(stored);
    try {
      const tampered = Buffer.from(original);
      tampered[2000] = tampered[2000] ^ 0x01;
      writeFileSync(stored, tampered);
      const html = await (await fetch(`${platform.baseUrl}/verify/${documentId}`)).text();
      assert.ok(html.includes('Tài liệu không hợp lệ'), html);
    } finally {
      writeFileSync(stored, original);
    }
  });

  it('unknown ids get a 404 page, non-PDF uploads a 400', async () => {
    for (const id of ['6f1c1c9e-8d1e-4a53-9d55-2f0b7f6f0e11', 'khong-phai-ma']) {
      const response = await fetch(`${platform.baseUrl}/verify/${id}`);
      assert.equal(response.status, 404);
      assert.ok((await response.text()).includes('Tài liệu không hợp lệ'));
    }
    const response = await upload(platform.baseUrl, Buffer.from('không phải PDF'));
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { message: string }).message, 'The uploaded file is not a PDF');
  });

  it('a PDF with more signatures than any issued document is refused before any is checked (422)', async () => {
    // Hardening finding 2: thousands of signature dictionaries in one upload held the process for 33 s.
    const response = await upload(platform.baseUrl, pdfWithSignatures(MAX_SIGNATURES + 1));
    assert.equal(response.status, 422);
    assert.match(((await response.json()) as { message: string }).message, new RegExp(`more than ${MAX_SIGNATURES} signatures`));
    const within = await upload(platform.baseUrl, pdfWithSignatures(2));
    assert.equal(within.status, 200, 'two signature fields are still checked');
    assert.equal(((await within.json()) as UploadVerification).signatures.length, 2);
  });

  it('one client gets a burst of checks, then 429 with Retry-After (the last test: it spends this client’s burst)', async () => {
    let limited: Response | undefined;
    for (let i = 0; i <= VERIFY_BURST && !limited; i++) {
      const response = await upload(platform.baseUrl, Buffer.from('không phải PDF'));
      if (response.status === 429) limited = response;
      else assert.equal(response.status, 400);
    }
    assert.ok(limited, `no more than ${VERIFY_BURST} checks in a burst`);
    assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  });
});

/** A minimal PDF with `count` signature dictionaries whose /ByteRange frames a (meaningless) /Contents. */
function pdfWithSignatures(count: number): Buffer {
  const pad = (n: number) => String(n).padStart(10, '0');
  const build = (length: number) => {
    let text = '%PDF-1.7\n';
    for (let i = 0; i < count; i++) {
      const head = `${i + 1} 0 obj << /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 `;
      const contentsAt = text.length + head.length + 35; // after "B C D] /Contents " (3 × 10 digits, spaces, "] /Contents ")
      const contentsEnd = contentsAt + 6; // "<0000>"
      text += `${head}${pad(contentsAt)} ${pad(contentsEnd)} ${pad(length - contentsEnd)}] /Contents <0000> >> endobj\n`;
    }
    return `${text}trailer << >>\n%%EOF\n`;
  };
  const length = build(0).length;
  return Buffer.from(build(length), 'latin1');
}
