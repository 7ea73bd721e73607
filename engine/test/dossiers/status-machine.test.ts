import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { dossierHistory, dossiers } from '../../src/dossiers/dossier.schema.js';
import { DossierLifecycle } from '../../src/dossiers/dossier-lifecycle.service.js';
import { ALL_STATUSES, canTransition, FINAL_STATUSES, type DossierStatus } from '../../src/dossiers/dossier-status.js';
import { IllegalStatusTransition } from '../../src/dossiers/status-transition.js';
import { backendName } from '../support/database.js';
import { CASES } from './fixtures.js';
import { DossierPlatform } from './support.js';

/**
 * The one-stop flow as Decree 61/2018/NĐ-CP (amended by Decree 107/2021/NĐ-CP) and Decree 118/2025/NĐ-CP
 * order it — receipt at the counter, transfer to the competent unit, handling, return of the result —
 * written out here independently of the table in the code: each legal change with the step that
 * allows it (articles in docs/legal-basis.md).
 */
const LEGAL: [DossierStatus, DossierStatus, string][] = [
  ['new', 'received', 'the counter receives a complete dossier'],
  ['new', 'not_received', 'the counter refuses a dossier outside its competence'],
  ['new', 'supplement_requested', 'the counter asks once, in writing, for what is missing'],
  ['new', 'waiting_for_fee', 'fees are paid at the counter on receipt'],
  ['new', 'withdrawn', 'the applicant may withdraw before a result'],
  ['new', 'stopped', 'the handling stops (model path "Dừng xử lý")'],
  ['received', 'processing', 'the counter hands the dossier to the competent unit'],
  ['received', 'supplement_requested', 'the handling unit asks for a supplement'],
  ['received', 'waiting_for_fee', 'a fee asked during handling'],
  ['received', 'withdrawn', 'withdrawn before a result'],
  ['received', 'stopped', 'refusal of the handling'],
  ['received', 'done', 'a result made on receipt (procedures settled at the counter)'],
  ['processing', 'supplement_requested', 'supplement requested during appraisal'],
  ['processing', 'waiting_for_fee', 'a fee asked during handling'],
  ['processing', 'withdrawn', 'withdrawn before a result'],
  ['processing', 'stopped', 'refusal of the handling, with reasons'],
  ['processing', 'done', 'the result is signed'],
  ['supplement_requested', 'new', 'the supplement arrives: back to where it was asked'],
  ['supplement_requested', 'received', 'the supplement arrives: back to where it was asked'],
  ['supplement_requested', 'processing', 'the supplement arrives: back to where it was asked'],
  ['supplement_requested', 'not_received', 'the counter refuses after the supplement request'],
  ['supplement_requested', 'withdrawn', 'the applicant gives up'],
  ['supplement_requested', 'stopped', 'no supplement in time: the handling stops'],
  ['waiting_for_fee', 'new', 'the fee paid: back to where it was asked'],
  ['waiting_for_fee', 'received', 'the fee paid: back to where it was asked'],
  ['waiting_for_fee', 'processing', 'the fee paid: back to where it was asked'],
  ['waiting_for_fee', 'done', 'the fee paid on return of the result'],
  ['waiting_for_fee', 'withdrawn', 'the applicant gives up'],
  ['waiting_for_fee', 'stopped', 'fee never paid: the handling stops'],
  ['done', 'returned', 'the result is handed over'],
  ['done', 'waiting_for_fee', 'a fee collected when the result is handed over'],
];

describe('dossier status transitions (one-stop receipt, transfer, handling and return; national portal statuses)', () => {
  const legal = new Set(LEGAL.map(([from, to]) => `${from}→${to}`));

  for (const from of ALL_STATUSES) {
    for (const to of ALL_STATUSES) {
      if (from === to) continue;
      const expected = legal.has(`${from}→${to}`);
      test(`${from} → ${to} is ${expected ? 'legal' : 'refused'}`, () => {
        assert.equal(canTransition(from, to), expected);
      });
    }
  }

  test('not received, withdrawn, stopped and returned are final: nothing leaves them', () => {
    assert.deepEqual([...FINAL_STATUSES].sort(), ['not_received', 'returned', 'stopped', 'withdrawn']);
    for (const from of FINAL_STATUSES) assert.deepEqual(ALL_STATUSES.filter((to) => canTransition(from, to)), []);
  });
});

describe(`an illegal status change is refused and changes nothing (${backendName})`, () => {
  let p: DossierPlatform;
  let db: Database;
  let lifecycle: DossierLifecycle;
  let dossierId: string;

  before(async () => {
    p = await DossierPlatform.start();
    db = p.platform.app.get<Database>(DATABASE);
    lifecycle = p.platform.app.get(DossierLifecycle);
    const birth = CASES['dang-ky-khai-sinh'];
    dossierId = (await p.submit('citizen1', birth.slug, birth.application)).id;
    // Through the legal path to a handed-over result.
    for (const status of ['received', 'processing', 'done', 'returned'] as const) await lifecycle.setStatus(dossierId, status, { note: 'test path' });
  });
  after(async () => {
    await p?.close();
  });

  async function snapshot() {
    const [row] = await db.select().from(dossiers).where(eq(dossiers.id, dossierId));
    const [history] = await db.select({ n: count() }).from(dossierHistory).where(eq(dossierHistory.dossierId, dossierId));
    return { status: row.status, updatedAt: row.updatedAt.toISOString(), finishedAt: row.finishedAt?.toISOString(), historyRows: history.n };
  }

  test('the state machine refuses to leave a returned dossier', async () => {
    const before = await snapshot();
    assert.equal(before.status, 'returned');
    await assert.rejects(lifecycle.setStatus(dossierId, 'processing'), (error) => {
      assert.ok(error instanceof IllegalStatusTransition);
      assert.match(error.message, /cannot go from 'returned' .* to 'processing'/);
      return true;
    });
    assert.deepEqual(await snapshot(), before);
  });

  test('withdrawing a returned dossier answers 409 and leaves the dossier and its process as they were', async () => {
    const before = await snapshot();
    const dossier = await p.dossier('citizen1', dossierId);
    const response = await p.request('citizen1', `/api/dossiers/${dossierId}/withdraw`, { json: { reason: 'Không còn nhu cầu' } });
    assert.equal(response.status, 409, await response.text());
    assert.deepEqual(await snapshot(), before);
    // Refused before the engine heard of it: the instance was not cancelled.
    assert.equal((await p.engine.getProcessInstance(dossier.processInstanceKey)).state, 'ACTIVE');
  });
});
