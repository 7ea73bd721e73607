import {
  ForgedCallbackError,
  PaymentGatewayError,
  type PaymentProvider,
  type PaymentRequest,
  type VerifiedCallback,
} from '../payment-provider.port.js';
import { gatewayDate, parseGatewayDate } from '../vnpay-signature.js';
import { checksum, hasValidChecksum, INIT_FIELDS, NOTICE_FIELDS } from './national-checksum.js';

export interface NationalPaymentSettings {
  /** Address of the platform's "open a payment" service. */
  initUrl: string;
  /** MaDoiTac: the province's partner code at the platform. */
  partnerCode: string;
  /** MaDonVi, TenDonVi: the collecting agency printed on the receipt. */
  agencyCode: string;
  agencyName: string;
  secret: string;
}

/** Message types and constants of the request; the values the real platform expects are to verify. */
export const INIT_MESSAGE = 'KHOI_TAO_GD';
export const NOTICE_MESSAGE = 'KET_QUA_GD';
const VERSION = '1.0.0';
/** MaDichVu 2: fees and charges of administrative procedures (1 is fines), as OpenCPS sends it. */
const FEE_SERVICE = 2;
const PAID = '00';

/**
 * The national public service portal's payment platform (Nền tảng thanh toán trực tuyến, PayGov):
 * the platform registers each payment with a signed JSON request and answers the page to send the
 * payer to (UrlThanhToan); once paid, it posts a signed result notice. Fields and checksums are as
 * docs/national-portal.md ("Thanh toán") records them.
 */
export class NationalPaymentProvider implements PaymentProvider {
  readonly id = 'national';

  constructor(private readonly settings: NationalPaymentSettings) {}

  async paymentUrl(request: PaymentRequest): Promise<string> {
    const message: Record<string, unknown> = {
      LoaiBanTin: INIT_MESSAGE,
      PhienBan: VERSION,
      MaDoiTac: this.settings.partnerCode,
      MaThamChieu: request.txnRef,
      SoTien: String(request.amount),
      LoaiHinhThanhToan: 'PAY',
      MaKenhThanhToan: '1',
      MaThietBi: '1',
      NgonNgu: 'vi',
      MaTienTe: 'VND',
      MaNganHang: '',
      ThongTinGiaoDich: request.description,
      ThoiGianGD: gatewayDate(request.createdAt),
      Ip: request.clientIp,
      ThongTinBienLai: {
        MaDichVu: FEE_SERVICE,
        MaDonVi: this.settings.agencyCode,
        TenDonVi: this.settings.agencyName,
        MaHoSo: request.dossierCode,
        NoiDungThanhToan: request.description,
        PhiLePhi: request.fees.map((fee) => ({ MaPhiLePhi: fee.code, TenPhiLePhi: fee.name, SoTien: fee.amount })),
        DSKhoanNop: request.fees.map((fee) => ({ NoiDung: fee.name, SoTien: String(fee.amount) })),
      },
    };
    message.MaXacThuc = checksum(INIT_FIELDS, message, this.settings.secret);
    let answer: { MaLoi?: unknown; MoTaLoi?: unknown; UrlThanhToan?: unknown };
    try {
      const response = await fetch(this.settings.initUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(15_000),
      });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      throw new PaymentGatewayError(`national payment platform unreachable: ${(error as Error).message}`);
    }
    if (answer.MaLoi !== PAID || typeof answer.UrlThanhToan !== 'string') {
      throw new PaymentGatewayError(`national payment platform refused (MaLoi ${JSON.stringify(answer.MaLoi)}: ${typeof answer.MoTaLoi === 'string' ? answer.MoTaLoi : ''})`);
    }
    return answer.UrlThanhToan;
  }

  verifyCallback(params: Record<string, string>): VerifiedCallback {
    if (!hasValidChecksum(NOTICE_FIELDS, params, this.settings.secret)) throw new ForgedCallbackError('MaXacThuc does not match the notice');
    if (params.MaDoiTac !== this.settings.partnerCode) throw new ForgedCallbackError(`MaDoiTac ${params.MaDoiTac ?? '(missing)'} is not this partner`);
    const amount = Number(params.SoTien);
    if (!/^\d+$/.test(params.SoTien ?? '') || !Number.isSafeInteger(amount) || amount <= 0) throw new ForgedCallbackError('SoTien must be a positive whole number of đồng');
    for (const field of ['MaThamChieu', 'MaGiaoDich', 'MaLoi'] as const) {
      if (!params[field]) throw new ForgedCallbackError(`${field} is missing`);
    }
    const paidAt = params.ThoiGianGD ? parseGatewayDate(params.ThoiGianGD) : undefined;
    return {
      txnRef: params.MaThamChieu,
      amount,
      transactionNo: params.MaGiaoDich,
      responseCode: params.MaLoi,
      success: params.MaLoi === PAID,
      ...(params.MaNganHang ? { bankCode: params.MaNganHang } : {}),
      ...(paidAt ? { paidAt } : {}),
    };
  }
}
