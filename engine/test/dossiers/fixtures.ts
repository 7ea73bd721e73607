import { DEMO_SIGNING_PIN } from '../../src/identity/demo-accounts.js';
/**
 * Applications and step values of the five shipped procedures, as a citizen and the officers
 * would fill in their forms (forms/<slug>/*.form).
 */

export interface ProcedureCase {
  slug: string;
  agency: string;
  /** Suffix of the agency's demo accounts: reception.<suffix>, specialist.<suffix>… */
  staff: string;
  application: Record<string, unknown>;
  /** The clerk's numbering form. */
  numbering: Record<string, unknown>;
  /** The fee the model asks right after receipt, with its catalogue amount (procedure.json). */
  feeAtReceipt?: { code: string; amount: number };
}

const today = new Date().toISOString().slice(0, 10);

export const CASES: Record<string, ProcedureCase> = {
  'dang-ky-khai-sinh': {
    slug: 'dang-ky-khai-sinh',
    agency: 'UBND-XA-HH',
    staff: 'hongha',
    application: {
      nguoiYeuCauHoTen: 'Nguyễn Văn An',
      nguoiYeuCauSoDinhDanh: '022090001234',
      nguoiYeuCauNoiCuTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      quanHe: 'cha',
      hoTen: 'Nguyễn Minh Khôi',
      ngaySinh: '2025-05-20',
      gioiTinh: 'nam',
      danToc: 'Kinh',
      quocTich: 'Việt Nam',
      noiSinh: 'Bệnh viện Bãi Cháy, tỉnh Quảng Ninh',
      queQuan: 'Xã Đông Hưng, tỉnh Thái Bình',
      meHoTen: 'Lê Thị Hạnh',
      meSoDinhDanh: '022192004321',
      meNamSinh: 1992,
      meDanToc: 'Kinh',
      meQuocTich: 'Việt Nam',
      meNoiCuTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      chaHoTen: 'Nguyễn Văn An',
      soBanSao: 2,
      camDoan: true,
    },
    numbering: { soVanBan: '125/KS', quyenSo: '01/2025', ngayKy: today },
  },
  'dang-ky-ho-kinh-doanh': {
    slug: 'dang-ky-ho-kinh-doanh',
    agency: 'UBND-XA-HH',
    staff: 'hongha',
    application: {
      tenHoKinhDoanh: 'Hộ kinh doanh Bánh cuốn Bà Hạnh',
      diaChiKinhDoanh: 'Số 12 phố Hồng Hà, phường Hồng Hà, tỉnh Quảng Ninh',
      dienThoai: '0912345678',
      nganhNghe: 'Dịch vụ ăn uống (bánh cuốn, phở)',
      vonKinhDoanh: 150000000,
      soLaoDong: 3,
      hinhThucThanhLap: 'ca-nhan',
      chuHoHoTen: 'Nguyễn Văn An',
      chuHoSoDinhDanh: '022090001234',
      chuHoNgaySinh: '1990-03-15',
      chuHoGioiTinh: 'nam',
      chuHoDiaChi: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      camDoan: true,
    },
    numbering: { soVanBan: '1234/HKD', ngayKy: today },
    feeAtReceipt: { code: 'LP-HKD', amount: 100_000 },
  },
  'cap-giay-phep-xay-dung-nha-o-rieng-le': {
    slug: 'cap-giay-phep-xay-dung-nha-o-rieng-le',
    agency: 'UBND-XA-HH',
    staff: 'hongha',
    application: {
      chuDauTuHoTen: 'Nguyễn Văn An',
      chuDauTuSoDinhDanh: '022090001234',
      chuDauTuDiaChi: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      chuDauTuDienThoai: '0912345678',
      loDatSo: '215',
      toBanDo: '34',
      dienTichLoDat: 96.5,
      diaDiemXayDung: 'Tổ 7, khu 4, phường Hồng Hà, tỉnh Quảng Ninh',
      giayToDat: 'Giấy chứng nhận số CS 123456 do Sở Tài nguyên và Môi trường cấp ngày 12/3/2020',
      capCongTrinh: 'III',
      dienTichXayDungTang1: 80,
      tongDienTichSan: 240,
      chieuCao: 11.7,
      soTang: 3,
      thoiGianHoanThanh: 8,
      camKetCongTrinhLienKe: true,
      camDoan: true,
    },
    numbering: { soVanBan: '45/GPXD', ngayKy: today },
    feeAtReceipt: { code: 'LP-GPXD', amount: 75_000 },
  },
  'cap-phieu-ly-lich-tu-phap': {
    slug: 'cap-phieu-ly-lich-tu-phap',
    agency: 'CA',
    staff: 'ca',
    application: {
      hoTen: 'Nguyễn Văn An',
      gioiTinh: 'nam',
      ngaySinh: '1990-03-15',
      noiSinh: 'Thành phố Hạ Long, tỉnh Quảng Ninh',
      quocTich: 'Việt Nam',
      danToc: 'Kinh',
      soDinhDanh: '022090001234',
      noiThuongTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      dienThoai: '0912345678',
      hoTenCha: 'Nguyễn Văn Bình',
      hoTenMe: 'Trần Thị Cúc',
      quaTrinhCuTru: 'Từ 1990 đến nay: phường Hồng Hà, tỉnh Quảng Ninh',
      loaiPhieu: '1',
      mucDich: 'Bổ sung hồ sơ xin việc',
      soLuongPhieu: 1,
      doiTuongNopPhi: 'thong-thuong',
      camDoan: true,
    },
    numbering: { soVanBan: '3012/LLTP', ngayKy: today },
  },
  'cap-gcn-quyen-su-dung-dat-lan-dau': {
    slug: 'cap-gcn-quyen-su-dung-dat-lan-dau',
    // Filed with the commune where the land lies (Nghị định 151/2025/NĐ-CP, Điều 5 khoản 1).
    agency: 'UBND-XA-HH',
    staff: 'hongha',
    application: {
      nguoiSuDungHoTen: 'Nguyễn Văn An',
      nguoiSuDungSoDinhDanh: '022090001234',
      namSinh: 1990,
      diaChiThuongTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      soThua: '215',
      soToBanDo: '34',
      diaChiThuaDat: 'Tổ 7, khu 4, phường Hồng Hà, tỉnh Quảng Ninh',
      dienTich: 96.5,
      mucDichSuDung: 'ODT',
      nguonGoc: 'cong-nhan',
      thoiDiemSuDung: '1998-06-01',
      camDoan: true,
    },
    numbering: { soVanBan: '1520/GCN', soPhatHanh: 'DA 123456', ngayKy: today },
  },
};

export const RECEIVE = { thanhPhanDaNhan: ['giay-to-1', 'giay-to-2'], receptionDecision: 'receive' };

/** Every criterion of the appraisal form ticked, result `meets`. */
export function appraisal(criteria: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tieuChiThamDinh: criteria, yKienThamDinh: 'Hồ sơ đầy đủ, hợp lệ, đủ điều kiện giải quyết', appraisalResult: 'meets', ...extra };
}

export const CRITERIA: Record<string, string[]> = {
  'dang-ky-khai-sinh': ['thong-tin-khop-giay-chung-sinh', 'dung-tham-quyen', 'nguoi-yeu-cau-hop-le', 'ho-ten-quoc-tich', 'chua-dang-ky'],
  'dang-ky-ho-kinh-doanh': ['ten-khong-trung', 'nganh-nghe', 'chu-ho-du-dieu-kien', 'mot-ho-kinh-doanh', 'le-phi'],
  'cap-giay-phep-xay-dung-nha-o-rieng-le': ['phu-hop-quy-hoach', 'quyen-su-dung-dat', 'an-toan', 'chi-gioi', 'ban-ve', 'kiem-tra-hien-truong'],
  'cap-phieu-ly-lich-tu-phap': ['nhan-than', 'tra-cuu-csdl', 'an-tich', 'cam-dam-nhiem', 'phi'],
  'cap-gcn-quyen-su-dung-dat-lan-dau': ['thuoc-doi-tuong', 'giay-to-nguon-goc', 'phu-hop-quy-hoach', 'ban-do-dia-chinh', 'tai-san'],
};

export const APPROVE = { approvalDecision: 'approve', yKienLanhDao: 'Đồng ý, trình ký ban hành' };
/**
 * The signing PIN a leader enters when approving: on a fresh site her first approval sets it (the
 * development CA issues her key then, protected by it), later ones must repeat it.
 */
export const LEADER_PIN = DEMO_SIGNING_PIN;
export const RETURN_AT_COUNTER = { hinhThucTra: 'counter', nguoiNhan: 'Nguyễn Văn An' };
