import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backendName } from '../support/database.js';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';
import type { Schemas } from '../support/api-types.js';

/** Monday 7 January 2030, 08:00 in Vietnam: a working day. */
const MONDAY_0800 = new Date('2030-01-07T01:00:00Z');
const BIRTH = CASES['dang-ky-khai-sinh'];
const BUSINESS = CASES['dang-ky-ho-kinh-doanh'];
const CRIMINAL_RECORD = CASES['cap-phieu-ly-lich-tu-phap'];

type Page = Omit<Schemas['DossierPageDto'], 'items'> & { items: Dossier[] };

/** GET /api/dossiers with filters, as real users with real tokens, over the dossiers of two agencies. */
describe(`dossier list filters (${backendName})`, () => {
  let p: DossierPlatform;
  const made: Record<string, Dossier> = {};

  /**
   * Codes of this test's dossiers on every page of the list, following `next`. The demo dossiers
   * seeded at start share the agencies and are still being moved on in the background: left aside.
   */
  async function codes(username: string, query: string, limit = 200): Promise<string[]> {
    const out: string[] = [];
    let after: string | undefined;
    do {
      const page = await p.call<Page>(username, `/api/dossiers?limit=${limit}${query ? `&${query}` : ''}${after ? `&after=${after}` : ''}`);
      out.push(...page.items.map((d) => d.code));
      after = page.next;
    } while (after);
    const mine = new Set(Object.values(made).map((d) => d.code));
    return out.filter((code) => mine.has(code)).sort();
  }
  const codesOf = (...keys: string[]) => keys.map((k) => made[k].code).sort();

  before(async () => {
    p = await DossierPlatform.start({ SEED_DEMO_DOSSIERS: 'true' });
    p.clock.set(MONDAY_0800);
    made.an = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    made.binh = await p.submit('citizen2', BIRTH.slug, BIRTH.application);
    made.business = await p.submit('citizen1', BUSINESS.slug, BUSINESS.application);
    made.otherAgency = await p.submit('citizen1', CRIMINAL_RECORD.slug, CRIMINAL_RECORD.application);
    // Entered at the counter for someone without an account.
    const officer = 'reception.hongha';
    const catalogue = await p.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>(officer, `/api/public/procedures/${BIRTH.slug}`);
    const attachments = [];
    for (const d of catalogue.requiredDocuments.filter((x) => x.mandatory)) attachments.push({ document: d.name, fileId: await p.upload(officer, 'scan.pdf') });
    made.counter = await p.call<Dossier>(
      officer,
      '/api/dossiers/counter',
      { json: { procedure: BIRTH.slug, application: BIRTH.application, attachments, applicant: { fullName: 'Đặng Thị Ánh Tuyết' } } },
      201,
    );
    await p.completeStep(officer, made.an.id, 'Task_TiepNhan', RECEIVE);
  });

  after(async () => {
    await p?.close();
  });

  it('narrows by one or several statuses, repeated or comma-separated', async () => {
    const received = await p.call<Dossier>('reception.hongha', `/api/dossiers/${made.an.id}`);
    assert.equal(received.status, 'received');
    assert.deepEqual(await codes('reception.hongha', 'status=received'), codesOf('an'));
    assert.deepEqual(await codes('reception.hongha', 'status=new'), codesOf('binh', 'business', 'counter'));
    assert.deepEqual(await codes('reception.hongha', 'status=new,received'), codesOf('an', 'binh', 'business', 'counter'));
    assert.deepEqual(await codes('reception.hongha', 'status=new&status=received'), codesOf('an', 'binh', 'business', 'counter'));
    assert.deepEqual(await codes('reception.hongha', 'status=done'), []);
  });

  it('narrows by procedure code', async () => {
    assert.notEqual(made.business.procedureCode, made.an.procedureCode);
    assert.deepEqual(await codes('reception.hongha', `procedure=${encodeURIComponent(made.business.procedureCode)}`), codesOf('business'));
    assert.deepEqual(await codes('reception.hongha', `procedure=${encodeURIComponent(made.an.procedureCode)}`), codesOf('an', 'binh', 'counter'));
    // The other agency's procedure: none of the commune's dossiers.
    assert.deepEqual(await codes('reception.hongha', `procedure=${encodeURIComponent(made.otherAgency.procedureCode)}`), []);
  });

  it('searches the code or the applicant’s name, with or without accents and in any case', async () => {
    const search = (q: string, user = 'reception.hongha') => codes(user, `q=${encodeURIComponent(q)}`);
    assert.deepEqual(await search('Trần Thị Bình'), codesOf('binh'));
    assert.deepEqual(await search('tran thi binh'), codesOf('binh'));
    assert.deepEqual(await search('TRẦN'), codesOf('binh'));
    assert.deepEqual(await search('anh tuyet'), codesOf('counter'), 'Đ and Á fold to d and a');
    assert.deepEqual(await search('dang thi'), codesOf('counter'));
    assert.deepEqual(await search('nguyen van an'), codesOf('an', 'business'));
    assert.deepEqual(await search(made.binh.code.toLowerCase()), codesOf('binh'), 'the code, in any case');
    assert.deepEqual(await search(made.counter.code.slice(-9)), codesOf('counter'), 'part of the code');
    assert.deepEqual(await search('100%_'), [], 'LIKE wildcards are plain characters');
    // The access rules hold under the search: another citizen's name finds nothing of his.
    assert.deepEqual(await search('nguyen van an', 'citizen2'), []);
    assert.deepEqual(await search('binh', 'citizen2'), codesOf('binh'));
    // A citizen finds his dossiers of every agency; an officer only his agency's.
    assert.deepEqual(await search('nguyen van an', 'citizen1'), codesOf('an', 'business', 'otherAgency'));
    assert.deepEqual(await search('nguyen van an', 'supervisor'), codesOf('an', 'business', 'otherAgency'));
  });

  it('narrows by the received period: local days or instants', async () => {
    const all = codesOf('an', 'binh', 'business', 'counter');
    assert.deepEqual(await codes('reception.hongha', 'receivedFrom=2030-01-07&receivedTo=2030-01-07'), all);
    assert.deepEqual(await codes('reception.hongha', 'receivedFrom=2030-01-08'), []);
    assert.deepEqual(await codes('reception.hongha', 'receivedTo=2030-01-06'), []);
    // 2030-01-07 00:30 in Vietnam is still 6 January in UTC: the day is the calendar's.
    assert.deepEqual(await codes('reception.hongha', `receivedFrom=${encodeURIComponent('2030-01-07T00:59:00+07:00')}`), all);
    assert.deepEqual(await codes('reception.hongha', `receivedTo=${encodeURIComponent('2030-01-07T00:59:00Z')}`), []);
    assert.deepEqual(await codes('reception.hongha', 'receivedFrom=2030-01-01&status=new'), codesOf('binh', 'business', 'counter'), 'combined with other filters');
  });

  it('narrows open dossiers to those due soon or late, on the platform clock', async () => {
    // Only a received dossier has an appointment: it is set at receipt (Decree 61/2018 art. 15),
    // so the dossiers still waiting at reception are neither due soon nor late.
    const birth = await p.dossier('reception.hongha', made.an.id);
    const business = made.business;
    assert.equal(business.dueDate, null, 'not received: no appointment');
    assert.deepEqual(await codes('reception.hongha', 'dueWithin=due_soon'), []);
    assert.deepEqual(await codes('reception.hongha', 'dueWithin=late'), []);
    const saved = p.clock.now();
    try {
      p.clock.set(new Date((Date.parse(birth.warningDate) + Date.parse(birth.dueDate)) / 2));
      assert.deepEqual(await codes('reception.hongha', 'dueWithin=due_soon'), codesOf('an'));
      assert.deepEqual(await codes('reception.hongha', 'dueWithin=late'), []);
      assert.deepEqual(await codes('citizen2', 'dueWithin=due_soon'), [], 'only what the caller may see');
      p.clock.set(new Date(Date.parse(birth.dueDate) + 3600_000));
      assert.deepEqual(await codes('reception.hongha', 'dueWithin=due_soon'), []);
      assert.deepEqual(await codes('reception.hongha', 'dueWithin=late'), codesOf('an'));
      assert.deepEqual(await codes('reception.hongha', 'dueWithin=late&status=new'), []);
    } finally {
      p.clock.set(saved);
    }
  });

  it('pages through a filtered list without losing or repeating a dossier', async () => {
    const one = await codes('reception.hongha', 'q=nguyen&status=new,received', 1);
    assert.deepEqual(one, codesOf('an', 'business'));
    const first = await p.call<Page>('reception.hongha', '/api/dossiers?limit=1&q=nguyen');
    assert.equal(first.items.length, 1);
    assert.ok(first.next, 'a second page is announced');
  });

  it('refuses malformed filters with the field named', async () => {
    const bad = async (query: string, pattern: RegExp) => {
      const response = await p.request('reception.hongha', `/api/dossiers?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(await response.text(), pattern);
    };
    await bad('status=received,archived', /status must be one of/);
    await bad('dueWithin=tomorrow', /dueWithin must be one of/);
    await bad('receivedFrom=7%2F1%2F2030', /receivedFrom must be a date/);
    await bad('receivedFrom=2030-01-08&receivedTo=2030-01-07', /receivedTo must not be before receivedFrom/);
    await bad('after=42', /after must be the id of a dossier/);
  });
});
