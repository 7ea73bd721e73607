import type { ProcedureCatalogue, WorkingTime } from './bundle.js';

/**
 * One procedure as the national database of administrative procedures (CSDL quốc gia về TTHC) describes it.
 * Keys follow the names one-stop systems use for its records (see docs/national-catalogue.md, where the
 * exact API format is marked "to verify"); each is the heading of the national portal's procedure page.
 */
export interface NationalCatalogueRecord {
  /** Mã thủ tục, e.g. "1.001193". */
  MaTTHC: string;
  /** Tên thủ tục. */
  TenTTHC: string;
  /** Cấp thực hiện, e.g. "Cấp Xã". */
  CapThucHien: string;
  /** Lĩnh vực, e.g. "Hộ tịch". */
  LinhVuc: string;
  /** Cơ quan thực hiện. */
  CoQuanThucHien?: string;
  /** Thời hạn giải quyết, as text: "05 ngày làm việc", "Trong ngày". */
  ThoiHanGiaiQuyet: string;
  /** Phí, lệ phí. */
  PhiLePhi?: { TenPhiLePhi: string; MucPhi: number | string; MoTa?: string }[];
  /** Thành phần hồ sơ, with the number of originals and copies. */
  ThanhPhanHoSo: { TenGiayTo: string; SoBanChinh?: number; SoBanSao?: number; BatBuoc?: boolean; MauDon?: string }[];
  /** Căn cứ pháp lý: document number and its title. */
  CanCuPhapLy?: ({ SoKyHieu?: string; TrichYeu: string } | string)[];
  /** Kết quả thực hiện. */
  KetQuaThucHien: string;
}

/** The catalogue data a national record fills in; the bundle's wiring (agency, models, forms) is not in the record. */
export type ImportedCatalogue = Pick<
  ProcedureCatalogue,
  'code' | 'name' | 'field' | 'level' | 'processingTime' | 'fees' | 'requiredDocuments' | 'legalBasis' | 'resultType'
>;

export class CatalogueRecordError extends Error {
  constructor(readonly problems: string[]) {
    // The problems are listed beside the message (the API answers both): the message only names the whole.
    super('Bản ghi thủ tục không hợp lệ');
    this.name = 'CatalogueRecordError';
  }
}

/** Cấp thực hiện as the national catalogue names it; the two levels of local government since 1 July 2025. */
const LEVELS: Record<string, string> = { 'cấp xã': 'commune', 'cấp tỉnh': 'province' };

/** One working day of a state agency is 8 working hours: what "Trong ngày" means in the shipped bundles. */
const HOURS_PER_DAY = 8;

/**
 * Thời hạn giải quyết from its text. Accepts "NN ngày làm việc" / "NN giờ làm việc" (with any trailing clause
 * such as "kể từ ngày nhận đủ hồ sơ hợp lệ") and "Trong ngày" / "Ngay trong ngày"; anything else (calendar days,
 * several durations, no number) is refused so that a deadline is never guessed.
 */
export function parseProcessingTime(text: string): WorkingTime {
  const normalised = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(ngay )?trong ngày\b/.test(normalised)) return { value: HOURS_PER_DAY, unit: 'workingHours' };
  const counts = [...normalised.matchAll(/(\d+) ?(ngày|giờ)( làm việc)?/g)];
  if (counts.length === 1 && Number(counts[0][1]) > 0) {
    const [, value, unit, working] = counts[0];
    if (!working) throw new CatalogueRecordError([`Thời hạn giải quyết "${text}" không ghi rõ là ngày hay giờ làm việc; hãy nhập thời hạn trong trình soạn thảo`]);
    return { value: Number(value), unit: unit === 'ngày' ? 'workingDays' : 'workingHours' };
  }
  throw new CatalogueRecordError([`Không đọc được thời hạn giải quyết "${text}": cần dạng "05 ngày làm việc", "08 giờ làm việc" hoặc "Trong ngày"`]);
}

/** Checks a record and maps it to catalogue data, listing every problem in Vietnamese. */
export function catalogueFromRecord(input: unknown): ImportedCatalogue {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CatalogueRecordError(['Bản ghi thủ tục phải là một đối tượng JSON']);
  }
  // The national service's own answer is read through the same checks as the flat record.
  const flat = 'MATTHC' in input || 'result' in input ? recordFromNationalService(input as Record<string, unknown>) : input;
  const record = flat as Partial<Record<keyof NationalCatalogueRecord, unknown>>;
  const problems: string[] = [];
  const text = (key: keyof NationalCatalogueRecord, label: string): string => {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    problems.push(`Thiếu ${label} (${key})`);
    return '';
  };
  const code = text('MaTTHC', 'mã thủ tục');
  if (code && !/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/.test(code)) problems.push(`Mã thủ tục "${code}" không hợp lệ (ví dụ đúng: 1.001193)`);
  const name = text('TenTTHC', 'tên thủ tục');
  const field = text('LinhVuc', 'lĩnh vực');
  const levelText = text('CapThucHien', 'cấp thực hiện');
  const level = LEVELS[levelText.normalize('NFC').toLowerCase()];
  if (levelText && !level) problems.push(`Cấp thực hiện "${levelText}" không được hỗ trợ: chỉ "Cấp Xã" hoặc "Cấp Tỉnh"`);
  const timeText = text('ThoiHanGiaiQuyet', 'thời hạn giải quyết');
  let legal: WorkingTime | undefined;
  if (timeText) {
    try {
      legal = parseProcessingTime(timeText);
    } catch (error) {
      problems.push(...(error as CatalogueRecordError).problems);
    }
  }
  const resultType = text('KetQuaThucHien', 'kết quả thực hiện');
  const fees = list(record.PhiLePhi, 'PhiLePhi', 'phí, lệ phí', problems, false).map((fee, i) => mapFee(fee, i, problems));
  const requiredDocuments = list(record.ThanhPhanHoSo, 'ThanhPhanHoSo', 'thành phần hồ sơ', problems, true).map((doc, i) => mapDocument(doc, i, problems));
  const legalBasis = list(record.CanCuPhapLy, 'CanCuPhapLy', 'căn cứ pháp lý', problems, false).map((basis, i) => mapLegalBasis(basis, i, problems));
  if (problems.length > 0 || !legal) throw new CatalogueRecordError(problems);
  return { code, name, field, level, processingTime: { legal }, fees, requiredDocuments, legalBasis, resultType };
}

function list(value: unknown, key: string, label: string, problems: string[], required: boolean): unknown[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0)) {
    problems.push(`${label[0].toUpperCase()}${label.slice(1)} (${key}) phải là một danh sách${required ? ' có ít nhất một mục' : ''}`);
    return [];
  }
  return value;
}

function prop(item: unknown, key: string): unknown {
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
}

function mapFee(fee: unknown, index: number, problems: string[]): ProcedureCatalogue['fees'][number] {
  const name = prop(fee, 'TenPhiLePhi');
  const amount = feeAmount(prop(fee, 'MucPhi'));
  const note = prop(fee, 'MoTa');
  if (typeof name !== 'string' || name.trim() === '') problems.push(`Phí, lệ phí thứ ${index + 1}: thiếu tên (TenPhiLePhi)`);
  if (amount === undefined) problems.push(`Phí, lệ phí thứ ${index + 1}: mức phí (MucPhi) phải là số đồng, hoặc "Miễn phí"`);
  return { name: typeof name === 'string' ? name.trim() : '', amount: amount ?? 0, ...(typeof note === 'string' && note.trim() ? { note: note.trim() } : {}) };
}

/** "50.000 đồng" and 50000 are both 50 000 đồng; "Miễn"/"Không" is 0. */
function feeAmount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').trim().toLowerCase();
  if (/^(miễn|không)/.test(text)) return 0;
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)( ?(đồng|vnđ|vnd|đ))?$/.exec(text);
  return match ? Number(match[1].replace(/\./g, '')) : undefined;
}

function mapDocument(doc: unknown, index: number, problems: string[]): ProcedureCatalogue['requiredDocuments'][number] {
  const name = prop(doc, 'TenGiayTo');
  const originals = prop(doc, 'SoBanChinh') ?? 0;
  const copies = prop(doc, 'SoBanSao') ?? 0;
  const mandatory = prop(doc, 'BatBuoc') ?? true;
  const form = prop(doc, 'MauDon');
  const at = `Thành phần hồ sơ thứ ${index + 1}`;
  if (typeof name !== 'string' || name.trim() === '') problems.push(`${at}: thiếu tên giấy tờ (TenGiayTo)`);
  for (const [key, value] of [['SoBanChinh', originals], ['SoBanSao', copies]] as const) {
    if (!Number.isInteger(value) || (value as number) < 0) problems.push(`${at}: ${key} phải là số nguyên không âm`);
  }
  if (typeof mandatory !== 'boolean') problems.push(`${at}: BatBuoc phải là true hoặc false`);
  return {
    name: typeof name === 'string' ? name.trim() : '',
    originals: originals as number,
    copies: copies as number,
    mandatory: mandatory === true,
    ...(typeof form === 'string' && form.trim() ? { note: `Mẫu: ${form.trim()}` } : {}),
  };
}

function mapLegalBasis(basis: unknown, index: number, problems: string[]): string {
  if (typeof basis === 'string' && basis.trim()) return basis.trim();
  const number = prop(basis, 'SoKyHieu');
  const title = prop(basis, 'TrichYeu');
  if (typeof title !== 'string' || title.trim() === '') {
    problems.push(`Căn cứ pháp lý thứ ${index + 1}: thiếu trích yếu (TrichYeu)`);
    return '';
  }
  return typeof number === 'string' && number.trim() && !title.includes(number.trim()) ? `${number.trim()} ${title.trim()}` : title.trim();
}

/**
 * The national catalogue's own answer to its "LayThuTuc" sharing service (upper-case keys, nested lists), as
 * OpenCPS reads it (VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl.syncServiceInfo), turned into the record
 * above; either the whole answer ({ result: [procedure] }) or the procedure alone. Keys OpenCPS does not read
 * (CAPTHUCHIEN, SOBANCHINH, SOBANSAO) are "to verify" in docs/national-catalogue.md.
 */
export function recordFromNationalService(input: Record<string, unknown>): Record<string, unknown> {
  const answer = Array.isArray(input.result) ? (input.result[0] as unknown) : input;
  const procedure = (answer !== null && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  const items = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object') : []);
  // Every channel (KENH) carries its own time and fees; the first one listed is the catalogue's legal time.
  const time = items(items(procedure.CACHTHUCTHUCHIEN)[0]?.THOIGIAN)[0];
  return {
    MaTTHC: procedure.MATTHC,
    TenTTHC: procedure.TENTTHC,
    CapThucHien: procedure.CAPTHUCHIEN,
    LinhVuc: items(procedure.LINHVUCTHUCHIEN)[0]?.TENLINHVUC,
    CoQuanThucHien: items(procedure.COQUANTHUCHIEN)[0]?.TENDONVI,
    ThoiHanGiaiQuyet: time ? `${String(time.THOIGIANGIAIQUYET)} ${String(time.DONVITINH)}` : undefined,
    PhiLePhi: items(time?.PHILEPHI).map((fee) => ({ TenPhiLePhi: fee.MOTA || fee.MAPHILEPHI, MucPhi: fee.SOTIEN })),
    ThanhPhanHoSo: items(procedure.THANHPHANHOSO)
      .flatMap((group) => items(group.GIAYTO))
      .map((doc) => ({ TenGiayTo: doc.TENGIAYTO, SoBanChinh: doc.SOBANCHINH, SoBanSao: doc.SOBANSAO, MauDon: doc.TENMAUDON || undefined })),
    CanCuPhapLy: items(procedure.CANCUPHAPLY).map((basis) => ({ SoKyHieu: basis.SOVANBAN, TrichYeu: basis.TENVANBAN })),
    KetQuaThucHien: items(procedure.KETQUATHUCHIEN).map((result) => result.TENKETQUA).filter((name) => typeof name === 'string' && name).join('; ') || undefined,
  };
}
