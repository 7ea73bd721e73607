import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { withTools, pdfText, runOnPdf } from '../documents/tools.js';
import { backendName } from '../support/database.js';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform, waitFor, type Dossier } from './support.js';
import type { Schemas } from '../support/api-types.js';

type Consultation = Schemas['ConsultationDto'];

type ControlSheet = Schemas['ControlSheetDto'];

const HOUR = 3600_000;

/** The notifications sent so far; none until the first one creates the file. */
function outbox(p: DossierPlatform): { dossierId: string; to: string; channel: string; subject: string; body: string }[] {
  const file = join(p.site.dataDir, 'outbox.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe(`dossier branches: supplements, refusals, consultations, late dossiers, submissions (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  test('the same Idempotency-Key returns the same dossier; another key makes another one', async () => {
    const c = CASES['dang-ky-khai-sinh'];
    const first = await p.submit('citizen2', c.slug, c.application, { idempotencyKey: 'submit-khai-sinh-0001' });
    const again = await p.call<Dossier>('citizen2', '/api/dossiers', {
      json: { procedure: c.slug, agency: c.agency, application: c.application, attachments: [] },
      headers: { 'idempotency-key': 'submit-khai-sinh-0001' },
    });
    assert.equal(again.id, first.id);
    assert.equal(again.code, first.code);
    const other = await p.submit('citizen2', c.slug, c.application, { idempotencyKey: 'submit-khai-sinh-0002' });
    assert.notEqual(other.id, first.id);
    // Another citizen's key space is his own.
    const theirs = await p.submit('citizen1', c.slug, c.application, { idempotencyKey: 'submit-khai-sinh-0001' });
    assert.notEqual(theirs.id, first.id);
    const mine = await p.call<{ items: { id: string }[] }>('citizen2', '/api/dossiers?limit=200');
    assert.equal(mine.items.filter((d) => d.id === first.id).length, 1);
  });

  test('concurrent submissions get distinct codes of one daily sequence', async () => {
    const c = CASES['dang-ky-ho-kinh-doanh'];
    // The application form as processes/dang-ky-ho-kinh-doanh/procedure.json names it.
    const attachments = [{ document: 'Giấy đề nghị đăng ký hộ kinh doanh (Mẫu số 1 Phụ lục II Thông tư số 68/2025/TT-BTC)', fileId: await p.upload('citizen1', 'giay-de-nghi.pdf') }];
    const submissions = await Promise.all(
      Array.from({ length: 8 }, () => p.call<Dossier>('citizen1', '/api/dossiers', { json: { procedure: c.slug, agency: c.agency, application: c.application, attachments } }, 201)),
    );
    const codes = submissions.map((d) => d.code);
    assert.equal(new Set(codes).size, 8, codes.join(' '));
    const sequences = codes.map((code) => Number(code.split('-').at(-1))).sort((a, b) => a - b);
    assert.deepEqual(sequences, Array.from({ length: 8 }, (_, i) => sequences[0] + i), 'no gap and no repeat in the sequence');
  });

  test('a submission missing a mandatory document or a required field is refused with what is wrong', async () => {
    const c = CASES['dang-ky-khai-sinh'];
    const response = await p.request('citizen1', '/api/dossiers', { json: { procedure: c.slug, agency: c.agency, application: c.application, attachments: [] } });
    assert.equal(response.status, 400);
    // The declaration is the application filled in online (its catalogue entry is filledOnline): only the birth certificate is missing.
    assert.match(((await response.json()) as { message: string }).message, /^Missing mandatory document: "Giấy chứng sinh/);
    const { hoTen: _name, ...incomplete } = c.application;
    const bad = await p.request('citizen1', '/api/dossiers', { json: { procedure: c.slug, agency: c.agency, application: incomplete, attachments: [] } });
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { fields: { field: string }[] };
    assert.deepEqual(body.fields.map((f) => f.field), ['hoTen']);
  });

  test('supplement at reception: the applicant completes the dossier, and the appointment is set when it is received', async (t) => {
    const c = CASES['cap-giay-phep-xay-dung-nha-o-rieng-le'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const asked = await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', {
      receptionDecision: 'supplement',
      reasons: 'Thiếu bản vẽ mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật',
    });
    assert.equal(asked.status, 'supplement_requested');
    const stopped = await p.dossier('citizen1', submitted.id);
    assert.equal(stopped.clockStopped, true);
    assert.equal(stopped.pauses.length, 1);
    assert.equal(stopped.pauses[0].reason, 'Thiếu bản vẽ mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật');
    const request = await p.signedDocument('citizen1', submitted.id, 'supplementRequest', 0);
    withTools(t, ['pdftotext'], () => assert.match(pdfText(request).replace(/\s+/g, ' '), /Thiếu bản vẽ mặt bằng móng/));
    await waitFor('supplement notification', async () => outbox(p).find((m) => m.dossierId === submitted.id && /bổ sung/i.test(m.body)));

    // Two days later (working or not), the applicant sends the missing drawings.
    p.clock.advance(48 * HOUR);
    const drawing = await p.upload('citizen1', 'ban-ve-mong.pdf');
    const supplemented = await p.call<Dossier>('citizen1', `/api/dossiers/${submitted.id}/supplement`, {
      json: { note: 'Bổ sung bản vẽ mặt bằng móng', attachments: [{ document: 'Hai bộ bản vẽ thiết kế xây dựng: mặt bằng vị trí công trình trên lô đất, mặt bằng, mặt cắt, mặt đứng chính, mặt bằng móng, sơ đồ đấu nối hạ tầng kỹ thuật', fileId: drawing }] },
    });
    assert.equal(supplemented.status, 'new');
    const resumed = await p.dossier('citizen1', submitted.id);
    assert.equal(resumed.clockStopped, false);
    assert.ok(resumed.pauses[0].endedAt && resumed.pauses[0].workingMinutes !== null);
    // Not received yet: no appointment (Decree 61/2018 art. 15: the time runs from receipt of a complete dossier).
    assert.equal(resumed.dueDate, null);
    const history = await p.call<{ toStatus: string; note: string | null }[]>('citizen1', `/api/dossiers/${submitted.id}/history`);
    assert.deepEqual(history.map((h) => h.toStatus), ['new', 'supplement_requested', 'new']);

    // The model heard dossier-supplemented: the dossier is back at reception, which now receives it.
    const received = await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    assert.equal(received.status, 'received');
    // The test clock runs on from its set point, so the moment of receipt is the one the dossier recorded.
    const receivedAt = new Date(received.receivedAt!);
    const calendar = await p.platform.app.get(CalendarService).calendar();
    const model = await p.call<{ processingTime: { legal: { value: number }; reduced?: { value: number } } }>('citizen1', `/api/public/procedures/${c.slug}`);
    const days = (model.processingTime.reduced ?? model.processingTime.legal).value;
    assert.equal(received.dueDate, calendar.add(receivedAt, { days }).toISOString(), 'the appointment counts from receipt');
    await p.payFeeAtReceipt(c, submitted.id);
    await p.task('specialist.hongha', submitted.id, 'Task_ThamDinh');
    const sheet = await p.call<ControlSheet>('reception.hongha', `/api/dossiers/${submitted.id}/control-sheet`);
    assert.deepEqual(sheet.entries.map((e) => e.elementId), ['Task_TiepNhan', 'Task_TiepNhan', 'Task_ThamDinh']);
    await p.assertNoIncident(resumed.processInstanceKey);
  });

  test('supplement after receipt: the clock stops while the applicant completes the dossier, then starts again (restart policy)', async () => {
    const c = CASES['dang-ky-ho-kinh-doanh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.payFeeAtReceipt(c, submitted.id);
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug], { appraisalResult: 'supplement', reasons: 'Thiếu bản sao giấy tờ pháp lý của chủ hộ' }));
    assert.equal((await p.dossier('citizen1', submitted.id)).clockStopped, true);
    p.clock.advance(48 * HOUR);
    await p.call<Dossier>('citizen1', `/api/dossiers/${submitted.id}/supplement`, { json: { note: 'Đã bổ sung bản sao căn cước của chủ hộ', attachments: [] } });
    const resumed = await p.dossier('citizen1', submitted.id);
    assert.equal(resumed.clockStopped, false);
    assert.ok(resumed.pauses[0].endedAt && resumed.pauses[0].workingMinutes !== null);
    // The test clock runs on from its set point, so the moment of arrival is the one the pause recorded.
    const supplementedAt = new Date(resumed.pauses[0].endedAt);
    // Household business registration restarts the time from zero when the supplement arrives (its catalogue's supplementPolicy).
    const calendar = await p.platform.app.get(CalendarService).calendar();
    const model = await p.call<{ processingTime: { legal: { value: number }; reduced?: { value: number } } }>('citizen1', `/api/public/procedures/${c.slug}`);
    const days = (model.processingTime.reduced ?? model.processingTime.legal).value;
    assert.equal(resumed.dueDate, calendar.add(supplementedAt, { days }).toISOString());
    const history = await p.call<{ toStatus: string; note: string | null }[]>('citizen1', `/api/dossiers/${submitted.id}/history`);
    assert.match(history.at(-1)!.note!, /thời hạn tính lại từ đầu/);
    await p.assertNoIncident(resumed.processInstanceKey);
  });

  test('refusal at the counter: not received, with the reasons on the refusal slip and in the notification', async (t) => {
    const c = CASES['dang-ky-khai-sinh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const reasons = 'Người yêu cầu không thuộc trường hợp được đăng ký khai sinh tại UBND phường Hồng Hà';
    const refused = await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', { receptionDecision: 'refuse', reasons });
    assert.equal(refused.status, 'not_received');
    const slip = await p.signedDocument('citizen1', submitted.id, 'refusal', 0);
    withTools(t, ['pdftotext'], () => assert.match(pdfText(slip).replace(/\s+/g, ' '), /không thuộc trường hợp được đăng ký khai sinh/));
    await waitFor('refusal notification', async () => outbox(p).find((m) => m.dossierId === submitted.id && m.body.includes(reasons)));
    const history = await p.call<{ toStatus: string; note: string | null }[]>('citizen1', `/api/dossiers/${submitted.id}/history`);
    assert.equal(history.at(-1)!.note, reasons);
    const ended = await waitFor('the dossier to be finished', async () => {
      const d = await p.dossier('citizen1', submitted.id);
      return d.finishedAt ? d : undefined;
    });
    assert.equal((await p.engine.getProcessInstance(ended.processInstanceKey)).state, 'COMPLETED');
  });

  test('refusal after appraisal: the leader signs the refusal, the dossier stops with the reasons', async (t) => {
    const c = CASES['dang-ky-ho-kinh-doanh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.payFeeAtReceipt(c, submitted.id);
    const reasons = 'Tên hộ kinh doanh trùng với tên hộ kinh doanh đã đăng ký trên địa bàn';
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug].slice(1), { appraisalResult: 'refuse', reasons }));
    await p.completeStep('leader.hongha', submitted.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    const stopped = await p.waitForStatus('citizen1', submitted.id, 'stopped');
    const refusal = await p.signedDocument('citizen1', submitted.id, 'refusal', 1);
    withTools(t, ['pdfsig'], () => assert.match(runOnPdf('pdfsig', [], refusal), /Signature Validation: Signature is Valid\./));
    withTools(t, ['pdftotext'], () => assert.match(pdfText(refusal).replace(/\s+/g, ' '), /trùng với tên hộ kinh doanh/));
    const documents = await p.call<{ kind: string }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`);
    assert.ok(!documents.some((d) => d.kind === 'result'), 'no result is issued');
    await waitFor('refusal notification', async () => outbox(p).find((m) => m.dossierId === submitted.id && m.body.includes(reasons)));
    await p.assertNoIncident(stopped.processInstanceKey);
  });

  test('consultation: one agency answers, the other is late; the late one is escalated to its leaders and deemed to agree', async () => {
    const c = CASES['cap-giay-phep-xay-dung-nha-o-rieng-le'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.payFeeAtReceipt(c, submitted.id);
    await p.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug], { needsConsultation: true, consultedAgencies: ['SXD', 'CA'] }));

    const inbox = async (username: string, status = 'open') =>
      (await p.call<Consultation[]>(username, `/api/consultations?status=${status}`)).filter((r) => r.dossierId === submitted.id);
    const [sxd] = await waitFor('the request in the SXD inbox', async () => ((await inbox('specialist.sxd')).length ? inbox('specialist.sxd') : undefined));
    const [ca] = await waitFor('the request in the CA inbox', async () => ((await inbox('specialist.ca')).length ? inbox('specialist.ca') : undefined));
    assert.ok(sxd && ca && sxd.id !== ca.id);
    // Other agencies neither see nor answer it.
    assert.equal((await p.request('specialist.vpdk', `/api/consultations/${ca.id}`)).status, 404);
    assert.equal((await p.request('specialist.vpdk', `/api/consultations/${ca.id}/answer`, { json: { opinion: 'x' } })).status, 404);
    assert.equal((await p.request('specialist.sxd', `/api/consultations/${ca.id}/answer`, { json: { opinion: 'x' } })).status, 404);
    // The requesting agency reads it but does not answer for CA.
    assert.equal((await p.request('leader.hongha', `/api/consultations/${ca.id}`)).status, 200);
    assert.equal((await p.request('leader.hongha', `/api/consultations/${ca.id}/answer`, { json: { opinion: 'x' } })).status, 403);

    const answered = await p.call<Consultation>('specialist.sxd', `/api/consultations/${sxd.id}/answer`, { json: { opinion: 'Công trình phù hợp quy hoạch chi tiết tỷ lệ 1/500' } });
    assert.equal(answered.late, false);
    assert.equal((await p.request('leader.sxd', `/api/consultations/${sxd.id}/answer`, { json: { opinion: 'lần hai' } })).status, 409);

    // CA lets its due time pass: the escalation reaches CA's leader; the model deems CA to agree.
    p.clock.set(new Date(Date.parse(ca.dueAt) + HOUR));
    const escalated = await waitFor('the escalation', async () => (await inbox('leader.ca', 'overdue')).find((r) => r.escalatedAt));
    assert.equal(escalated.escalatedTo, 'CA/leader');
    assert.equal(escalated.late, true);
    await waitFor('the e-mail to CA’s leader', async () => outbox(p).find((m) => m.to === demoAccount('leader.ca').email && m.dossierId === submitted.id));
    const sheet = await p.call<ControlSheet>('leader.hongha', `/api/dossiers/${submitted.id}/control-sheet`);
    assert.ok(sheet.alerts.some((a) => a.subject === 'consultation' && a.unitAgencyCode === 'CA' && a.unitGroup === 'leader'));

    await p.task('leader.hongha', submitted.id, 'Task_PheDuyet');
    const dossier = await p.dossier('citizen1', submitted.id);
    const variables = await p.engine.getVariables(dossier.processInstanceKey);
    assert.deepEqual(
      (variables.consultationAnswers as { agency: string; answer: string }[]).map((a) => [a.agency, a.answer]),
      [
        ['SXD', 'Công trình phù hợp quy hoạch chi tiết tỷ lệ 1/500'],
        ['CA', 'deemed-agreed'],
      ],
    );
    // A late answer is still recorded, marked late, in the dossier's history.
    const late = await p.call<Consultation>('specialist.ca', `/api/consultations/${ca.id}/answer`, { json: { opinion: 'Đảm bảo điều kiện an toàn PCCC' } });
    assert.equal(late.late, true);
    const history = await p.call<{ note: string | null }[]>('leader.hongha', `/api/dossiers/${submitted.id}/history`);
    assert.ok(history.some((h) => h.note === 'CA đã trả lời xin ý kiến (quá hạn)'));
    await p.assertNoIncident(dossier.processInstanceKey);
  });

  test('late dossier: the leader is warned, then gives a new appointment with a signed apology letter', async (t) => {
    const c = CASES['cap-phieu-ly-lich-tu-phap'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.ca', submitted.id, 'Task_TiepNhan', RECEIVE);
    const received = await p.dossier('citizen1', submitted.id);
    await p.task('specialist.ca', submitted.id, 'Task_ThamDinh');

    // The appraisal is forgotten: one working day before the appointment the leader is asked to
    // chase it and, the result not being possible in time, gives the apology with a new
    // appointment then: no later than the working day before the appointment (to verify: Decree 61/2018 art. 19 / Decree 118/2025).
    p.clock.set(new Date(Date.parse(received.warningDate) + HOUR));
    await p.completeStep('leader.ca', submitted.id, 'Task_DonDoc', { yKienChiDao: 'Đề nghị chuyên viên hoàn thành thẩm định trong ngày' });
    const calendar = await p.platform.app.get(CalendarService).calendar();
    const newDate = calendar.localDay(calendar.add(new Date(received.dueDate), { days: 5 }));
    await p.completeStep('leader.ca', submitted.id, 'Task_PhieuXinLoi', {
      lyDoQuaHan: 'Chờ kết quả xác minh của Cục Hồ sơ nghiệp vụ',
      donViGayQuaHan: 'Bộ phận lý lịch tư pháp',
      ngayHenMoi: newDate,
    });
    const letter = await p.signedDocument('citizen1', submitted.id, 'apology', 1);
    withTools(t, ['pdfsig'], () => assert.match(runOnPdf('pdfsig', [], letter), /Signature Validation: Signature is Valid\./));
    withTools(t, ['pdftotext'], () => assert.match(pdfText(letter).replace(/\s+/g, ' '), /Chờ kết quả xác minh của Cục Hồ sơ nghiệp vụ/));
    await waitFor('the apology notification', async () => outbox(p).find((m) => m.dossierId === submitted.id && /xin lỗi/i.test(m.body)));

    const rescheduled = (await p.dossier('citizen1', submitted.id)) as Dossier & { rescheduledDueDate: string };
    assert.equal(rescheduled.appointments.length, 1);
    assert.equal(rescheduled.appointments[0].responsibleUnit, 'Bộ phận lý lịch tư pháp');
    assert.equal(rescheduled.appointments[0].previousDueDate, received.dueDate);
    assert.equal(rescheduled.dueDate, received.dueDate, 'the original appointment stays');
    assert.equal(calendar.localDay(new Date(rescheduled.rescheduledDueDate)), newDate);

    // The original appointment passes: the deadline check raises the dossier and the held step as
    // late, the new appointment notwithstanding (a dossier that needed an apology stays late).
    p.clock.set(new Date(Date.parse(received.dueDate) + HOUR));
    const alerted = await waitFor('the late alerts', async () => {
      const s = await p.call<ControlSheet>('leader.ca', `/api/dossiers/${submitted.id}/control-sheet`);
      return s.alerts.some((a) => a.subject === 'dossier' && a.level === 'late') && s.alerts.some((a) => a.subject === 'step' && a.level === 'late') ? s : undefined;
    });
    assert.ok(alerted.alerts.some((a) => a.subject === 'step' && a.unitAgencyCode === 'CA' && a.unitGroup === 'specialist'), 'the late step is attributed to the unit holding it');

    // The step that held the dossier is recorded late in the control sheet.
    await p.completeStep('specialist.ca', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug]));
    const sheet = await p.call<ControlSheet>('leader.ca', `/api/dossiers/${submitted.id}/control-sheet`);
    const appraisalStep = sheet.entries.find((e) => e.elementId === 'Task_ThamDinh')!;
    assert.equal(appraisalStep.onTime, false);
    assert.ok(appraisalStep.lateMinutes! > 0);
    assert.ok(sheet.entries.find((e) => e.elementId === 'Task_TiepNhan')!.onTime);
    await p.assertNoIncident(rescheduled.processInstanceKey);
  });

  test('a leader gives a new appointment from the dossier, outside any step: the letter comes signed by him; other roles, agencies, past dates and dates more than 5 years ahead are refused', async (t) => {
    // Household business registration (2 working days): time enough to apologise a working day ahead.
    const c = CASES['dang-ky-ho-kinh-doanh'];
    const submitted = await p.submit('citizen1', c.slug, c.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    const received = await p.dossier('citizen1', submitted.id);
    // A working day after the appointment, as the rules require of the new one.
    const calendar = await p.platform.app.get(CalendarService).calendar();
    const newDueDate = calendar.add(new Date(received.dueDate), { days: 3 }).toISOString();
    const body = { newDueDate, reason: 'Phải xác minh thêm nơi sinh với bệnh viện', responsibleUnit: 'Bộ phận tư pháp - hộ tịch' };
    const path = `/api/dossiers/${submitted.id}/apology`;

    await p.call('specialist.hongha', path, { method: 'POST', json: body }, 403);
    await p.call('leader.ca', path, { method: 'POST', json: body }, 404);
    await p.call('leader.hongha', path, { method: 'POST', json: { ...body, newDueDate: new Date(p.clock.now().getTime() - HOUR).toISOString() } }, 400);
    // Issue "Hardening", finding 3: a far-future date held the process 12 s in the working calendar.
    const farAway = await p.call<{ message: string }>('leader.hongha', path, { method: 'POST', json: { ...body, newDueDate: '9999-12-31T00:00:00.000Z' } }, 400);
    assert.match(farAway.message, /Ngày hẹn trả kết quả mới không được quá 5 năm kể từ hôm nay/);
    assert.equal((await p.dossier('citizen1', submitted.id)).dueDate, received.dueDate, 'a refused request changes nothing');

    await p.call('leader.hongha', path, { method: 'POST', json: { ...body, signingPin: LEADER_PIN } }, 201);
    const letter = await p.signedDocument('citizen1', submitted.id, 'apology', 1);
    withTools(t, ['pdfsig'], () => assert.match(runOnPdf('pdfsig', [], letter), /Signature Validation: Signature is Valid\./));
    withTools(t, ['pdftotext'], () => assert.match(pdfText(letter).replace(/\s+/g, ' '), /Phải xác minh thêm nơi sinh với bệnh viện/));
    const documents = await p.call<{ kind: string; signatures: { role: string; signerName: string }[] }[]>('citizen1', `/api/dossiers/${submitted.id}/documents`);
    assert.deepEqual(documents.find((d) => d.kind === 'apology')?.signatures.map((s) => [s.role, s.signerName]), [['leader', demoAccount('leader.hongha').displayName]]);
    const rescheduled = (await p.dossier('citizen1', submitted.id)) as Dossier & { rescheduledDueDate: string };
    assert.equal(rescheduled.appointments.at(-1)?.responsibleUnit, 'Bộ phận tư pháp - hộ tịch');
    assert.equal(rescheduled.appointments.at(-1)?.previousDueDate, received.dueDate);
    assert.equal(rescheduled.dueDate, received.dueDate, 'the original appointment stays');
    assert.equal(rescheduled.rescheduledDueDate, newDueDate, 'the new one beside it');
  });

  test('a process without a dossier: the worker opens an incident that says why instead of retrying', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="no-dossier" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Task_Status"><bpmn:extensionElements><zeebe:taskDefinition type="motcua.status" /><zeebe:taskHeaders><zeebe:header key="status" value="done" /></zeebe:taskHeaders></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Status" />
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Status" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    await p.engine.deploy([{ name: 'no-dossier.bpmn', content: xml }]);
    const instance = await p.engine.createProcessInstance({ processDefinitionId: 'no-dossier' });
    const [incident] = await waitFor('the incident', async () => {
      const found = await p.engine.searchIncidents({ processInstanceKey: instance.processInstanceKey, state: 'ACTIVE' });
      return found.length ? found : undefined;
    });
    assert.equal(incident.elementId, 'Task_Status');
    assert.match(incident.errorMessage, /no 'dossierId' variable/);
  });
});
