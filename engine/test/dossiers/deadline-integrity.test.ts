import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { DossierJournalRepository } from '../../src/dossiers/dossier-journal.repository.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

/** Vietnamese wall-clock time → instant. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
/** Monday 7 January 2030, 08:00: an ordinary working week, no holiday near it. */
const MONDAY_0800 = vn('2030-01-07T08:00:00');
const BIRTH = CASES['dang-ky-khai-sinh'];
const BUSINESS = CASES['dang-ky-ho-kinh-doanh'];
/** To the minute: the platform clock keeps running for the seconds a step takes after it is set. */
const minute = (iso: string | null) => iso?.slice(0, 16);
const WINDOW = 'from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z';

interface Counts {
  key: string;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
}

/**
 * The deadline rules the platform enforces whatever a model does (docs/legal-basis.md): the
 * appointment counts from receipt; the applicant is asked to supplement once; one apology, sent at
 * least a working day before the appointment, naming a working day; the original appointment
 * stays, so a dossier that needed an apology stays late.
 */
describe(`deadline integrity (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  async function received(c: typeof BIRTH, at: Date): Promise<Dossier> {
    p.clock.set(at);
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep(`reception.${c.staff}`, submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.payFeeAtReceipt(c, submitted.id);
    return p.dossier('citizen1', submitted.id);
  }

  it('sets the appointment at receipt of the complete dossier, not at online submission', async () => {
    p.clock.set(MONDAY_0800);
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    assert.equal(submitted.dueDate, null, 'no appointment at online submission');
    // Received the next day at 09:00. Decree 61/2018 art. 15 counts the processing time from
    // receipt; birth registration is answered within 4 working hours (its catalogue entry). With
    // office hours 07:00–11:30 and 13:30–17:00: 2.5 h before noon, 1.5 h after → Tuesday 15:00.
    p.clock.set(vn('2030-01-08T09:00:00'));
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    const dossier = await p.dossier('citizen1', submitted.id);
    assert.equal(dossier.status, 'received');
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-08T15:00:00').toISOString()));
  });

  it('refuses a second supplement request with a clear reason (guide the applicant once)', async () => {
    p.clock.set(MONDAY_0800);
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', { receptionDecision: 'supplement', reasons: 'Thiếu giấy chứng sinh bản chính' });
    const birthCertificate = await p.upload('citizen1', 'giay-chung-sinh.pdf');
    const catalogue = await p.call<{ requiredDocuments: { name: string }[] }>('citizen1', `/api/public/procedures/${BIRTH.slug}`);
    await p.call('citizen1', `/api/dossiers/${submitted.id}/supplement`, {
      json: { note: 'Bổ sung giấy chứng sinh', attachments: [{ document: catalogue.requiredDocuments[0].name, fileId: birthCertificate }] },
    });
    const again = await p.task('reception.hongha', submitted.id, 'Task_TiepNhan');
    const refused = await p.request('reception.hongha', `/api/tasks/${again.userTaskKey}/complete`, {
      json: { variables: { receptionDecision: 'supplement', reasons: 'Thiếu tờ khai có chữ ký' } },
    });
    assert.equal(refused.status, 409);
    const body = (await refused.json()) as { message: string };
    assert.match(body.message, /chỉ được hướng dẫn bổ sung, hoàn thiện hồ sơ một lần/);
    assert.match(body.message, /at most 1 request/);
    const dossier = await p.dossier('citizen1', submitted.id);
    assert.equal(dossier.status, 'new', 'the refused request changed nothing');
    assert.equal(dossier.pauses.length, 1);
    // The step is still open: the officer receives the dossier instead.
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
  });

  it('gives one apology, naming a working day, and refuses a second one or one naming a Sunday', async () => {
    // Household business registration: 2 working days from Monday 08:00 → Wednesday 9/1 08:00.
    const dossier = await received(BUSINESS, MONDAY_0800);
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-09T08:00:00').toISOString()));
    const path = `/api/dossiers/${dossier.id}/apology`;
    const letter = { reason: 'Chờ xác minh địa điểm kinh doanh', responsibleUnit: 'Phòng Kinh tế' };

    // Sunday 13/1/2030 is a weekly rest day (Labour Code 2019 art. 111; office calendar Mon–Fri).
    const sunday = await p.call<{ message: string }>('leader.hongha', path, { json: { ...letter, newDueDate: vn('2030-01-13T16:00:00').toISOString() } }, 400);
    assert.match(sunday.message, /13\/01\/2030 không phải ngày làm việc/);

    await p.call('leader.hongha', path, { json: { ...letter, newDueDate: vn('2030-01-11T16:00:00').toISOString(), signingPin: LEADER_PIN } }, 201);
    const second = await p.call<{ message: string }>('leader.hongha', path, { json: { ...letter, newDueDate: vn('2030-01-14T16:00:00').toISOString() } }, 409);
    assert.match(second.message, /chỉ được hẹn lại một lần/);

    const after = (await p.dossier('citizen1', dossier.id));
    assert.equal(after.dueDate, dossier.dueDate, 'the original appointment is kept');
    assert.equal(after.rescheduledDueDate, vn('2030-01-11T16:00:00').toISOString(), 'the new appointment beside it');
    assert.equal(after.appointments.length, 1);

    // A letter of the same kind issued again (a reissue) does not erase the one the applicant got.
    const documents = await p.call<{ kind: string; fileId: string; signatures: unknown[] }[]>('citizen1', `/api/dossiers/${dossier.id}/documents`);
    const sent = documents.find((d) => d.kind === 'apology')!;
    assert.equal(sent.signatures.length, 1);
    const now = p.clock.now();
    await p.platform.app.get(DossierJournalRepository).upsertDocument({ dossierId: dossier.id, kind: 'apology', fileId: randomUUID(), template: 'phieu-xin-loi-hen-lai', elementId: null, signerRoles: ['leader'], createdAt: now, updatedAt: now });
    const kept = await p.call<{ kind: string; fileId: string; signatures: unknown[] }[]>('citizen1', `/api/dossiers/${dossier.id}/document-history`);
    assert.deepEqual(kept.filter((d) => d.kind === 'apology').map((d) => [d.kind, d.fileId, d.signatures.length]), [['apology', sent.fileId, 1]]);
  });

  it('refuses an apology sent less than one working day before the appointment', async () => {
    const dossier = await received(BUSINESS, MONDAY_0800);
    // Due Wednesday 9/1 08:00: the apology had to go by Tuesday 8/1 (the working day before).
    p.clock.set(vn('2030-01-09T07:15:00'));
    const late = await p.call<{ message: string }>(
      'leader.hongha',
      `/api/dossiers/${dossier.id}/apology`,
      { json: { newDueDate: vn('2030-01-11T16:00:00').toISOString(), reason: 'Quá tải', responsibleUnit: 'Phòng Kinh tế' } },
      409,
    );
    assert.match(late.message, /chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả \(09\/01\/2030\)/);
  });

  it('keeps a dossier that needed an apology late in the statistics, though it met the new appointment', async () => {
    const dossier = await received(BUSINESS, vn('2030-01-14T08:00:00')); // due Wednesday 16/1 08:00
    p.clock.set(vn('2030-01-15T09:00:00'));
    await p.call('leader.hongha', `/api/dossiers/${dossier.id}/apology`, {
      json: { newDueDate: vn('2030-01-18T16:00:00').toISOString(), reason: 'Chờ ý kiến cơ quan thuế', responsibleUnit: 'Phòng Kinh tế', signingPin: LEADER_PIN },
    }, 201);
    // Resolved on Thursday 17/1: after the original appointment, before the new one.
    p.clock.set(vn('2030-01-17T10:00:00'));
    await p.completeStep('specialist.hongha', dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[BUSINESS.slug]));
    await p.completeStep('leader.hongha', dossier.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep('clerk.hongha', dossier.id, 'Task_KySoVanThu', BUSINESS.numbering);
    await p.waitForStatus('citizen1', dossier.id, 'done');
    const stats = await p.call<{ rows: Counts[] }>('supervisor', `/api/statistics/dossiers?${WINDOW}&agencyCode=UBND-XA-HH&groupBy=procedure`);
    const business = stats.rows.find((r) => r.key === dossier.procedureCode)!;
    // Only this business dossier is resolved in the window: it counts late, not on time.
    assert.deepEqual([business.resolved, business.early, business.onTime, business.late], [1, 0, 0, 1]);
  });
});
