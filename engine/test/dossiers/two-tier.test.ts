import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

/**
 * Two-tier local government (province and commune, since 1 July 2025): a commune-level procedure
 * is the same in every commune, and a dossier may be filed at any one-stop centre of the province
 * regardless of the administrative boundary, then routed to the competent agency (Decree
 * 118/2025/NĐ-CP, one-stop mechanism — article to verify, see docs/legal-basis.md). The shipped
 * birth registration is offered by every commune of processes/agencies.json (phường Hồng Hà and
 * phường Bãi Cháy); the provincial centre (TTPVHCC) has reception officers only.
 * Over real HTTP with real tokens of the built-in provider, on PGlite or TEST_DATABASE_URL.
 */
const BIRTH = CASES['dang-ky-khai-sinh'];
const BAI_CHAY = 'UBND-XA-BC';

interface ControlSheet {
  entries: { elementId: string; unitAgencyCode: string; receiverGroup: string | null }[];
}

describe('two-tier organisation: one procedure, every commune, intake at any centre', () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });

  after(async () => {
    await p?.close();
  });

  /** A counter submission by `officer` of the birth registration, for `agency` when given. */
  async function atCounter(officer: string, agency?: string): Promise<Response> {
    const attachments = await mandatoryAttachments(officer);
    return p.request(officer, '/api/dossiers/counter', {
      json: { procedure: BIRTH.slug, ...(agency ? { agency } : {}), application: BIRTH.application, attachments, applicant: { fullName: 'Trần Văn Bình' } },
    });
  }

  test('the public catalogue lists every commune offering the birth registration, and says which is competent', async () => {
    const catalogue = await p.call<{ offeringAgencies: { code: string; name: string }[]; offeredBy: { choiceHint?: string } }>('citizen1', `/api/public/procedures/${BIRTH.slug}`);
    assert.deepEqual(catalogue.offeringAgencies, [
      { code: 'UBND-XA-HH', name: 'Ủy ban nhân dân phường Hồng Hà' },
      { code: BAI_CHAY, name: 'Ủy ban nhân dân phường Bãi Cháy' },
    ]);
    // Luật Hộ tịch 2014, Điều 13: "Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ thực
    // hiện đăng ký khai sinh" — what the applicant reads beside the choice of commune.
    assert.match(catalogue.offeredBy.choiceHint ?? '', /nơi cư trú của người cha hoặc người mẹ \(Luật Hộ tịch 2014, Điều 13\)/);
  });

  test('a commune procedure received at the provincial centre for phường Bãi Cháy lands in Bãi Cháy’s worklist', async () => {
    const response = await atCounter('reception.ttpvhcc', BAI_CHAY);
    assert.equal(response.status, 201, await response.clone().text());
    const dossier = (await response.json()) as Dossier & { receivingAgencyCode: string | null };
    assert.equal(dossier.agencyCode, BAI_CHAY);
    assert.equal(dossier.receivingAgencyCode, 'TTPVHCC');
    // The dossier code begins with the competent agency's electronic identifier (mã định danh điện
    // tử, Decision 20/2020/QĐ-TTg) from processes/agencies.json: "identifier of the agency that
    // handles the procedure - receipt day - sequence" (Decree 61/2018/NĐ-CP on the dossier code).
    assert.match(dossier.code, /^000\.22\.00\.H40-\d{6}-\d{4}$/);

    // The centre that received it checks it and issues the receipt; Bãi Cháy's reception does not.
    await p.completeStep('reception.ttpvhcc', dossier.id, 'Task_TiepNhan', RECEIVE);
    const appraisal = await p.task('specialist.baichay', dossier.id, 'Task_ThamDinh');
    assert.equal(appraisal.dossier.code, dossier.code);
    assert.ok(!(await p.worklist('reception.baichay')).some((i) => i.dossier.id === dossier.id), 'the receipt was not Bãi Cháy’s to do');
    assert.ok(!(await p.worklist('specialist.hongha')).some((i) => i.dossier.id === dossier.id), 'not in another commune’s worklist');

    // The control sheet records the hand-over from the receiving centre to the competent agency.
    const sheet = await p.call<ControlSheet>('specialist.baichay', `/api/dossiers/${dossier.id}/control-sheet`);
    assert.deepEqual(
      sheet.entries.map((e) => [e.elementId, e.unitAgencyCode]),
      [
        ['Task_TiepNhan', 'TTPVHCC'],
        ['Task_ThamDinh', BAI_CHAY],
      ],
    );
    // The receiving centre's officer can still read it (he returns the result); another commune cannot.
    assert.equal((await p.request('reception.ttpvhcc', `/api/dossiers/${dossier.id}`)).status, 200);
    assert.equal((await p.request('specialist.hongha', `/api/dossiers/${dossier.id}`)).status, 404);
  });

  test('received at phường Hồng Hà for phường Bãi Cháy: not in Hồng Hà’s specialists’ worklist', async () => {
    const response = await atCounter('reception.hongha', BAI_CHAY);
    assert.equal(response.status, 201, await response.clone().text());
    const dossier = (await response.json()) as Dossier;
    await p.completeStep('reception.hongha', dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.task('specialist.baichay', dossier.id, 'Task_ThamDinh');
    assert.ok(!(await p.worklist('specialist.hongha')).some((i) => i.dossier.id === dossier.id));
    const list = await p.call<{ items: { id: string }[] }>('specialist.hongha', '/api/dossiers?limit=200');
    assert.ok(!list.items.some((d) => d.id === dossier.id), 'nor in Hồng Hà’s specialists’ dossier list');
  });

  test('a fee asked after receipt is paid at the counter of the centre that received the dossier', async () => {
    const business = CASES['dang-ky-ho-kinh-doanh'];
    const fileId = await p.upload('reception.ttpvhcc', 'giay-de-nghi.pdf');
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>('reception.ttpvhcc', `/api/public/procedures/${business.slug}`);
    const attachments = catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ document: d.name, fileId }));
    const dossier = await p.call<Dossier>('reception.ttpvhcc', '/api/dossiers/counter', {
      json: { procedure: business.slug, agency: BAI_CHAY, application: business.application, attachments, applicant: { fullName: 'Trần Văn Bình' } },
    }, 201);
    await p.completeStep('reception.ttpvhcc', dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.waitForStatus('reception.ttpvhcc', dossier.id, 'waiting_for_fee');
    // The household business fee of its catalogue entry (processes/dang-ky-ho-kinh-doanh/procedure.json, LP-HKD).
    const { code, amount } = business.feeAtReceipt!;
    const fee = { amount, feeCode: code, receiptNumber: 'BL-TTPVHCC-0001' };
    await p.call('reception.ttpvhcc', `/api/dossiers/${dossier.id}/fee-payments`, { json: fee }, 201);
    await p.task('specialist.baichay', dossier.id, 'Task_ThamDinh');
  });

  test('at the counter of a commune offering it, the officer’s own commune is the competent one by default', async () => {
    const response = await atCounter('reception.baichay');
    assert.equal(response.status, 201, await response.clone().text());
    assert.equal(((await response.json()) as Dossier).agencyCode, BAI_CHAY);
  });

  test('a citizen’s online submission to a chosen commune lands in that commune’s worklist', async () => {
    const dossier = await p.submit('citizen2', BIRTH.slug, BIRTH.application, { agency: BAI_CHAY });
    assert.equal(dossier.agencyCode, BAI_CHAY);
    await p.task('reception.baichay', dossier.id, 'Task_TiepNhan');
    assert.ok(!(await p.worklist('reception.hongha')).some((i) => i.dossier.id === dossier.id));
  });

  test('an agency that does not offer the procedure, or no choice among several, is refused with 400 and the list', async () => {
    const cases: [string, string, Record<string, unknown>, RegExp][] = [
      ['citizen1', '/api/dossiers', { procedure: BIRTH.slug, agency: 'SXD', application: BIRTH.application }, /không do cơ quan SXD thực hiện/],
      ['citizen1', '/api/dossiers', { procedure: BIRTH.slug, application: BIRTH.application }, /do nhiều cơ quan thực hiện/],
      // The provincial centre offers no commune procedure itself: it must say for which commune.
      ['reception.ttpvhcc', '/api/dossiers/counter', { procedure: BIRTH.slug, application: BIRTH.application, applicant: { fullName: 'Trần Văn Bình' } }, /do nhiều cơ quan thực hiện/],
    ];
    for (const [user, path, body, message] of cases) {
      const withFiles = { ...body, attachments: await mandatoryAttachments(user) };
      const response = await p.request(user, path, { json: withFiles });
      const answer = (await response.json()) as { message: string; agencies?: { code: string }[] };
      assert.equal(response.status, 400, JSON.stringify(answer));
      assert.match(answer.message, message);
      assert.deepEqual(answer.agencies?.map((a) => a.code), ['UBND-XA-HH', BAI_CHAY]);
    }
  });

  async function mandatoryAttachments(username: string) {
    const fileId = await p.upload(username, 'giay-chung-sinh.pdf');
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>(username, `/api/public/procedures/${BIRTH.slug}`);
    return catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ document: d.name, fileId }));
  }
});
