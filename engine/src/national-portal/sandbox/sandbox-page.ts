import type { SandboxDossier } from './sandbox-portal.js';

/** The portal's ten TrangThaiHoSo codes and their names (docs/national-portal.md). */
export const PORTAL_STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/**
 * The sandbox's own page: what it received of each dossier, as a person checking the exchange
 * would read it on the portal (statuses in order, the steps reported, the documents handed in,
 * fees, supplement requests and results, each file by the link it was sent as).
 */
export function sandboxPage(dossiers: SandboxDossier[]): string {
  const sections = dossiers.map((dossier) => {
    const record = dossier.record ?? {};
    const statuses = dossier.statuses.map((code) => `<li data-status="${code}">${code} – ${escape(PORTAL_STATUS_NAMES[code] ?? '')}</li>`).join('');
    const steps = dossier.steps
      .map((step) => `<tr><td>${escape(readableTime(step.ThoiDiemXuLy))}</td><td>${escape(`${plain(step.TrangThai)} – ${PORTAL_STATUS_NAMES[Number(step.TrangThai)] ?? ''}`)}</td><td>${escape(step.NguoiXuLy)}</td><td>${escape(step.NoiDungXuLy)}</td></tr>`)
      .join('');
    const documents = items(record.TaiLieuNop)
      .map((file) => `<li><a href="${escape(file.DuongDanTaiTepTin)}">${escape(file.TenTepDinhKem)}</a></li>`)
      .join('');
    const fees = items(record.DanhSachLePhi)
      .map((fee) => `<tr><td>${escape(fee.TenPhiLePhi)}</td><td>${escape(fee.MaPhiLePhi)}</td><td>${escape(money(fee.Gia))}</td></tr>`)
      .join('');
    const supplements = items(record.DanhSachHoSoBoSung)
      .map((request) => {
        const files = items(request.DanhSachGiayToBoSung).map((file) => `<a href="${escape(file.DuongDanTaiTepTin)}">${escape(file.TenTepDinhKem)}</a>`);
        const answer = request.TrangThaiBoSung === 'True' ? `Đã bổ sung ngày ${escape(readableTime(request.NgayTiepNhanBoSung))}${files.length ? `: ${files.join(', ')}` : ''}` : 'Chờ công dân bổ sung';
        return `<tr><td>${escape(readableTime(request.NgayBoSung))}</td><td>${escape(request.NguoiYeuCauBoSung)}</td><td>${escape(request.NoiDungBoSung)}</td><td>${answer}</td></tr>`;
      })
      .join('');
    const resultItems = items(record.DanhSachGiayToKetQua)
      .map((result) => `<li><a href="${escape(result.DuongDanTepTinKetQua)}">${escape(result.TenGiayTo)}</a></li>`)
      .join('');
    return `<section data-dossier="${escape(dossier.code)}">
<h2>Hồ sơ ${escape(dossier.code)}</h2>
<dl><dt>Thủ tục</dt><dd>${escape(record.TenTTHC)}</dd><dt>Chủ hồ sơ</dt><dd>${escape(record.ChuHoSo)}</dd><dt>Số biên nhận của tỉnh</dt><dd>${escape(record.SoBienNhan)}</dd><dt>Đơn vị xử lý</dt><dd>${escape(record.DonViXuLy)}</dd></dl>
<h3>Trạng thái đã nhận</h3><ol class="statuses">${statuses}</ol>
<h3>Tiến độ xử lý</h3><table><thead><tr><th>Thời điểm</th><th>Trạng thái</th><th>Người xử lý</th><th>Nội dung</th></tr></thead><tbody>${steps}</tbody></table>
<h3>Tài liệu nộp</h3>${documents ? `<ul class="documents">${documents}</ul>` : '<p>Không có.</p>'}
<h3>Phí, lệ phí</h3>${fees ? `<table class="fees"><thead><tr><th>Tên</th><th>Mã</th><th>Mức thu</th></tr></thead><tbody>${fees}</tbody></table>` : '<p>Không có.</p>'}
<h3>Yêu cầu bổ sung</h3>${supplements ? `<table class="supplements"><thead><tr><th>Ngày yêu cầu</th><th>Người yêu cầu</th><th>Nội dung</th><th>Kết quả</th></tr></thead><tbody>${supplements}</tbody></table>` : '<p>Không có.</p>'}
<h3>Giấy tờ kết quả</h3>${resultItems ? `<ul class="results">${resultItems}</ul>` : '<p>Chưa có kết quả.</p>'}
</section>`;
  });
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cổng Dịch vụ công (thử nghiệm)</title>
<style>body{font-family:sans-serif;margin:1rem;max-width:60rem}section{border:1px solid #ccc;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dd{margin:0}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head>
<body><h1>Cổng Dịch vụ công quốc gia – bản thử nghiệm</h1><p>Hồ sơ mà Cổng đã nhận từ hệ thống một cửa của tỉnh.</p>${sections.join('') || '<p>Chưa nhận hồ sơ nào.</p>'}</body></html>`;
}

/** A received list's records; anything else as none. */
function items(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object') : [];
}

/** Whole đồng as a Vietnamese reader writes them: 50.000 đồng. */
function money(value: unknown): string {
  const text = plain(value);
  return /^\d+$/.test(text) ? `${Number(text).toLocaleString('vi-VN')} đồng` : text;
}

/** yyyyMMddHHmmss (the portal's times, Vietnam time) as a Vietnamese reader writes it: dd/MM/yyyy HH:mm:ss. */
function readableTime(value: unknown): string {
  const text = plain(value);
  const parts = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  return parts ? `${parts[3]}/${parts[2]}/${parts[1]} ${parts[4]}:${parts[5]}:${parts[6]}` : text;
}

/** A received field as text: only strings and numbers are shown, anything else as nothing. */
function plain(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function escape(value: unknown): string {
  return plain(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
