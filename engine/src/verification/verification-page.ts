import { vietnameseDate, vietnameseDateTime } from '../documents/vietnamese-format.js';
import type { IssuedVerification } from './verification.service.js';

const ROLES: Record<string, string> = { leader: 'Lãnh đạo phê duyệt', clerk: 'Văn thư (ký số cơ quan)' };

/** The public page a QR code opens: what the document is and whether its signatures hold. */
export function verificationPage(result: IssuedVerification, utcOffsetMinutes: number): string {
  const { document, verification } = result;
  const rows: Array<[string, string]> = [
    ['Cơ quan ban hành', document.agencyName],
    ['Loại văn bản', document.title],
    ['Số', document.number ?? '—'],
    ['Ngày ban hành', vietnameseDate(document.issuedAt, utcOffsetMinutes)],
    ['Mã tra cứu', document.id],
  ];
  const signers = verification.signatures.map((signature, index) => {
    const recorded = document.signers[index];
    const who = signature.signerName ?? recorded?.signerName ?? 'Không rõ';
    const role = recorded ? (ROLES[recorded.role] ?? recorded.role) : '';
    const when = signature.signedAt ? `, ký lúc ${vietnameseDateTime(signature.signedAt, utcOffsetMinutes)}` : '';
    const status = signature.valid ? '<span class="ok">chữ ký hợp lệ</span>' : '<span class="bad">chữ ký không hợp lệ</span>';
    return `<li><b>${escape(who)}</b>${role ? ` (${escape(role)})` : ''}: chứng thư số của ${escape(signature.signer ?? 'không rõ')}${escape(when)} (${status})</li>`;
  });
  const unsigned = verification.signatures.length === 0;
  const problems = [
    ...(result.storedBytesMatch ? [] : ['Tệp lưu trữ không khớp với tệp đã ban hành.']),
    ...(!unsigned && !verification.signatures.at(-1)!.coversWholeDocument ? ['Văn bản đã bị thêm nội dung sau chữ ký cuối cùng.'] : []),
  ];
  return layout(
    `${document.title} ${document.number ?? ''}`.trim(),
    `${verdict(result, unsigned)}
${problems.map((problem) => `<p class="bad">${escape(problem)}</p>`).join('\n')}
<table>${rows.map(([label, value]) => `<tr><th>${label}</th><td>${escape(value)}</td></tr>`).join('')}</table>
<h2>Chữ ký số</h2>
<ul>${signers.join('') || '<li>Không có chữ ký số.</li>'}</ul>
<p class="note">Kết quả được xác định bằng cách kiểm tra chữ ký số trên tệp văn bản do hệ thống lưu giữ (mã băm SHA-256: <code>${document.sha256}</code>).
Bản PDF bạn đang có là bản gốc khi mã băm của nó trùng với mã trên.</p>`,
  );
}

/**
 * A document without signatures is not a forged one: a receipt or a notice is issued unsigned,
 * and its page says plainly that it has no digital signature. Only a document that fails a
 * check (altered bytes, a broken signature) is called invalid.
 */
function verdict(result: IssuedVerification, unsigned: boolean): string {
  if (unsigned && result.storedBytesMatch) {
    const why = result.document.signatureExpected
      ? 'Văn bản chưa được ký số: chưa có giá trị như văn bản điện tử đã ký.'
      : 'Văn bản được hệ thống ban hành không kèm chữ ký số; nội dung trùng với bản hệ thống lưu giữ.';
    return `<p class="verdict none">Văn bản không có chữ ký số</p>\n<p>${escape(why)}</p>`;
  }
  return `<p class="verdict ${result.valid ? 'ok' : 'bad'}">${result.valid ? 'Tài liệu hợp lệ' : 'Tài liệu không hợp lệ'}</p>`;
}

export function notFoundPage(): string {
  return layout(
    'Không tìm thấy văn bản',
    `<p class="verdict bad">Tài liệu không hợp lệ</p><p>Không có văn bản nào được ban hành với mã tra cứu này.</p>`,
  );
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác thực văn bản: ${escape(title)}</title>
<style>
body { font-family: system-ui, "Noto Sans", sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
.verdict { font-size: 1.5rem; font-weight: bold; padding: .75rem 1rem; border-radius: .5rem; }
.verdict.ok { background: #e6f4ea; } .verdict.bad { background: #fce8e6; } .verdict.none { background: #eef1f5; }
.ok { color: #137333; } .bad { color: #c5221f; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { width: 12rem; font-weight: normal; color: #555; } .note { font-size: .85rem; color: #555; } code { word-break: break-all; }
</style></head><body>
<h1>Xác thực văn bản điện tử</h1>
${body}
</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
