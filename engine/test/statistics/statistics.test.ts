import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { APPROVE, LEADER_PIN, appraisal, CASES, CRITERIA, RECEIVE, RETURN_AT_COUNTER } from '../dossiers/fixtures.js';
import { DossierPlatform, type Dossier } from '../dossiers/support.js';
import type { Schemas } from '../support/api-types.js';

/** Monday 7 January 2030, 08:00 in Vietnam: a working day, so appointments fall where the test expects. */
const MONDAY_0800 = new Date('2030-01-07T01:00:00Z');
/** The same day at 15:00, past the 4-working-hour appointment of a birth registration submitted at 08:00. */
const MONDAY_1500 = new Date('2030-01-07T08:00:00Z');
const AGENCY = 'UBND-XA-HH';
const BIRTH = CASES['dang-ky-khai-sinh'];
const BUSINESS = CASES['dang-ky-ho-kinh-doanh'];
const WINDOW = 'from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z';

type Counts = Schemas['StatisticsRowDto'];

/**
 * Dossiers of the commune's one-stop counter taken through the real lifecycle API (submission
 * online, at the counter and by post, officers' steps, supplement request, ratings), then the
 * figures compared with what was done to them.
 */
describe('statistics and Decision 766 indicators', () => {
  let p: DossierPlatform;
  const made: Record<string, Dossier> = {};

  /** Every step of the five, up to the result being ready; `returned` also hands it over. */
  async function resolve(c: typeof BIRTH, dossier: Dossier, returned: boolean): Promise<void> {
    const staff = (role: string) => `${role}.${c.staff}`;
    await p.payFeeAtReceipt(c, dossier.id);
    await p.completeStep(staff('specialist'), dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug]));
    await p.completeStep(staff('leader'), dossier.id, 'Task_PheDuyet', APPROVE, LEADER_PIN);
    await p.completeStep(staff('clerk'), dossier.id, 'Task_KySoVanThu', c.numbering);
    await p.waitForStatus('citizen1', dossier.id, 'done');
    if (returned) await p.completeStep(staff('reception'), dossier.id, 'Task_TraKetQua', RETURN_AT_COUNTER);
  }

  /** A reception officer enters the dossier on the applicant's behalf, with the mandatory documents scanned. */
  async function atCounter(channel: 'counter' | 'post'): Promise<Dossier> {
    const officer = 'reception.hongha';
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>(officer, `/api/public/procedures/${BIRTH.slug}`);
    const attachments = [];
    for (const d of catalogue.requiredDocuments.filter((x) => x.mandatory)) attachments.push({ document: d.name, fileId: await p.upload(officer, 'scan.pdf') });
    return p.call<Dossier>(officer, '/api/dossiers/counter', { json: { procedure: BIRTH.slug, application: BIRTH.application, attachments, applicant: { fullName: 'Trần Văn Bình' }, channel } }, 201);
  }

  before(async () => {
    // Only the dossiers made here are counted: the test platform loads no demo dossiers (auth/platform.ts).
    p = await DossierPlatform.start();
    p.clock.set(MONDAY_0800);
    const receive = (d: Dossier) => p.completeStep('reception.hongha', d.id, 'Task_TiepNhan', RECEIVE);

    made.early = await p.submit('citizen1', BUSINESS.slug, BUSINESS.application); // 2 working days: due Wednesday
    made.onTime = await p.submit('citizen1', BIRTH.slug, BIRTH.application); // 4 working hours: due Monday 14:00
    made.late = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    made.counter = await atCounter('counter');
    made.post = await atCounter('post');
    made.paused = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    made.notReceived = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    for (const key of ['early', 'onTime', 'late', 'counter', 'post'] as const) await receive(made[key]);
    await p.completeStep('reception.hongha', made.paused.id, 'Task_TiepNhan', { receptionDecision: 'supplement', reasons: 'Thiếu giấy chứng sinh bản chính' });

    await resolve(BUSINESS, made.early, true);
    await resolve(BIRTH, made.onTime, true);
    p.clock.set(MONDAY_1500);
    await resolve(BIRTH, made.late, false);

    // The applicant rates two of his finished dossiers.
    await p.call('citizen1', `/api/dossiers/${made.early.id}/rating`, { json: { score: 5, comment: 'Nhanh, đúng hẹn' } }, 201);
    await p.call('citizen1', `/api/dossiers/${made.onTime.id}/rating`, { json: { score: 3 } }, 201);

    // Two feedbacks to the commune, received Monday 15:00: one about the late dossier, answered at once;
    // one anonymous about the birth registration, never answered.
    const about = await p.call<{ id: string }>('citizen1', '/api/feedback', { json: { dossierId: made.late.id, contact: '0912345678', content: 'Hồ sơ trả chậm so với giấy hẹn' } }, 201);
    await p.call('leader.hongha', `/api/feedback/${about.id}/answer`, { json: { answer: 'Xin lỗi ông, kết quả đã có, mời ông nhận.' } }, 201);
    const anonymous = await p.request(undefined, '/api/public/feedback', { json: { agencyCode: AGENCY, procedureCode: made.onTime.procedureCode, name: 'Lê Thị Hoa', contact: 'hoa@example.vn', content: 'Đề nghị niêm yết mẫu tờ khai' } });
    assert.equal(anonymous.status, 201, await anonymous.text());
  });

  after(async () => {
    await p?.close();
  });

  it('counts received by channel, early / on time / late, in progress, overdue and paused as the dossiers went', async () => {
    const byProcedure = await p.call<{ rows: Counts[]; total: Counts }>('supervisor', `/api/statistics/dossiers?${WINDOW}&agencyCode=${AGENCY}&groupBy=procedure`);
    const pick = (c: Counts) => [c.submitted, c.received, c.online, c.counter, c.post, c.resolved, c.early, c.onTime, c.late, c.inProgress, c.overdue, c.paused];
    //                                submitted received online counter post resolved early onTime late inProgress overdue paused
    assert.deepEqual(pick(byProcedure.total), [7, 5, 3, 1, 1, 3, 1, 1, 1, 2, 2, 1]);
    assert.equal(byProcedure.total.onTimeRate, 66.67);
    assert.equal(byProcedure.total.onlineRate, 60);
    const birthCode = made.onTime.procedureCode;
    const businessCode = made.early.procedureCode;
    assert.deepEqual(
      byProcedure.rows.map((r) => [r.key, ...pick(r)]),
      [
        [birthCode, 6, 4, 2, 1, 1, 2, 0, 1, 1, 2, 2, 1],
        [businessCode, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // Per level and per month: the same dossiers, one group each.
    const byLevel = await p.call<{ rows: Counts[] }>('supervisor', `/api/statistics/dossiers?${WINDOW}&agencyCode=${AGENCY}&groupBy=level`);
    assert.deepEqual(byLevel.rows.map((r) => [r.key, r.submitted]), [['commune', 7]]);
    const byMonth = await p.call<{ rows: Counts[] }>('supervisor', `/api/statistics/dossiers?${WINDOW}&agencyCode=${AGENCY}&groupBy=period&period=month`);
    assert.deepEqual(byMonth.rows.map((r) => [r.key, r.submitted]), [['2030-01', 7]]);
    const byAgency = await p.call<{ rows: Counts[] }>('supervisor', `/api/statistics/dossiers?${WINDOW}&groupBy=agency`);
    assert.deepEqual(byAgency.rows.filter((r) => r.key === AGENCY).map((r) => r.submitted), [7]);
    // Rows name what they count: the agency as its procedures publish it, the procedure as catalogued.
    assert.deepEqual(byAgency.rows.filter((r) => r.key === AGENCY).map((r) => [r.name, r.agencyName]), [['Ủy ban nhân dân phường Hồng Hà', 'Ủy ban nhân dân phường Hồng Hà']]);
    const names = Object.fromEntries(byProcedure.rows.map((r) => [r.key, [r.name, r.agencyName]]));
    assert.match(String(names[birthCode][0]), /^Đăng ký khai sinh/);
    assert.match(String(names[businessCode][0]), /hộ kinh doanh/i);
    assert.deepEqual([names[birthCode][1], names[businessCode][1]], ['Ủy ban nhân dân phường Hồng Hà', 'Ủy ban nhân dân phường Hồng Hà']);
    assert.deepEqual(byLevel.rows.map((r) => r.name), [null], 'a level has no name to carry');
    // Another period holds none of them.
    const before2030 = await p.call<{ total: Counts }>('supervisor', `/api/statistics/dossiers?from=2029-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&agencyCode=${AGENCY}`);
    assert.equal(before2030.total.submitted, 0);
  });

  it('counts the open dossiers due soon: warning date passed, appointment not yet', async () => {
    // The appointment is set at receipt: read the counter dossier as received.
    const counter = await p.dossier('reception.hongha', made.counter.id);
    const query = `/api/statistics/dossiers?${WINDOW}&agencyCode=${AGENCY}&groupBy=procedure`;
    // At 15:00 the two birth registrations received at the counter are past their appointment.
    const late = await p.call<{ total: Counts }>('supervisor', query);
    assert.deepEqual([late.total.dueSoon, late.total.overdue], [0, 2]);
    const saved = p.clock.now();
    try {
      p.clock.set(new Date((Date.parse(counter.warningDate) + Date.parse(counter.dueDate)) / 2));
      const soon = await p.call<{ rows: Counts[]; total: Counts }>('supervisor', query);
      assert.deepEqual([soon.total.dueSoon, soon.total.overdue, soon.total.inProgress], [2, 0, 2]);
      assert.deepEqual(soon.rows.map((r) => [r.key, r.dueSoon]).sort(), [[counter.procedureCode, 2], [made.early.procedureCode, 0]].sort());
      // Before the warning date: on time, neither due soon nor overdue.
      p.clock.set(new Date(Date.parse(counter.warningDate) - 60_000));
      const early = await p.call<{ total: Counts }>('supervisor', query);
      assert.deepEqual([early.total.dueSoon, early.total.overdue], [0, 0]);
    } finally {
      p.clock.set(saved);
    }
  });

  it('leaders read their own agency only; officers and bad queries are refused', async () => {
    const own = await p.call<{ filter: { agencyCode: string }; total: Counts }>('leader.hongha', `/api/statistics/dossiers?${WINDOW}`);
    assert.equal(own.filter.agencyCode, AGENCY);
    assert.equal(own.total.submitted, 7);
    assert.equal((await p.request('leader.sxd', `/api/statistics/dossiers?${WINDOW}&agencyCode=${AGENCY}`)).status, 403);
    assert.equal((await p.request('specialist.hongha', `/api/statistics/dossiers?${WINDOW}`)).status, 403);
    assert.equal((await p.request('citizen1', `/api/statistics/indicators?${WINDOW}`)).status, 403);
    const bad = await p.request('supervisor', '/api/statistics/dossiers?groupBy=district&from=yesterday');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /groupBy[\s\S]*from|from[\s\S]*groupBy/);
  });

  it('computes the Decision 766 indicators from the same records', async () => {
    const i = await p.call<{
      progress: { onTimeRate: { numerator: number; denominator: number; percent: number }; points: number; late: number };
      onlineServices: { submittedOnline: { percent: number }; byLevel: { level: string; numerator: number; denominator: number }[]; paidOnline: { numerator: number; denominator: number; percent: number | null } };
      digitisation: { dossiersDigitised: { numerator: number; denominator: number }; resultsDigitised: { numerator: number; denominator: number }; resultsSigned: { numerator: number; denominator: number } };
      satisfaction: { ratings: number; average: number; satisfied: { percent: number } };
    }>('supervisor', `/api/statistics/indicators?${WINDOW}&agencyCode=${AGENCY}`);
    assert.deepEqual([i.progress.onTimeRate.numerator, i.progress.onTimeRate.denominator, i.progress.onTimeRate.percent], [2, 3, 66.67]);
    assert.equal(i.progress.points, 13.33);
    assert.equal(i.onlineServices.submittedOnline.percent, 60);
    assert.deepEqual(i.onlineServices.byLevel.map((l) => [l.level, l.numerator, l.denominator]), [['commune', 3, 5]]);
    // The household business fee (asked at receipt) was paid in cash at the counter: one paid dossier, none online.
    assert.deepEqual([i.onlineServices.paidOnline.numerator, i.onlineServices.paidOnline.denominator, i.onlineServices.paidOnline.percent], [0, 1, 0]);
    // Every received dossier came with its mandatory documents as files; the three resolved have signed results.
    const withFiles = (await Promise.all(['early', 'onTime', 'late', 'counter', 'post'].map((k) => p.call<{ attachments: unknown[] }>('supervisor', `/api/dossiers/${made[k].id}`)))).filter((d) => d.attachments.length > 0).length;
    assert.deepEqual([i.digitisation.dossiersDigitised.numerator, i.digitisation.dossiersDigitised.denominator], [withFiles, 5]);
    assert.deepEqual([i.digitisation.resultsDigitised.numerator, i.digitisation.resultsDigitised.denominator], [3, 3]);
    assert.deepEqual([i.digitisation.resultsSigned.numerator, i.digitisation.resultsSigned.denominator], [3, 3]);
    assert.deepEqual([i.satisfaction.ratings, i.satisfaction.average, i.satisfaction.satisfied.percent], [2, 4, 50]);
  });

  it('scores every Decision 766 indicator on the dossiers received in the period, and names those it cannot compute', async () => {
    type Scored = Schemas['ScoredIndicatorDto'];
    // 22 January 2030: past the deadline of the unanswered feedback (10 working days from Monday 7 January).
    const saved = p.clock.now();
    p.clock.set(new Date('2030-01-22T03:00:00Z'));
    let answer: Schemas['IndicatorsDto'];
    try {
      answer = await p.call<Schemas['IndicatorsDto']>('supervisor', `/api/statistics/indicators?${WINDOW}&agencyCode=${AGENCY}`);
    } finally {
      p.clock.set(saved);
    }
    const of = (id: string) => answer.decision766.indicators.find((i) => i.id === id)!;
    const pick = (i: Scored) => [i.numerator, i.denominator, i.value, i.points, i.maxPoints];
    // Decision 766/QĐ-TTg, group 2 (up to 20 points, in proportion to the rate; docs/legal-basis.md): of the five dossiers
    // received, two were resolved by their appointment (early, onTime); one was resolved after it (late) and the two
    // received at the counter and by post are still open past theirs. 2 ÷ 5 = 40 %, 20 × 40 % = 8 points.
    assert.deepEqual(pick(of('2.1')), [2, 5, 40, 8, 20]);
    // Group 4, online dossiers: 3 of the 5 received were filed online; fees: the one paid was paid in cash.
    assert.deepEqual(pick(of('4.2')), [3, 5, 60, null, null]);
    assert.deepEqual(pick(of('4.3')), [0, 1, 0, null, null]);
    // Group 3: every received dossier carried each mandatory document as a file; the three resolved have signed results.
    assert.deepEqual(pick(of('3.1')), [5, 5, 100, null, null]);
    assert.deepEqual(pick(of('3.2')), [3, 3, 100, null, null]);
    // Group 5 as summarised from the decision (lamdong.dcs.vn, 06/07/2022): feedback answered on time 1 of 2;
    // satisfied with the handling of feedback = (2 − 1 answered late or not at all) ÷ 2.
    assert.deepEqual(pick(of('5.1')), [1, 2, 50, null, null]);
    assert.deepEqual(pick(of('5.2')), [1, 2, 50, null, null]);
    // Satisfaction with dossiers = (5 − 3 late or with feedback: late, counter, post) ÷ 5 = 40 %; below the 90 % target
    // of Resolution 76/NQ-CP the 6 points (baocaotaichinh.vn summary of the decision) are 6 × 40 ÷ 90 = 2.67.
    assert.deepEqual(pick(of('5.3')), [2, 5, 40, 2.67, 6]);
    // What needs other systems is listed, with the reason, instead of left out.
    const missing = answer.decision766.indicators.filter((i) => !i.computable);
    assert.deepEqual(missing.map((i) => [i.id, i.source]), [
      ['1.1', 'national-procedure-database'],
      ['1.2', 'national-portal'],
      ['3.3', 'data-warehouse'],
      ['4.1', 'national-procedure-database'],
      ['4.4', 'population-database'],
    ]);
    for (const i of missing) assert.ok(i.reason && i.value === null && i.points === null, `${i.id} says why it is not computed`);
    assert.match(of('1.2').reason!, /NATIONAL_PORTAL_AUTH_URL/, 'the sync indicator names what is not configured');
    assert.equal(answer.portalSync.connected, false);
    // Groups out of 100: 18 + 20 + 22 + 22 + 18.
    assert.deepEqual(answer.decision766.groups.map((g) => [g.id, g.maxPoints, g.points, g.scoredMaxPoints]), [
      ['transparency', 18, 0, 0],
      ['progress', 20, 8, 20],
      ['digitisation', 22, 0, 0],
      ['online', 22, 0, 0],
      ['satisfaction', 18, 2.67, 6],
    ]);
    assert.match(of('2.1').formula, /đang giải quyết đã quá hạn/);
  });

  it('exports the figures to an Excel workbook that reads back the same', async () => {
    const response = await p.request('leader.hongha', `/api/statistics/export.xlsx?${WINDOW}&groupBy=procedure`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="thong-ke-ho-so-2030-01-01-2030-02-01\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Thống kê hồ sơ')!;
    // The period in the centre's time, Asia/Ho_Chi_Minh = UTC+07:00 (IANA time zone database), never as UTC ISO timestamps;
    // the agency by its name in the agency directory (processes/agencies.json), not its code.
    assert.equal(sheet.getRow(2).getCell(1).value, 'Từ 01/01/2030 07:00 đến 01/02/2030 07:00 – Ủy ban nhân dân phường Hồng Hà');
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 4), ['Thủ tục', 'Tên', 'Tổng số hồ sơ nộp', 'Đã tiếp nhận']);
    const column = (label: string) => header.indexOf(label) + 1;
    const rows = [];
    for (let n = 5; n <= sheet.rowCount; n++) rows.push(sheet.getRow(n));
    const total = rows.find((r) => r.getCell(1).value === 'Tổng cộng')!;
    assert.deepEqual(
      ['Tổng số hồ sơ nộp', 'Trực tuyến', 'Trực tiếp', 'Bưu chính', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Sắp đến hạn', 'Quá hạn', 'Tạm dừng (chờ bổ sung)', 'Tỷ lệ đúng hạn (%)'].map((l) => total.getCell(column(l)).value),
      [7, 3, 1, 1, 1, 1, 1, 0, 2, 1, 66.67],
    );
    const birth = rows.find((r) => r.getCell(1).value === made.onTime.procedureCode)!;
    assert.match(birth.getCell(2).text, /khai sinh/i);
    assert.equal(birth.getCell(column('Tổng số hồ sơ nộp')).value, 6);
    const indicators = workbook.getWorksheet('Chỉ số QĐ 766')!;
    const onTime = (indicators.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(onTime, ['Hồ sơ giải quyết đúng hạn (kể cả trước hạn)', 2, 3, 66.67, 98]);
    // Levels by their names, "cấp tỉnh" and "cấp xã" of the two-tier local government in force since 1 July 2025
    // (docs/legal-basis.md), not the codes of procedure.json.
    const labels = indicators.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    const byLevel = labels.filter((l) => l.startsWith('Hồ sơ nộp trực tuyến – '));
    assert.ok(byLevel.length > 0, 'the online share is given per level');
    for (const label of byLevel) assert.match(label, /^Hồ sơ nộp trực tuyến – cấp (tỉnh|xã)$/);
    // The scored indicators, as on the dashboard: the on-time rate 2 ÷ 5 worth 8 of 20 points (Decision 766, group 2),
    // and the population-data indicator named as not computable here.
    const scores = workbook.getWorksheet('Điểm QĐ 766')!;
    const scoreRows = [];
    for (let n = 2; n <= scores.rowCount; n++) scoreRows.push(scores.getRow(n));
    const onTimeScore = scoreRows.find((r) => r.getCell(2).value === '2.1')!;
    assert.deepEqual([6, 7, 8, 9, 10].map((c) => onTimeScore.getCell(c).value), [2, 5, 40, 8, 20]);
    assert.match(scoreRows.find((r) => r.getCell(2).value === '4.4')!.getCell(11).text, /^Không tính được trên hệ thống: .*dân cư/);
  });

  it('an agency that only receives an offered procedure is named as the agency directory names it', async () => {
    // processes/agencies.json: UBND-XA-BC is "Ủy ban nhân dân phường Bãi Cháy"; the birth registration
    // bundle belongs to Hồng Hà and is offered by every commune, so no catalogue carries Bãi Cháy's name.
    p.clock.set(new Date('2031-03-03T01:00:00Z'));
    await p.submit('citizen1', BIRTH.slug, BIRTH.application, { agency: 'UBND-XA-BC' });
    const byAgency = await p.call<{ rows: Counts[] }>('supervisor', '/api/statistics/dossiers?from=2031-03-01T00:00:00Z&to=2031-04-01T00:00:00Z&groupBy=agency');
    assert.deepEqual(byAgency.rows.filter((r) => r.key === 'UBND-XA-BC').map((r) => [r.name, r.agencyName, r.submitted]), [['Ủy ban nhân dân phường Bãi Cháy', 'Ủy ban nhân dân phường Bãi Cháy', 1]]);
  });
});
