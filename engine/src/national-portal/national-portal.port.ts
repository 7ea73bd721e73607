/**
 * The national public service portal's integration services, as a province's system calls them
 * (docs/national-portal.md). Field names are the portal's; times are yyyyMMddHHmmss, Vietnam time.
 */
export const NATIONAL_PORTAL = Symbol('NATIONAL_PORTAL');

export const PortalService = {
  /** Sends a dossier's record (new, or `isUpdating` for one the portal holds). */
  SyncDossier: 'DongBoHoSoMC',
  /** Reports one processing step and the status it leaves the dossier in. */
  UpdateProgress: 'CapNhatTienDoHoSoMC',
} as const;

export type PortalService = (typeof PortalService)[keyof typeof PortalService];

/**
 * A dossier as DongBoHoSoMC carries it (the fields the platform fills): its particulars and status,
 * and its content as five lists (OpenCPS DVCQGIntegrationActionImpl.createSyncDossierBodyRequest,
 * docs/national-portal.md). Files are given as addresses the portal fetches them from.
 */
export interface DossierSyncRecord {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  ChuHoSo: string;
  /** 1 citizen, 2 organisation. */
  LoaiDoiTuong: string;
  MaDoiTuong: string;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  /** One of the ten national status codes, as text. */
  TrangThaiHoSo: string;
  NgayTra: string;
  DonViXuLy: string;
  /** The platform's own receipt code of the dossier. */
  SoBienNhan: string;
  /** The documents handed in with the dossier. */
  TaiLieuNop: SubmittedFile[];
  /** The procedure's fees at this dossier's amounts. */
  DanhSachLePhi: Fee[];
  /** Other papers (name, count, kind): none are kept apart here, so always empty. */
  DanhSachTepDinhKemKhac: never[];
  /** Each request for more documents, and the applicant's answer once given. */
  DanhSachHoSoBoSung: SupplementRequest[];
  /** The results issued, each by the address of its signed file. */
  DanhSachGiayToKetQua: ResultDocument[];
}

/** One item of TaiLieuNop. */
export interface SubmittedFile {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  /** "True" or "False". */
  IsDeleted: string;
  /** The national code of the required document; '' (the catalogue here names documents, not codes). */
  MaThanhPhanHoSo: string;
  /** Where the portal fetches the file: a signed link of the platform. */
  DuongDanTaiTepTin: string;
}

/** One item of DanhSachLePhi. */
export interface Fee {
  TenPhiLePhi: string;
  MaPhiLePhi: string;
  /** When the fee is collected: a code of the portal's, not known here; ''. */
  HinhThucThu: string;
  /** Đồng, as text. */
  Gia: string;
  /** Phí or lệ phí: a code of the portal's, not known here; ''. */
  LoaiPhiLePhi: string;
}

/** One item of DanhSachHoSoBoSung: a supplement request and, once answered, the answer. */
export interface SupplementRequest {
  HoSoBoSungId: string;
  NguoiYeuCauBoSung: string;
  NoiDungBoSung: string;
  NgayBoSung: string;
  NguoiTiepNhanBoSung: string;
  ThongTinTiepNhan: string;
  NgayTiepNhanBoSung: string;
  /** "True" once the applicant has answered. */
  TrangThaiBoSung: string;
  DanhSachGiayToBoSung: SubmittedFile[];
  DanhSachLePhiBoSung: Fee[];
  NgayHenTraTruoc: string;
  NgayHenTraMoi: string;
}

/**
 * One result of DanhSachGiayToKetQua (OpenCPS `createSyncDossierBodyRequest`: TenGiayTo,
 * MaThanhPhanHoSo, GiayToId, DuongDanTepTinKetQua): the address of the signed file.
 */
export interface ResultDocument {
  TenGiayTo: string;
  MaThanhPhanHoSo: string;
  GiayToId: string;
  DuongDanTepTinKetQua: string;
}

/** One processing step as CapNhatTienDoHoSoMC carries it. */
export interface ProgressRecord {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  /** One of the ten national status codes, as text. */
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/** The portal's answer to a call it accepted. */
export type PortalAnswer = Record<string, unknown>;

/** Any answer but acceptance: the portal is down, refuses the session, or refuses the record. */
export class PortalCallFailed extends Error {}

export interface NationalPortal {
  syncDossier(record: DossierSyncRecord, updating: boolean): Promise<PortalAnswer>;
  updateProgress(step: ProgressRecord): Promise<PortalAnswer>;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The portal's time format: yyyyMMddHHmmss in Vietnam time (UTC+7, no daylight saving); '' for none. */
export function portalTime(at: Date | null | undefined): string {
  if (!at) return '';
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
