import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayDate } from '../vnpay-signature.js';
import { checksum, hasValidChecksum, INIT_FIELDS, NOTICE_FIELDS } from './national-checksum.js';
import { NOTICE_MESSAGE } from './national-payment.provider.js';

/**
 * A stand-in for the national payment platform (PayGov), which cannot run here. It registers
 * payments opened with a valid checksum, shows the payer a page to pay or cancel, then posts the
 * signed result notice to the partner's notice address and sends the browser back to its return
 * address with the same fields. It remembers every notice it sent, and can send one again, as a
 * platform retrying a notice whose answer it did not get. No money moves.
 */

export interface SandboxPaymentPlatformOptions {
  /** 0: any free port. */
  port?: number;
  partnerCode: string;
  secret: string;
}

/** Where the partner receives notices and payers, as registered with the platform's operator. */
export interface PartnerAddresses {
  noticeUrl: string;
  returnUrl: string;
}

interface Payment {
  id: string;
  request: Record<string, unknown>;
  amount: number;
  decided?: 'confirm' | 'cancel';
}

export interface SentNotice {
  notice: Record<string, string>;
  status: number;
  answer: unknown;
}

const money = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

export class SandboxPaymentPlatform {
  private server?: Server;
  private readonly payments = new Map<string, Payment>();
  private partner?: PartnerAddresses;
  /** Every notice posted to the partner, in order, with its answer. */
  readonly notices: SentNotice[] = [];
  /** Every request to open a payment, and whether it was accepted. */
  readonly openings: { request: Record<string, unknown>; accepted: boolean }[] = [];

  private constructor(private readonly options: SandboxPaymentPlatformOptions) {}

  static async start(options: SandboxPaymentPlatformOptions): Promise<SandboxPaymentPlatform> {
    const sandbox = new SandboxPaymentPlatform(options);
    sandbox.server = createServer((req, res) => void sandbox.handle(req, res));
    await new Promise<void>((resolve) => sandbox.server!.listen(options.port ?? 0, '127.0.0.1', resolve));
    return sandbox;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The address partners open payments at. */
  get initUrl(): string {
    return `${this.url}/api/giao-dich/khoi-tao`;
  }

  register(addresses: PartnerAddresses): void {
    this.partner = addresses;
  }

  /** Posts the last notice of a payment again, unchanged. */
  async resend(txnRef: string): Promise<SentNotice> {
    const sent = [...this.notices].reverse().find((n) => n.notice.MaThamChieu === txnRef);
    if (!sent) throw new Error(`no notice sent for ${txnRef}`);
    return this.post(sent.notice);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.url);
      const page = /^\/thanh-toan\/([0-9a-f]{32})$/.exec(url.pathname);
      if (req.method === 'POST' && url.pathname === '/api/giao-dich/khoi-tao') return this.open(JSON.parse(await body(req)) as Record<string, unknown>, res);
      if (page && req.method === 'GET') return this.showPage(page[1], res);
      if (page && req.method === 'POST') return await this.decide(page[1], new URLSearchParams(await body(req)).get('decision'), res);
      send(res, 404, 'text/plain', 'not found');
    } catch (error) {
      send(res, 500, 'text/plain', (error as Error).message);
    }
  }

  private open(request: Record<string, unknown>, res: ServerResponse): void {
    const refuse = (code: string, message: string) => {
      this.openings.push({ request, accepted: false });
      send(res, 200, 'application/json', JSON.stringify({ MaLoi: code, MoTaLoi: message }));
    };
    if (!hasValidChecksum(INIT_FIELDS, request, this.options.secret)) return refuse('02', 'Mã xác thực không hợp lệ');
    if (request.MaDoiTac !== this.options.partnerCode) return refuse('01', 'Mã đối tác không đúng');
    const amount = Number(request.SoTien);
    if (!Number.isSafeInteger(amount) || amount <= 0 || !request.MaThamChieu || !/^\d{14}$/.test(String(request.ThoiGianGD))) {
      return refuse('03', 'Thiếu hoặc sai thông tin giao dịch');
    }
    const id = randomBytes(16).toString('hex');
    this.payments.set(id, { id, request, amount });
    this.openings.push({ request, accepted: true });
    send(res, 200, 'application/json', JSON.stringify({ MaLoi: '00', MoTaLoi: 'Thành công', UrlThanhToan: `${this.url}/thanh-toan/${id}` }));
  }

  private showPage(id: string, res: ServerResponse): void {
    const payment = this.payments.get(id);
    if (!payment) return send(res, 404, 'text/html; charset=utf-8', layout('<p>Không tìm thấy giao dịch.</p>'));
    const receipt = (payment.request.ThongTinBienLai ?? {}) as { MaHoSo?: string; TenDonVi?: string };
    const form = payment.decided
      ? '<p>Giao dịch đã được xử lý.</p>'
      : `<form method="post"><button name="decision" value="confirm">Thanh toán</button><button name="decision" value="cancel" class="secondary">Hủy giao dịch</button></form>`;
    send(
      res,
      200,
      'text/html; charset=utf-8',
      layout(`<h1>Nền tảng thanh toán trực tuyến – thử nghiệm</h1>
<p class="note">Môi trường thử nghiệm của Cổng Dịch vụ công quốc gia: không có giao dịch tiền thật.</p>
<dl>
<dt>Đơn vị thụ hưởng</dt><dd>${escape(receipt.TenDonVi ?? '')}</dd>
<dt>Mã hồ sơ</dt><dd>${escape(receipt.MaHoSo ?? '')}</dd>
<dt>Mã tham chiếu</dt><dd>${escape(String(payment.request.MaThamChieu))}</dd>
<dt>Số tiền</dt><dd><strong>${money(payment.amount)}</strong></dd>
</dl>${form}`),
    );
  }

  private async decide(id: string, decision: string | null, res: ServerResponse): Promise<void> {
    const payment = this.payments.get(id);
    if (!payment || payment.decided || (decision !== 'confirm' && decision !== 'cancel') || !this.partner) {
      return send(res, 400, 'text/html; charset=utf-8', layout('<p>Giao dịch không thể thực hiện.</p>'));
    }
    payment.decided = decision;
    const notice: Record<string, string> = {
      LoaiBanTin: NOTICE_MESSAGE,
      MaLoi: decision === 'confirm' ? '00' : '24',
      MaDoiTac: this.options.partnerCode,
      MaThamChieu: String(payment.request.MaThamChieu),
      SoTien: String(payment.amount),
      MaTienTe: 'VND',
      // The platform's own number for the transaction: the same payment always carries the same one.
      MaGiaoDich: `PG${createHmac('sha256', this.options.secret).update(id).digest('hex').slice(0, 12).toUpperCase()}`,
      MaNganHang: 'NCB',
      ThoiGianGD: gatewayDate(new Date()),
      ThongTinGiaoDich: typeof payment.request.ThongTinGiaoDich === 'string' ? payment.request.ThongTinGiaoDich : '',
    };
    notice.MaXacThuc = checksum(NOTICE_FIELDS, notice, this.options.secret);
    await this.post(notice);
    res.writeHead(303, { location: `${this.partner.returnUrl}?${new URLSearchParams(notice).toString()}` }).end();
  }

  private async post(notice: Record<string, string>): Promise<SentNotice> {
    const response = await fetch(this.partner!.noticeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) });
    const sent = { notice, status: response.status, answer: (await response.json()) as unknown };
    this.notices.push(sent);
    return sent;
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type }).end(text);
}

function layout(content: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thanh toán trực tuyến</title><style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;border:0;border-radius:4px;background:#c8102e;color:#fff;cursor:pointer}
button.secondary{background:#777}.note{color:#555}
</style></head><body>${content}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
