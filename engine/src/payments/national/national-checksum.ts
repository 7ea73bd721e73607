import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The checksum (MaXacThuc) of the national payment platform's messages, as OpenCPS computes it
 * (PayGateUtil.generateChecksum): the message's fields in a fixed order, joined with `|`, then `|`
 * and the shared secret, hashed with SHA-256 and written in lower-case hex.
 */

/** Fields of the request that opens a payment (khởi tạo giao dịch), in checksum order. */
export const INIT_FIELDS = [
  'LoaiBanTin',
  'PhienBan',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'LoaiHinhThanhToan',
  'MaKenhThanhToan',
  'MaThietBi',
  'NgonNgu',
  'MaTienTe',
  'MaNganHang',
  'ThongTinGiaoDich',
  'ThoiGianGD',
  'Ip',
] as const;

/** Fields of the platform's payment result notice (nhận kết quả thanh toán), in checksum order. */
export const NOTICE_FIELDS = [
  'LoaiBanTin',
  'MaLoi',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'MaTienTe',
  'MaGiaoDich',
  'MaNganHang',
  'ThoiGianGD',
  'ThongTinGiaoDich',
] as const;

export function checksum(fields: readonly string[], values: Record<string, unknown>, secret: string): string {
  const data = [...fields.map((field) => text(values[field])), secret].join('|');
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** A field as it enters the checksum: text and numbers as written, anything else (absent, nested) as empty. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Constant-time comparison of the message's MaXacThuc with the expected one. */
export function hasValidChecksum(fields: readonly string[], values: Record<string, unknown>, secret: string): boolean {
  const given = values.MaXacThuc;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(checksum(fields, values, secret), 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}
