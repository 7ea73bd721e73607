import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CASES } from '../dossiers/fixtures.js';
import { DossierPlatform, type Dossier } from '../dossiers/support.js';
import type { Schemas } from '../support/api-types.js';

type Feedback = Schemas['FeedbackDto'];

/** Monday 7 January 2030, 15:00 in Vietnam (UTC+7): a working day with no holiday in the fortnight after it. */
const MONDAY_1500 = new Date('2030-01-07T08:00:00Z');
const AGENCY = 'UBND-XA-HH';
const BIRTH = CASES['dang-ky-khai-sinh'];

/**
 * Citizens' feedback (phản ánh, kiến nghị) through the real API: filed by a signed-in applicant about
 * his dossier or anonymously with a contact, read and answered by the agency's leader or a supervisor.
 */
describe('citizen feedback', () => {
  let p: DossierPlatform;
  let dossier: Dossier;
  let about: Feedback;
  let anonymous: Feedback;

  before(async () => {
    p = await DossierPlatform.start();
    p.clock.set(MONDAY_1500);
    dossier = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
  });

  after(async () => {
    await p?.close();
  });

  it('gives the feedback a code and an answer deadline counted in working days on the agency’s calendar', async () => {
    about = await p.call<Feedback>('citizen1', '/api/feedback', { json: { dossierId: dossier.id, contact: '0912345678', content: 'Cán bộ hẹn tôi đi lại hai lần' } }, 201);
    assert.match(about.code, /^PAKN-300107-\d{6}$/);
    assert.equal(about.agencyCode, AGENCY, 'the dossier’s agency answers it');
    assert.equal(about.procedureCode, dossier.procedureCode);
    // FEEDBACK_ANSWER_WORKING_DAYS = 10 (Decree 20/2008/NĐ-CP; the number is to verify, docs/legal-basis.md), counted
    // on working days (Monday–Friday, Labour Code 2019 art. 111 weekly rest): from Monday 7 January 15:00, 8, 9, 10, 11,
    // 14, 15, 16, 17, 18 and 21 January: Monday 21 January 2030 at the hour it was received (15:00 and the seconds the
    // test clock ran on), fourteen calendar days later.
    assert.match(about.dueAt, /^2030-01-21T08:00:/);
    assert.equal(Date.parse(about.dueAt) - Date.parse(about.receivedAt), 14 * 24 * 3_600_000);
    assert.equal(about.state, 'open');

    // Another citizen cannot file feedback in the name of someone else's dossier.
    assert.equal((await p.request('citizen2', '/api/feedback', { json: { dossierId: dossier.id, content: 'x' } })).status, 404);
  });

  it('takes anonymous feedback only with a contact and a known agency', async () => {
    const file = (json: Record<string, unknown>) => p.request(undefined, '/api/public/feedback', { json });
    const noContact = await file({ agencyCode: AGENCY, name: 'Lê Thị Hoa', content: 'Đề nghị niêm yết mẫu tờ khai' });
    assert.equal(noContact.status, 400);
    assert.match(await noContact.text(), /contact/);
    assert.equal((await file({ agencyCode: 'NO-SUCH', name: 'Lê Thị Hoa', contact: 'hoa@example.vn', content: 'x' })).status, 400);
    const created = await file({ agencyCode: AGENCY, name: 'Lê Thị Hoa', contact: 'hoa@example.vn', content: 'Đề nghị niêm yết mẫu tờ khai' });
    assert.equal(created.status, 201);
    anonymous = (await created.json()) as Feedback;
    assert.deepEqual([anonymous.authorName, anonymous.contact, anonymous.dossierId], ['Lê Thị Hoa', 'hoa@example.vn', null]);
  });

  it('shows feedback to its agency’s leaders and to supervisors only', async () => {
    const own = await p.call<{ items: Feedback[] }>('leader.hongha', '/api/feedback');
    assert.deepEqual(own.items.map((f) => f.code).sort(), [about.code, anonymous.code].sort());
    assert.equal(own.items[0].agencyName, 'Ủy ban nhân dân phường Hồng Hà');
    const all = await p.call<{ items: Feedback[] }>('supervisor', `/api/feedback?agencyCode=${AGENCY}`);
    assert.equal(all.items.length, 2);
    assert.equal((await p.call<{ items: Feedback[] }>('leader.sxd', '/api/feedback')).items.length, 0, 'another agency’s leader sees his own only');
    assert.equal((await p.request('leader.sxd', `/api/feedback?agencyCode=${AGENCY}`)).status, 403);
    assert.equal((await p.request('specialist.hongha', '/api/feedback')).status, 403);
    assert.equal((await p.request('citizen1', '/api/feedback')).status, 403);
  });

  it('lets the agency answer once, and the citizen read the answer', async () => {
    const answer = { answer: 'Bộ phận một cửa xin lỗi ông và đã nhắc nhở cán bộ.' };
    assert.equal((await p.request('leader.sxd', `/api/feedback/${about.id}/answer`, { json: answer })).status, 403);
    const answered = await p.call<Feedback>('leader.hongha', `/api/feedback/${about.id}/answer`, { json: answer }, 201);
    assert.equal(answered.state, 'answered');
    assert.match(answered.answeredAt ?? '', /^2030-01-07T08:0/);
    assert.ok(answered.answeredByName && answered.answeredByName !== 'leader.hongha', 'the answer is signed with a name, not a login');
    assert.equal((await p.request('leader.hongha', `/api/feedback/${about.id}/answer`, { json: answer })).status, 409);
    const mine = await p.call<{ items: Feedback[] }>('citizen1', '/api/feedback/mine');
    assert.deepEqual(mine.items.map((f) => [f.code, f.answer]), [[about.code, answer.answer]]);
  });

  it('marks unanswered feedback overdue once its deadline passed', async () => {
    p.clock.set(new Date('2030-01-21T08:01:00Z'));
    const open = await p.call<{ items: Feedback[] }>('leader.hongha', '/api/feedback?show=unanswered');
    assert.deepEqual(open.items.map((f) => [f.code, f.state]), [[anonymous.code, 'overdue']]);
  });
});
