import { DEMO_SIGNING_PIN } from '../identity/demo-accounts.js';

/** One step an officer completes on a demo dossier: who, which element, with what form values. */
export interface DemoStep {
  username: string;
  elementId: string;
  variables: Record<string, unknown>;
  /** The leader's signing PIN, for an approval that signs the draft with her own key. */
  signingPin?: string;
}

/** A demo dossier: submitted online by a demo citizen, then moved by officers up to the step it shows. */
export interface DemoDossier {
  /** Idempotency-Key of its submission: a restart finds it instead of submitting again. */
  key: string;
  citizen: string;
  procedure: string;
  /** The competent agency, for a procedure offered by several (every commune). */
  agency?: string;
  application: Record<string, unknown>;
  steps: DemoStep[];
  /** The fee its model asks right after receipt, paid in cash at the counter so the later steps are reached. */
  feeAtReceipt?: DemoFee;
}

/** A fee paid at the counter: by which reception officer, which fee of the catalogue, how much, which receipt. */
export interface DemoFee {
  username: string;
  feeCode: string;
  amount: number;
  receiptNumber: string;
}

/** A step's form values with `{today}` (a date the form asks for, such as the signing date) filled in. */
export function stepVariables(step: DemoStep, today: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(step.variables).replaceAll('{today}', today)) as Record<string, unknown>;
}

const RECEIVE = { thanhPhanDaNhan: ['giay-to-1', 'giay-to-2'], receptionDecision: 'receive' };
const APPROVE = { approvalDecision: 'approve', yKienLanhDao: 'Đồng ý, trình ký ban hành' };
const MEETS = { yKienThamDinh: 'Hồ sơ đầy đủ, hợp lệ, đủ điều kiện giải quyết', appraisalResult: 'meets' };

const BIRTH = {
  nguoiYeuCauHoTen: 'Nguyễn Văn An',
  nguoiYeuCauSoDinhDanh: '022090001234',
  nguoiYeuCauNoiCuTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
  quanHe: 'cha',
  ngaySinh: '2025-05-20',
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
  camDoan: true,
};

const CRIMINAL_RECORD = {
  gioiTinh: 'nu',
  ngaySinh: '1993-08-21',
  noiSinh: 'Thành phố Cẩm Phả, tỉnh Quảng Ninh',
  quocTich: 'Việt Nam',
  danToc: 'Kinh',
  noiThuongTru: 'Tổ 2, khu 1, phường Hồng Hà, tỉnh Quảng Ninh',
  dienThoai: '0987654321',
  hoTenCha: 'Trần Văn Đông',
  hoTenMe: 'Phạm Thị Em',
  quaTrinhCuTru: 'Từ 1993 đến nay: tỉnh Quảng Ninh',
  loaiPhieu: '1',
  mucDich: 'Bổ sung hồ sơ xin việc',
  soLuongPhieu: 1,
  doiTuongNopPhi: 'thong-thuong',
  camDoan: true,
};

/**
 * What a demo instance shows after start: dossiers of the shipped procedures waiting at each kind
 * of step (reception, appraisal, approval, supplement), one returned with its signed result, for
 * both demo citizens, in the agencies the procedures belong to (the communes UBND-XA-HH and UBND-XA-BC, CA).
 */
export const DEMO_DOSSIERS: readonly DemoDossier[] = [
  {
    key: 'demo-dossier-01',
    citizen: 'citizen1',
    procedure: 'dang-ky-khai-sinh',
    agency: 'UBND-XA-HH',
    application: { ...BIRTH, hoTen: 'Nguyễn Minh Khôi', gioiTinh: 'nam' },
    steps: [],
  },
  {
    // Filed with another commune: it waits in phường Bãi Cháy's reception worklist.
    key: 'demo-dossier-bc-01',
    citizen: 'citizen2',
    procedure: 'dang-ky-khai-sinh',
    agency: 'UBND-XA-BC',
    application: { ...BIRTH, hoTen: 'Trần Gia Bảo', gioiTinh: 'nam', ngaySinh: '2025-06-11' },
    steps: [],
  },
  {
    key: 'demo-dossier-02',
    citizen: 'citizen1',
    procedure: 'dang-ky-khai-sinh',
    agency: 'UBND-XA-HH',
    application: { ...BIRTH, hoTen: 'Nguyễn Ngọc Anh', gioiTinh: 'nu', ngaySinh: '2025-04-02' },
    steps: [
      { username: 'reception.hongha', elementId: 'Task_TiepNhan', variables: RECEIVE },
      {
        username: 'specialist.hongha',
        elementId: 'Task_ThamDinh',
        variables: {
          ...MEETS,
          tieuChiThamDinh: ['thong-tin-khop-giay-chung-sinh', 'dung-tham-quyen', 'nguoi-yeu-cau-hop-le', 'ho-ten-quoc-tich', 'chua-dang-ky'],
          quyenSo: '01/2025',
          soDinhDanh: '022225000101',
        },
      },
      { username: 'leader.hongha', elementId: 'Task_PheDuyet', variables: APPROVE, signingPin: DEMO_SIGNING_PIN },
      { username: 'clerk.hongha', elementId: 'Task_KySoVanThu', variables: { soVanBan: '101/KS', quyenSo: '01/2025', ngayKy: '{today}' } },
      { username: 'reception.hongha', elementId: 'Task_TraKetQua', variables: { hinhThucTra: 'counter', nguoiNhan: 'Nguyễn Văn An' } },
    ],
  },
  {
    key: 'demo-dossier-03',
    citizen: 'citizen2',
    procedure: 'dang-ky-ho-kinh-doanh',
    agency: 'UBND-XA-HH',
    application: {
      tenHoKinhDoanh: 'Hộ kinh doanh Tạp hóa Bình An',
      diaChiKinhDoanh: 'Số 8 phố Hồng Hà, phường Hồng Hà, tỉnh Quảng Ninh',
      dienThoai: '0987654321',
      nganhNghe: 'Bán lẻ hàng tạp hóa',
      vonKinhDoanh: 80000000,
      soLaoDong: 2,
      hinhThucThanhLap: 'ca-nhan',
      chuHoHoTen: 'Trần Thị Bình',
      chuHoSoDinhDanh: '022190005678',
      chuHoNgaySinh: '1990-11-02',
      chuHoGioiTinh: 'nu',
      chuHoDiaChi: 'Tổ 2, khu 1, phường Hồng Hà, tỉnh Quảng Ninh',
      camDoan: true,
    },
    steps: [{ username: 'reception.hongha', elementId: 'Task_TiepNhan', variables: RECEIVE }],
    feeAtReceipt: { username: 'reception.hongha', feeCode: 'LP-HKD', amount: 100000, receiptNumber: 'BL-DEMO-03' },
  },
  {
    key: 'demo-dossier-04',
    citizen: 'citizen1',
    procedure: 'cap-giay-phep-xay-dung-nha-o-rieng-le',
    agency: 'UBND-XA-HH',
    application: {
      chuDauTuHoTen: 'Nguyễn Văn An',
      chuDauTuSoDinhDanh: '022090001234',
      chuDauTuDiaChi: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
      chuDauTuDienThoai: '0912345678',
      loDatSo: '215',
      toBanDo: '34',
      dienTichLoDat: 96.5,
      diaDiemXayDung: 'Tổ 7, khu 4, phường Hồng Hà, tỉnh Quảng Ninh',
      giayToDat: 'Giấy chứng nhận số CS 123456 cấp ngày 12/3/2020',
      capCongTrinh: 'III',
      dienTichXayDungTang1: 80,
      tongDienTichSan: 240,
      chieuCao: 11.7,
      soTang: 3,
      thoiGianHoanThanh: 8,
      camKetCongTrinhLienKe: true,
      camDoan: true,
    },
    steps: [
      { username: 'reception.hongha', elementId: 'Task_TiepNhan', variables: RECEIVE },
      {
        username: 'specialist.hongha',
        elementId: 'Task_ThamDinh',
        variables: { ...MEETS, tieuChiThamDinh: ['phu-hop-quy-hoach', 'quyen-su-dung-dat', 'an-toan', 'chi-gioi', 'ban-ve', 'kiem-tra-hien-truong'] },
      },
    ],
    feeAtReceipt: { username: 'reception.hongha', feeCode: 'LP-GPXD', amount: 75000, receiptNumber: 'BL-DEMO-04' },
  },
  {
    key: 'demo-dossier-05',
    citizen: 'citizen1',
    procedure: 'cap-phieu-ly-lich-tu-phap',
    application: { ...CRIMINAL_RECORD, hoTen: 'Nguyễn Văn An', gioiTinh: 'nam', ngaySinh: '1990-03-15', soDinhDanh: '022090001234', dienThoai: '0912345678' },
    steps: [],
  },
  {
    key: 'demo-dossier-06',
    citizen: 'citizen2',
    procedure: 'cap-phieu-ly-lich-tu-phap',
    application: { ...CRIMINAL_RECORD, hoTen: 'Trần Thị Bình', soDinhDanh: '022190005678' },
    steps: [
      {
        username: 'reception.ca',
        elementId: 'Task_TiepNhan',
        variables: {
          receptionDecision: 'supplement',
          reasons: 'Thông tin nơi cư trú chưa có trong Cơ sở dữ liệu quốc gia về dân cư.',
          missingItems: ['Bản chụp giấy tờ chứng minh nơi cư trú (khi không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)'],
        },
      },
    ],
  },
  {
    key: 'demo-dossier-07',
    citizen: 'citizen2',
    procedure: 'cap-gcn-quyen-su-dung-dat-lan-dau',
    // The commune where the land lies (Nghị định 151/2025/NĐ-CP, Điều 5 khoản 1): the second demo commune.
    agency: 'UBND-XA-BC',
    application: {
      nguoiSuDungHoTen: 'Trần Thị Bình',
      nguoiSuDungSoDinhDanh: '022190005678',
      namSinh: 1990,
      diaChiThuongTru: 'Tổ 2, khu 1, phường Hồng Hà, tỉnh Quảng Ninh',
      soThua: '88',
      soToBanDo: '12',
      diaChiThuaDat: 'Tổ 4, khu 2, phường Bãi Cháy, tỉnh Quảng Ninh',
      dienTich: 120,
      mucDichSuDung: 'ODT',
      nguonGoc: 'nhan-chuyen-nhuong',
      thoiDiemSuDung: '2004-09-01',
      camDoan: true,
    },
    steps: [{ username: 'reception.baichay', elementId: 'Task_TiepNhan', variables: RECEIVE }],
  },
];

