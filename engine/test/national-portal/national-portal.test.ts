import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { dossiers } from '../../src/dossiers/dossier.schema.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { nationalPortalDossiers, nationalPortalOutbox } from '../../src/national-portal/national-portal.schema.js';
import { issuedDocuments } from '../../src/verification/verification.schema.js';
import { SandboxPortal } from '../../src/national-portal/sandbox/sandbox-portal.js';
import { APPROVE, appraisal, CASES, CRITERIA, LEADER_PIN, RECEIVE, RETURN_AT_COUNTER } from '../dossiers/fixtures.js';
import { DossierPlatform, PDF, waitFor, type Dossier } from '../dossiers/support.js';
import type { Schemas } from '../support/api-types.js';
import { backendName } from '../support/database.js';

const BIRTH = CASES['dang-ky-khai-sinh'];
type Indicators = Schemas['IndicatorsDto'];
/** Electronic identifier of phường Hồng Hà in the agency directory (processes/agencies.json; Decision 20/2020/QĐ-TTg). */
const HONG_HA_ID = '000.21.00.H40';
/** A personal identification number no demo dossier uses (12 digits, Decree 137/2015/NĐ-CP art. 13). */
const APPLICANT_ID = '022095007788';
/** The birth registration's one fee as its catalogue lists it (processes/dang-ky-khai-sinh/procedure.json: free when on time, Luật Hộ tịch art. 11). */
const BIRTH_FEE = { TenPhiLePhi: 'Lệ phí đăng ký khai sinh', MaPhiLePhi: 'LP-KS', HinhThucThu: '', Gia: '0', LoaiPhiLePhi: '' };

/** What the portal gets when it fetches a file address it was sent, as the portal would: no token. */
async function fetchAsPortal(address: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(address);
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
}

/** The address with its signature's last character changed. */
function tampered(address: string): string {
  const last = address.at(-1) === 'A' ? 'B' : 'A';
  return address.slice(0, -1) + last;
}

/**
 * The national public service portal cannot run here: the sandbox portal stands in for it, over
 * real HTTP, checking every call against the contract recorded in docs/national-portal.md. The
 * status codes expected below are the portal's ten TrangThaiHoSo codes listed there: 1 Mới đăng ký,
 * 2 Được tiếp nhận, 4 Đang xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.
 */
describe(`dossiers from the national portal and their statuses back to it (${backendName})`, () => {
  const secret = randomBytes(24).toString('hex');
  const password = randomBytes(12).toString('hex');
  let sandbox: SandboxPortal;
  let p: DossierPlatform;
  let db: Database;
  let portalCode: string;
  let dossier: Dossier;

  before(async () => {
    sandbox = await SandboxPortal.start({ username: 'qn-motcua', password, agencyId: '000.00.00.H40' });
    p = await DossierPlatform.start({
      NATIONAL_PORTAL_AUTH_URL: sandbox.authUrl,
      NATIONAL_PORTAL_SERVICE_URL: sandbox.serviceUrl,
      NATIONAL_PORTAL_USERNAME: 'qn-motcua',
      NATIONAL_PORTAL_PASSWORD: password,
      NATIONAL_PORTAL_AGENCY_ID: '000.00.00.H40',
      NATIONAL_PORTAL_INBOUND_SECRET: secret,
      // A short back-off cap, so that a portal back after an outage is served within seconds.
      NATIONAL_PORTAL_RETRY_MAX_SECONDS: '2',
    });
    sandbox.connect(p.site.baseUrl, secret);
    db = p.platform.app.get<Database>(DATABASE);
  });
  after(async () => {
    await p?.close();
    await sandbox?.stop();
  });

  /** The portal's statuses of the dossier once it holds `count` of them. */
  function statusesOnPortal(count: number): Promise<number[]> {
    return waitFor(`${count} statuses of ${portalCode} on the sandbox portal`, async () => {
      const statuses = sandbox.dossier(portalCode)?.statuses;
      return statuses && statuses.length >= count ? [...statuses] : undefined;
    }, 60_000);
  }

  test('a dossier filed on the portal is filed once with the competent agency, even when delivered twice', async () => {
    const catalogue = (await (await p.request(undefined, `/api/public/procedures/${BIRTH.slug}`)).json()) as { code: string; requiredDocuments: { name: string; mandatory: boolean }[] };
    const wrong = await fetch(`${p.site.baseUrl}/api/national-portal/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-secret' }, body: '{}' });
    assert.equal(wrong.status, 401, 'only the portal, with the shared secret, delivers dossiers');

    // The citizen files on the portal, which delivers the dossier; then the portal delivers it again.
    const filed = await fetch(`${sandbox.url}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        MaTTHC: catalogue.code,
        MaDinhDanhDV: HONG_HA_ID,
        ChuHoSo: { HoTen: 'Nguyễn Văn An', SoDinhDanh: APPLICANT_ID, SoDienThoai: '0912345678' },
        DuLieuToKhai: { ...BIRTH.application, nguoiYeuCauSoDinhDanh: APPLICANT_ID },
        TaiLieuNop: catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ TenGiayTo: d.name, TenTep: 'giay-to.pdf', NoiDung: PDF.toString('base64') })),
      }),
    });
    const { MaHoSo, platform: first } = (await filed.json()) as { MaHoSo: string; platform: { status: number; body: Record<string, unknown> } };
    portalCode = MaHoSo;
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.created, true);
    const again = await sandbox.deliver(portalCode);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.created, false);
    assert.equal(again.body.dossierId, first.body.dossierId, 'the second delivery finds the first dossier');

    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(eq(dossiers.applicantIdNumber, APPLICANT_ID));
    assert.equal(n, 1, 'one dossier for the two deliveries');
    const [link] = await db.select().from(nationalPortalDossiers).where(eq(nationalPortalDossiers.portalCode, portalCode));
    assert.equal(link.dossierId, first.body.dossierId, 'the portal code is kept');

    // In the reception queue of the competent agency, like an online submission.
    const queued = await p.task(`reception.${BIRTH.staff}`, String(first.body.dossierId), 'Task_TiepNhan');
    assert.equal(queued.dossier.nationalPortalCode, portalCode, 'the worklist marks it as filed on the portal');
    dossier = await p.dossier(`reception.${BIRTH.staff}`, String(first.body.dossierId));
    assert.equal(dossier.agencyCode, BIRTH.agency);
    assert.equal(dossier.status, 'new');
    assert.equal(dossier.channel, 'online');
    assert.equal(dossier.nationalPortalCode, portalCode, 'the officers see the code the applicant knows it by');
    assert.equal(dossier.applicant?.fullName, 'Nguyễn Văn An');
    assert.equal(dossier.attachments.length, catalogue.requiredDocuments.filter((d) => d.mandatory).length);

    // The portal receives the platform's record of it, still Mới đăng ký (1), with the receipt code.
    const record = await waitFor('the dossier record on the portal', async () => sandbox.dossier(portalCode)?.record);
    assert.equal(record.SoBienNhan, dossier.code);
    assert.equal(record.TrangThaiHoSo, '1');
    // Its content, in DongBoHoSoMC's lists (OpenCPS DVCQGIntegrationActionImpl.createSyncDossierBodyRequest,
    // docs/national-portal.md): each document handed in by an address the portal fetches it from.
    const submitted = record.TaiLieuNop as Record<string, string>[];
    assert.deepEqual(
      submitted.map((f) => [f.TepDinhKemId, f.TenTepDinhKem, f.IsDeleted]),
      dossier.attachments.map((a) => [a.fileId, 'giay-to.pdf', 'False']),
    );
    for (const file of submitted) {
      assert.match(file.DuongDanTaiTepTin, new RegExp(`^${p.site.baseUrl}/api/national-portal/files/${file.TepDinhKemId}/[A-Za-z0-9_-]{43}$`));
      const fetched = await fetchAsPortal(file.DuongDanTaiTepTin);
      assert.equal(fetched.status, 200);
      assert.ok(fetched.body.equals(PDF), 'the file as the citizen handed it in on the portal');
    }
    assert.deepEqual(record.DanhSachLePhi, [BIRTH_FEE]);
    assert.deepEqual([record.DanhSachTepDinhKemKhac, record.DanhSachHoSoBoSung, record.DanhSachGiayToKetQua], [[], [], []]);
    assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'no call refused by the portal');
  });

  test('its status changes reach the portal in order', async () => {
    const received = await p.completeStep(`reception.${BIRTH.staff}`, dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep(`specialist.${BIRTH.staff}`, dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[BIRTH.slug]));
    assert.deepEqual(await statusesOnPortal(3), [1, 2, 4]);
    const steps = sandbox.dossier(portalCode)!.steps;
    assert.deepEqual(steps.map((s) => s.TrangThai), ['2', '4']);
    assert.equal(steps[0].NguoiXuLy, demoAccount(`reception.${BIRTH.staff}`).displayName, 'who received it is named');
    // The appointment given at receipt, as the portal writes times: yyyyMMddHHmmss in Vietnam time (UTC+7).
    const due = new Date(Date.parse(received.dueDate) + 7 * 3_600_000).toISOString();
    assert.equal(steps[0].NgayKetThucTheoQuyDinh, due.slice(0, 4) + due.slice(5, 7) + due.slice(8, 10) + due.slice(11, 13) + due.slice(14, 16) + due.slice(17, 19));
    assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'no call refused by the portal');
  });

  test('changes made while the portal is down are all delivered once it is back, in order, none twice', async () => {
    await sandbox.stop();
    await p.completeStep(`leader.${BIRTH.staff}`, dossier.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep(`clerk.${BIRTH.staff}`, dossier.id, 'Task_KySoVanThu', BIRTH.numbering);
    await p.waitForStatus(`reception.${BIRTH.staff}`, dossier.id, 'done');
    await p.completeStep(`reception.${BIRTH.staff}`, dossier.id, 'Task_TraKetQua', RETURN_AT_COUNTER);
    // Both changes wait in the outbox, with the returned dossier's record and its result after them;
    // the first was tried and failed, the others wait behind it.
    const pending = await waitFor('a failed attempt on the first waiting change', async () => {
      const rows = await db
        .select()
        .from(nationalPortalOutbox)
        .where(and(eq(nationalPortalOutbox.dossierId, dossier.id), eq(nationalPortalOutbox.status, 'pending')))
        .orderBy(nationalPortalOutbox.position);
      return rows.length === 3 && rows[0].attempts >= 1 ? rows : undefined;
    }, 30_000);
    assert.deepEqual(pending.map((r) => [r.service, r.payload.TrangThai ?? r.payload.TrangThaiHoSo]), [['CapNhatTienDoHoSoMC', '9'], ['CapNhatTienDoHoSoMC', '10'], ['DongBoHoSoMC', '10']]);
    assert.equal(pending[1].attempts, 0, 'a later change is not sent before the earlier one');
    assert.deepEqual(sandbox.dossier(portalCode)!.statuses, [1, 2, 4], 'nothing reached the portal while it was down');
    // The supervisor's dashboard shows the backlog and the failure.
    const down = (await p.call<Indicators>('supervisor', '/api/statistics/indicators')).portalSync;
    assert.equal(down.connected, true);
    assert.equal(down.pending, 3);
    assert.ok(down.failing >= 1, 'the change tried while the portal was down counts as failing');
    assert.ok(down.lastError, 'with the error the portal call ended in');
    assert.ok(down.oldestPendingAt && Date.parse(down.oldestPendingAt) <= Date.now());

    await sandbox.resume();
    assert.deepEqual(await statusesOnPortal(5), [1, 2, 4, 9, 10]);

    // A delivery the portal accepted but whose answer was lost is sent again: the portal keeps one step.
    const [last] = await db.select().from(nationalPortalOutbox).where(eq(nationalPortalOutbox.id, pending[1].id));
    await waitFor('the last change delivered', async () => ((await db.select().from(nationalPortalOutbox).where(eq(nationalPortalOutbox.id, last.id)))[0].status === 'delivered' ? true : undefined));
    await db.update(nationalPortalOutbox).set({ status: 'pending', nextAttemptAt: new Date() }).where(eq(nationalPortalOutbox.id, last.id));
    await waitFor('the change delivered again', async () => ((await db.select().from(nationalPortalOutbox).where(eq(nationalPortalOutbox.id, last.id)))[0].status === 'delivered' ? true : undefined));
    assert.equal(sandbox.calls.filter((c) => c.note === 'repeat').length, 1, 'the portal saw the repeat');
    const onPortal = sandbox.dossier(portalCode)!;
    assert.deepEqual(onPortal.statuses, [1, 2, 4, 9, 10], 'the repeat changed nothing on the portal');
    assert.equal(onPortal.steps.length, 4, 'one step per change');
    assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'no call refused by the portal');
  });

  test('the returned dossier’s record on the portal lists its signed result, which the portal fetches by its link', async () => {
    // DanhSachGiayToKetQua with TenGiayTo, MaThanhPhanHoSo, GiayToId, DuongDanTepTinKetQua: OpenCPS
    // DVCQGIntegrationActionImpl.createSyncDossierBodyRequest (docs/national-portal.md).
    const record = await waitFor('the returned record on the portal', async () => {
      const held = sandbox.dossier(portalCode)?.record;
      return held?.TrangThaiHoSo === '10' ? held : undefined;
    });
    assert.match(String(record.NgayTra), /^\d{14}$/, 'the day it was returned');
    const results = record.DanhSachGiayToKetQua as Record<string, string>[];
    assert.equal(results.length, 1, JSON.stringify(record));
    const [result] = results;
    // The procedure's result as its catalogue entry names it (processes/dang-ky-khai-sinh/procedure.json, resultType).
    assert.equal(result.TenGiayTo, 'Giấy khai sinh (bản chính) và bản sao trích lục nếu có yêu cầu');
    const [issued] = await db.select().from(issuedDocuments).where(eq(issuedDocuments.id, result.GiayToId));
    assert.equal(result.DuongDanTepTinKetQua.startsWith(`${p.site.baseUrl}/api/national-portal/files/${issued.fileId}/`), true, result.DuongDanTepTinKetQua);
    const fetched = await fetchAsPortal(result.DuongDanTepTinKetQua);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.type, 'application/pdf');
    assert.equal(createHash('sha256').update(fetched.body).digest('hex'), issued.sha256, 'the result as issued, with its signatures');
    const form = new FormData();
    form.append('file', new Blob([fetched.body]), 'ket-qua.pdf');
    const checked = await p.call<Schemas['UploadVerificationDto']>('citizen1', '/api/verify', { method: 'POST', body: form });
    assert.equal(checked.valid, true);
    assert.equal(checked.signatures.length, 2, 'signed by the leader and sealed by the clerk');

    // Only the links the platform gave out open a file: no token, but no guessing either.
    assert.equal((await fetchAsPortal(tampered(result.DuongDanTepTinKetQua))).status, 404, 'a tampered signature');
    const otherFile = (sandbox.dossier(portalCode)!.record!.TaiLieuNop as Record<string, string>[])[0].TepDinhKemId;
    assert.equal((await fetchAsPortal(result.DuongDanTepTinKetQua.replace(issued.fileId, otherFile))).status, 404, 'another file under this signature');
    assert.equal((await fetchAsPortal(`${p.site.baseUrl}/api/national-portal/files/${issued.fileId}`)).status, 404, 'no signature');
  });

  test('a dossier filed here and not on the portal is not synced unless NATIONAL_PORTAL_SYNC=all', async () => {
    const own = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    assert.equal((await p.task(`reception.${BIRTH.staff}`, own.id, 'Task_TiepNhan')).dossier.nationalPortalCode, null);
    const received = await p.completeStep(`reception.${BIRTH.staff}`, own.id, 'Task_TiepNhan', RECEIVE);
    assert.equal(received.status, 'received');
    assert.deepEqual(await db.select().from(nationalPortalOutbox).where(eq(nationalPortalOutbox.dossierId, own.id)), []);
  });

  test('the dashboard scores the share of received dossiers the portal holds up to date (Decision 766, 1.2)', async () => {
    const answer = await p.call<Indicators>('supervisor', '/api/statistics/indicators');
    // Decision 766/QĐ-TTg indicator 1.2 as the national portal publishes it: dossiers synced ÷
    // dossiers received. Received this year here: the portal's dossier, all of it delivered, and
    // the one filed here (not synced under NATIONAL_PORTAL_SYNC=portal).
    const synced = answer.decision766.indicators.find((i) => i.id === '1.2')!;
    assert.deepEqual([synced.computable, synced.numerator, synced.denominator, synced.value, synced.reason], [true, 1, 2, 50, null]);
    assert.deepEqual([answer.portalSync.pending, answer.portalSync.failing, answer.portalSync.scope], [0, 0, 'portal']);
    assert.ok(answer.portalSync.lastDeliveredAt, 'when the portal last accepted a change');
  });
});

describe(`every dossier synced with NATIONAL_PORTAL_SYNC=all (${backendName})`, () => {
  let sandbox: SandboxPortal;
  let p: DossierPlatform;

  before(async () => {
    const password = randomBytes(12).toString('hex');
    sandbox = await SandboxPortal.start({ username: 'qn-motcua', password, agencyId: '000.00.00.H40' });
    p = await DossierPlatform.start({
      NATIONAL_PORTAL_AUTH_URL: sandbox.authUrl,
      NATIONAL_PORTAL_SERVICE_URL: sandbox.serviceUrl,
      NATIONAL_PORTAL_USERNAME: 'qn-motcua',
      NATIONAL_PORTAL_PASSWORD: password,
      NATIONAL_PORTAL_AGENCY_ID: '000.00.00.H40',
      NATIONAL_PORTAL_SYNC: 'all',
    });
  });
  after(async () => {
    await p?.close();
    await sandbox?.stop();
  });

  test('a dossier filed here reaches the portal under its own code, then its steps', async () => {
    const own = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.completeStep(`reception.${BIRTH.staff}`, own.id, 'Task_TiepNhan', RECEIVE);
    // Sent whole as it was before receipt (1, Mới đăng ký), then the receipt (2, Được tiếp nhận).
    const onPortal = await waitFor(`${own.code} received on the sandbox portal`, async () => {
      const held = sandbox.dossier(own.code);
      return held && held.statuses.length >= 2 ? held : undefined;
    }, 60_000);
    assert.deepEqual(onPortal.statuses, [1, 2]);
    assert.equal(onPortal.record?.MaTTHC, '1.001193', 'the national catalogue code of the procedure (processes/dang-ky-khai-sinh/procedure.json)');
    assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'no call refused by the portal');
  });

  test('a supplement request and the applicant’s answer reach the portal in the dossier’s record', async () => {
    const own = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>('citizen1', `/api/public/procedures/${BIRTH.slug}`);
    const missing = catalogue.requiredDocuments.find((d) => d.mandatory)!.name;
    await p.completeStep(`reception.${BIRTH.staff}`, own.id, 'Task_TiepNhan', { receptionDecision: 'supplement', reasons: 'Giấy tờ chụp mờ.', missingItems: [missing] });
    /** The supplement requests in the dossier's record on the portal, once it holds the record of `status` with `ready` requests. */
    const requestsOnPortal = (status: string, ready: (requests: Record<string, unknown>[]) => boolean) =>
      waitFor(`the supplement requests of ${own.code} on the sandbox portal`, async () => {
        const record = sandbox.dossier(own.code)?.record;
        const requests = record?.DanhSachHoSoBoSung as Record<string, unknown>[] | undefined;
        return record?.TrangThaiHoSo === status && requests && ready(requests) ? requests : undefined;
      }, 60_000);

    // DanhSachHoSoBoSung's fields as OpenCPS createSyncDossierBodyRequest names them (docs/national-portal.md).
    const [asked] = await requestsOnPortal('5', (r) => r.length === 1);
    assert.deepEqual(sandbox.dossier(own.code)!.statuses, [1, 5], 'Mới đăng ký, then Yêu cầu bổ sung giấy tờ');
    assert.equal(asked.NguoiYeuCauBoSung, demoAccount(`reception.${BIRTH.staff}`).displayName);
    assert.equal(asked.NoiDungBoSung, `Giấy tờ chụp mờ. Cần bổ sung: ${missing}.`);
    assert.match(String(asked.NgayBoSung), /^\d{14}$/);
    assert.deepEqual([asked.TrangThaiBoSung, asked.NgayTiepNhanBoSung, asked.DanhSachGiayToBoSung], ['False', '', []]);

    const answer = await p.upload('citizen1', 'giay-to-bo-sung.pdf');
    await p.call('citizen1', `/api/dossiers/${own.id}/supplement`, { json: { note: 'Bản rõ nét', attachments: [{ document: missing, fileId: answer }] } });
    const [answered] = await requestsOnPortal('1', (r) => r[0]?.TrangThaiBoSung === 'True');
    assert.equal(answered.HoSoBoSungId, asked.HoSoBoSungId, 'the same request, now answered');
    assert.equal(answered.ThongTinTiepNhan, 'Bản rõ nét');
    assert.match(String(answered.NgayTiepNhanBoSung), /^\d{14}$/);
    const [file] = answered.DanhSachGiayToBoSung as Record<string, string>[];
    assert.deepEqual([file.TepDinhKemId, file.TenTepDinhKem], [answer, 'giay-to-bo-sung.pdf']);
    const fetched = await fetchAsPortal(file.DuongDanTaiTepTin);
    assert.equal(fetched.status, 200);
    assert.ok(fetched.body.equals(PDF), 'the file the applicant sent');
    assert.deepEqual(sandbox.dossier(own.code)!.statuses, [1, 5, 1], 'back to Mới đăng ký, for reception again');

    // The sandbox shows what it received, as a person checking the exchange reads it.
    const page = await (await fetch(sandbox.url)).text();
    assert.match(page, /Giấy tờ chụp mờ\. Cần bổ sung/);
    assert.match(page, /Đã bổ sung ngày/);
    assert.match(page, /Lệ phí đăng ký khai sinh/);
    assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'no call refused by the portal');
  });
});
