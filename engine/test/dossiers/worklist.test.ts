import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { DeadlineMonitor } from '../../src/dossiers/deadline-monitor.js';
import { dossierControlEntries, dossierHistory, dossiers } from '../../src/dossiers/dossier.schema.js';
import { backendName } from '../support/database.js';
import { CASES } from './fixtures.js';
import { DossierPlatform, waitFor } from './support.js';
import type { Schemas } from '../support/api-types.js';

type WorkPage = Schemas['WorkPageDto'];

describe(`the worklist: one agency, the caller's roles, paged in the database; reading it writes nothing (${backendName})`, () => {
  let p: DossierPlatform;
  let db: Database;
  const birth = CASES['dang-ky-khai-sinh'];
  const record = CASES['cap-phieu-ly-lich-tu-phap'];
  const hongha: string[] = [];
  let policeDossier: string;

  before(async () => {
    // No periodic reconciliation during the test: whatever is written, a request wrote.
    p = await DossierPlatform.start({ DEADLINE_CHECK_SECONDS: '3600' });
    db = p.platform.app.get<Database>(DATABASE);
    for (let i = 0; i < 3; i++) hongha.push((await p.submit('citizen1', birth.slug, birth.application)).id);
    policeDossier = (await p.submit('citizen2', record.slug, record.application)).id;
    for (const id of hongha) await p.task(`reception.${birth.staff}`, id, 'Task_TiepNhan');
    await p.task(`reception.${record.staff}`, policeDossier, 'Task_TiepNhan');
  });
  after(async () => {
    await p?.close();
  });

  test('pages of two follow one another without gap or repeat, oldest hand-over first', async () => {
    const officer = `reception.${birth.staff}`;
    const pages: WorkPage[] = [];
    let after: string | undefined;
    do {
      const page: WorkPage = await p.call<WorkPage>(officer, `/api/tasks?limit=2${after ? `&after=${after}` : ''}`);
      pages.push(page);
      after = page.next;
    } while (after);
    assert.ok(pages.length >= 2, 'three dossiers take two pages of two');
    for (const page of pages.slice(0, -1)) assert.equal(page.items.length, 2, 'every page but the last is full');
    const keys = pages.flatMap((page) => page.items.map((i) => i.userTaskKey));
    assert.equal(new Set(keys).size, keys.length, 'no step on two pages');
    assert.deepEqual(await p.worklist(officer).then((all) => all.map((i) => i.userTaskKey)), keys, 'the pages together are the whole worklist');
    // Submitted one after the other, so handed over to reception in that order.
    const ids = pages.flatMap((page) => page.items.map((i) => i.dossier.id));
    assert.deepEqual(ids.filter((id) => hongha.includes(id)), hongha);
  });

  test("an officer never sees another agency's step (the one-stop counter of each agency handles its own dossiers)", async () => {
    const hongHaItems = await p.worklist(`reception.${birth.staff}`);
    assert.ok(!hongHaItems.some((i) => i.dossier.id === policeDossier), 'CA dossier in UBND-XA-HH worklist');
    const policeItems = (await p.worklist(`reception.${record.staff}`)).map((i) => i.dossier.id);
    assert.ok(policeItems.includes(policeDossier));
    assert.deepEqual(policeItems.filter((id) => hongha.includes(id)), [], 'UBND-XA-HH dossiers in the CA worklist');
    // Another role of the same agency does not see the reception step either.
    assert.deepEqual((await p.worklist(`specialist.${birth.staff}`)).filter((i) => hongha.includes(i.dossier.id)), []);
  });

  test('a limit out of range is refused with 400', async () => {
    for (const limit of ['0', '201', 'x']) {
      const response = await p.request(`reception.${birth.staff}`, `/api/tasks?limit=${limit}`);
      assert.equal(response.status, 400, `limit=${limit}`);
    }
  });

  test('GET /api/tasks and the dossier reads leave the database as it was, even when the engine is ahead of the control sheet', async () => {
    const officer = `reception.${birth.staff}`;
    const [behind] = hongha;
    // The engine holds a step whose hand-over is not recorded yet (as after a timer): a read must not record it.
    await db.delete(dossierControlEntries).where(eq(dossierControlEntries.dossierId, behind));
    const snapshot = async () =>
      JSON.stringify({
        dossiers: await db.select().from(dossiers).orderBy(asc(dossiers.id)),
        history: await db.select().from(dossierHistory).orderBy(asc(dossierHistory.id)),
        control: await db.select().from(dossierControlEntries).orderBy(asc(dossierControlEntries.id)),
      });
    const before = await snapshot();
    const page = await p.call<WorkPage>(officer, '/api/tasks');
    assert.ok(!page.items.some((i) => i.dossier.id === behind), 'a step the control sheet does not hold yet is not listed');
    for (const path of ['', '/history', '/control-sheet', '/documents']) await p.call(officer, `/api/dossiers/${behind}${path}`);
    await p.call('citizen1', `/api/dossiers/${behind}`);
    assert.equal(await snapshot(), before);
  });

  test('the periodic reconciliation, not a read, records the hand-over', async () => {
    const [behind] = hongha;
    const item = await waitFor('the step back in the worklist after the periodic reconciliation', async () => {
      await p.platform.app.get(DeadlineMonitor).check();
      return (await p.worklist(`reception.${birth.staff}`)).find((i) => i.dossier.id === behind);
    });
    assert.equal(item.elementId, 'Task_TiepNhan');
  });
});
