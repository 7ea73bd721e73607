import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxPage } from './sandbox-page.js';

/**
 * A stand-in for the national public service portal, for tests and demonstrations where the real
 * one cannot be reached. It answers the calls a province's system makes (sign-in, DongBoHoSoMC,
 * CapNhatTienDoHoSoMC) and checks each against the contract as docs/national-portal.md records it:
 * the session and `madonvi`, the required fields, the dossier's lists (documents, fees,
 * supplements, results: files as fetchable addresses), status codes 1–10, and the order of
 * statuses of the one-stop flow. It remembers what it accepted and what it refused, and it files dossiers with
 * the platform as the portal does (`file` and `deliver`, or POST /api/dossiers when it runs alone),
 * and shows what it received on its page (GET /). It can be taken down and brought back on the same port.
 */

export interface SandboxPortalOptions {
  /** 0: any free port. */
  port?: number;
  username: string;
  password: string;
  /** MaDinhDanhDV of the province it expects in every call. */
  agencyId: string;
  /** Where it delivers dossiers filed on it (the platform's base URL) and the secret it presents. */
  platformUrl?: string;
  inboundSecret?: string;
}

/** A dossier as the sandbox holds it: its record and the statuses it went through, in order. */
export interface SandboxDossier {
  code: string;
  record?: Record<string, unknown>;
  statuses: number[];
  /** Accepted progress steps (CapNhatTienDoHoSoMC records), each once. */
  steps: Record<string, unknown>[];
}

export interface SandboxCall {
  service: string;
  accepted: boolean;
  /** Why it was refused, or `repeat` for a step it already had. */
  note?: string;
  data: unknown;
}

/** A dossier filed on the sandbox, in the shape the platform's inbound endpoint takes. */
export interface FiledDossier {
  MaTTHC: string;
  MaDinhDanhDV?: string;
  ChuHoSo: { HoTen: string; SoDinhDanh: string; Email?: string; SoDienThoai?: string; DiaChi?: string };
  DuLieuToKhai: Record<string, unknown>;
  TaiLieuNop: { TenGiayTo: string; TenTep: string; NoiDung: string }[];
}

/**
 * Which status may follow which, as codes, in the one-stop flow (Decree 61/2018/NĐ-CP arts. 18–21,
 * amended by Decree 107/2021/NĐ-CP): received, refused or sent back at the counter; processed,
 * paused for a supplement or a fee and resumed; withdrawn or stopped; done; returned.
 */
const NEXT: Readonly<Record<number, readonly number[]>> = {
  1: [2, 3, 5, 6, 7, 8],
  2: [4, 5, 6, 7, 8, 9],
  3: [],
  4: [5, 6, 7, 8, 9],
  5: [1, 2, 3, 4, 7, 8],
  6: [1, 2, 4, 7, 8, 9],
  7: [],
  8: [],
  9: [6, 10],
  10: [],
};

const PORTAL_TIME = /^\d{14}$/;

class Refusal extends Error {}

export class SandboxPortal {
  private server?: Server;
  private port: number;
  private readonly sessions = new Set<string>();
  private readonly dossiers = new Map<string, SandboxDossier>();
  private readonly filed = new Map<string, FiledDossier & { MaHoSo: string }>();
  private sequence = 0;
  readonly calls: SandboxCall[] = [];

  private constructor(private readonly options: SandboxPortalOptions) {
    this.port = options.port ?? 0;
  }

  static async start(options: SandboxPortalOptions): Promise<SandboxPortal> {
    const sandbox = new SandboxPortal(options);
    await sandbox.resume();
    return sandbox;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get authUrl(): string {
    return `${this.url}/api/auth`;
  }

  get serviceUrl(): string {
    return `${this.url}/api/service`;
  }

  /** Listens (again) on its port; what it received before is kept. */
  async resume(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Takes the portal down: connections are refused until `resume`. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where filed dossiers are delivered, once the platform's address is known. */
  connect(platformUrl: string, inboundSecret: string): void {
    this.options.platformUrl = platformUrl;
    this.options.inboundSecret = inboundSecret;
  }

  dossier(code: string): SandboxDossier | undefined {
    return this.dossiers.get(code);
  }

  /** A citizen files a dossier on the portal: it gets the portal's code and status 1 (Mới đăng ký). */
  file(dossier: FiledDossier): string {
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');
    const code = `SBX-${day}-${String(++this.sequence).padStart(4, '0')}`;
    this.filed.set(code, { MaHoSo: code, ...dossier });
    this.dossiers.set(code, { code, statuses: [1], steps: [] });
    return code;
  }

  /** Delivers a filed dossier to the platform (again, when called again): the platform's answer. */
  async deliver(code: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const dossier = this.filed.get(code);
    if (!dossier) throw new Error(`No dossier ${code} was filed on the sandbox`);
    if (!this.options.platformUrl || !this.options.inboundSecret) throw new Error('The sandbox was started without platformUrl and inboundSecret');
    const response = await fetch(`${this.options.platformUrl}/api/national-portal/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.inboundSecret}` },
      body: JSON.stringify(dossier),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let answer: Record<string, unknown>;
    // What the portal shows of a dossier: its record, statuses and steps as received.
    const shown = request.method === 'GET' ? /^\/api\/dossiers\/([^/]+)$/.exec(request.url ?? '') : null;
    if (shown) {
      const dossier = this.dossiers.get(decodeURIComponent(shown[1]));
      response.writeHead(dossier ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(dossier ?? { message: 'Không có hồ sơ' }));
      return;
    }
    if (request.method === 'GET' && request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sandboxPage([...this.dossiers.values()]));
      return;
    }
    try {
      const body = await readJson(request);
      if (request.method === 'POST' && request.url === '/api/dossiers') answer = await this.fileAndDeliver(body as unknown as FiledDossier);
      else if (request.method === 'POST' && request.url === '/api/auth') answer = this.signIn(body);
      else if (request.method === 'POST' && request.url === '/api/service') answer = this.service(body);
      else {
        response.writeHead(404).end();
        return;
      }
    } catch (error) {
      answer = { error_code: '-1', message: (error as Error).message };
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  /** A citizen files on the portal and the portal delivers it: the code it gave and the platform's answer. */
  private async fileAndDeliver(dossier: FiledDossier): Promise<Record<string, unknown>> {
    const code = this.file(dossier);
    return { MaHoSo: code, platform: await this.deliver(code) };
  }

  private signIn(body: Record<string, unknown>): Record<string, unknown> {
    if (body.username !== this.options.username || body.password !== this.options.password) return { error_code: '1', message: 'Sai tên đăng nhập hoặc mật khẩu' };
    const session = randomBytes(16).toString('hex');
    this.sessions.add(session);
    return { error_code: 0, session };
  }

  private service(body: Record<string, unknown>): Record<string, unknown> {
    const service = String(body.service);
    const data = body.data;
    try {
      if (typeof body.session !== 'string' || !this.sessions.has(body.session)) throw new Refusal('Phiên làm việc không hợp lệ');
      if (body.madonvi !== this.options.agencyId) throw new Refusal(`madonvi ${String(body.madonvi)} không phải ${this.options.agencyId}`);
      if (!Array.isArray(data) || data.length === 0) throw new Refusal('data phải là danh sách có ít nhất một bản ghi');
      const notes: string[] = [];
      for (const item of data as Record<string, unknown>[]) {
        if (service === 'DongBoHoSoMC') this.syncDossier(item, body.isUpdating === 'True');
        else if (service === 'CapNhatTienDoHoSoMC') notes.push(this.updateProgress(item));
        else throw new Refusal(`Dịch vụ ${service} không có`);
      }
      const note = notes.find((n) => n) || undefined;
      this.calls.push({ service, accepted: true, note, data });
      return { error_code: '0', message: 'Thành công' };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.calls.push({ service, accepted: false, note: error.message, data });
      return { error_code: '-1', message: error.message };
    }
  }

  private syncDossier(record: Record<string, unknown>, updating: boolean): void {
    for (const field of ['MaHoSo', 'MaTTHC', 'ChuHoSo', 'DonViXuLy']) required(record, field);
    for (const field of ['NgayTiepNhan']) time(record, field, true);
    for (const field of ['NgayHenTra', 'NgayTra']) time(record, field, false);
    checkContent(record);
    const status = statusCode(record.TrangThaiHoSo, 'TrangThaiHoSo');
    const code = String(record.MaHoSo);
    const known = this.dossiers.get(code);
    if (updating && !known) throw new Refusal(`Hồ sơ ${code} chưa có trên Cổng (isUpdating=True)`);
    if (!updating && known) throw new Refusal(`Hồ sơ ${code} đã có trên Cổng (isUpdating=False)`);
    const dossier = known ?? { code, statuses: [], steps: [] };
    const current = dossier.statuses.at(-1);
    if (current !== undefined && current !== status && !NEXT[current].includes(status)) throw new Refusal(`Trạng thái ${status} không thể theo sau ${current}`);
    if (current !== status) dossier.statuses.push(status);
    dossier.record = record;
    this.dossiers.set(code, dossier);
  }

  /** Returns `repeat` for a step it already holds: accepted again, recorded once. */
  private updateProgress(step: Record<string, unknown>): string {
    for (const field of ['MaHoSo', 'NguoiXuLy', 'NoiDungXuLy']) required(step, field);
    time(step, 'ThoiDiemXuLy', true);
    const status = statusCode(step.TrangThai, 'TrangThai');
    const dossier = this.dossiers.get(String(step.MaHoSo));
    if (!dossier) throw new Refusal(`Hồ sơ ${String(step.MaHoSo)} chưa có trên Cổng`);
    if (dossier.steps.some((s) => s.ThoiDiemXuLy === step.ThoiDiemXuLy && s.TrangThai === step.TrangThai && s.NoiDungXuLy === step.NoiDungXuLy)) return 'repeat';
    const current = dossier.statuses.at(-1)!;
    if (!NEXT[current].includes(status)) throw new Refusal(`Trạng thái ${status} không thể theo sau ${current}`);
    dossier.statuses.push(status);
    dossier.steps.push(step);
    return '';
  }
}

/**
 * The five lists of DongBoHoSoMC, each optional ("ko bb" in OpenCPS createSyncDossierBodyRequest),
 * with the fields read there: a file is an address the portal can fetch, a price is whole đồng.
 */
function checkContent(record: Record<string, unknown>): void {
  for (const file of list(record, 'TaiLieuNop')) checkFile(file);
  for (const fee of list(record, 'DanhSachLePhi')) checkFee(fee);
  for (const other of list(record, 'DanhSachTepDinhKemKhac')) required(other, 'TenGiayTo');
  for (const request of list(record, 'DanhSachHoSoBoSung')) {
    for (const field of ['HoSoBoSungId', 'NoiDungBoSung']) required(request, field);
    time(request, 'NgayBoSung', true);
    for (const field of ['NgayTiepNhanBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi']) time(request, field, false);
    flag(request, 'TrangThaiBoSung');
    for (const file of list(request, 'DanhSachGiayToBoSung')) checkFile(file);
    for (const fee of list(request, 'DanhSachLePhiBoSung')) checkFee(fee);
  }
  for (const result of list(record, 'DanhSachGiayToKetQua')) {
    required(result, 'TenGiayTo');
    address(result, 'DuongDanTepTinKetQua');
  }
}

function checkFile(file: Record<string, unknown>): void {
  required(file, 'TenTepDinhKem');
  address(file, 'DuongDanTaiTepTin');
  flag(file, 'IsDeleted');
}

function checkFee(fee: Record<string, unknown>): void {
  required(fee, 'TenPhiLePhi');
  if (typeof fee.Gia !== 'string' || !/^\d+$/.test(fee.Gia)) throw new Refusal('Gia phải là số đồng');
}

function address(record: Record<string, unknown>, field: string): void {
  required(record, field);
  let url: URL;
  try {
    url = new URL(String(record[field]));
  } catch {
    throw new Refusal(`${field} phải là địa chỉ tải tệp`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Refusal(`${field} phải là địa chỉ http(s)`);
}

/** The portal's booleans are text, as isUpdating is. */
function flag(record: Record<string, unknown>, field: string): void {
  if (record[field] !== 'True' && record[field] !== 'False') throw new Refusal(`${field} phải là True hoặc False`);
}

function required(record: Record<string, unknown>, field: string): void {
  if (typeof record[field] !== 'string' || record[field] === '') throw new Refusal(`Thiếu ${field}`);
}

function list(record: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const value = record[field];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => !item || typeof item !== 'object')) throw new Refusal(`${field} phải là danh sách bản ghi`);
  return value as Record<string, unknown>[];
}

function time(record: Record<string, unknown>, field: string, mandatory: boolean): void {
  const value = record[field];
  if (!mandatory && (value === undefined || value === '')) return;
  if (typeof value !== 'string' || !PORTAL_TIME.test(value)) throw new Refusal(`${field} phải có dạng yyyyMMddHHmmss`);
}

function statusCode(value: unknown, field: string): number {
  const code = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(code) || code < 1 || code > 10) throw new Refusal(`${field} phải là mã trạng thái từ 1 đến 10`);
  return code;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('Body is not a JSON object');
  return value as Record<string, unknown>;
}
