import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';
import { dossiers } from '../../src/dossiers/dossier.schema.js';
import { PortalService } from '../../src/national-portal/national-portal.port.js';
import type { PortalOutboxRecord } from '../../src/national-portal/national-portal.schema.js';
import { PortalOutboxRepository } from '../../src/national-portal/portal-outbox.repository.js';
import { backendName, openTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The portal must see a dossier's progress steps in the order they happened (a status can follow
 * only certain others: the one-stop flow, docs/national-portal.md), so a dossier never has two
 * calls in flight and a failed call holds back the later ones of its dossier only (decision 0021).
 */
describe(`national portal outbox (${backendName})`, () => {
  let database: TestDatabase;
  /** On PostgreSQL a second pool stands for a second process; PGlite allows one process only. */
  let second: DatabaseHandle | undefined;
  let one: PortalOutboxRepository;
  let two: PortalOutboxRepository;

  before(async () => {
    database = await openTestDatabase();
    if (database.url) second = await openDatabase({ url: database.url, dataDir: database.dataDir });
    one = new PortalOutboxRepository(database.db);
    two = new PortalOutboxRepository((second ?? database).db);
  });
  after(async () => {
    await second?.close();
    await database?.close();
  });

  async function dossier(code: string): Promise<string> {
    const [row] = await database.db.insert(dossiers).values({ code, procedureCode: '1.001193', agencyCode: 'UBND-XA-HH', applicantName: 'Nguyễn Văn An', status: 'new' }).returning();
    return row.id;
  }

  async function enqueue(dossierId: string, status: number): Promise<PortalOutboxRecord> {
    return database.db.transaction((tx) => one.enqueue({ dossierId, service: PortalService.UpdateProgress, payload: { TrangThai: String(status) } }, new Date(Date.now() - 1000), tx));
  }

  const lease = () => new Date(Date.now() + 60_000);

  test('a dossier’s calls go one at a time, in order; a failed call holds back only its own dossier', async () => {
    const a = await dossier('OUTBOX-A');
    const b = await dossier('OUTBOX-B');
    const a2 = await enqueue(a, 2);
    const a4 = await enqueue(a, 4);
    const b2 = await enqueue(b, 2);
    assert.deepEqual((await one.claimDue(new Date(), lease(), 10)).map((c) => c.id), [a2.id, b2.id], 'the oldest call of each dossier');
    assert.deepEqual(await one.claimDue(new Date(), lease(), 10), [], 'calls in flight are not claimed again, and nothing passes them');

    await one.scheduleRetry(a2.id, 1, new Date(Date.now() + 60_000), 'portal down');
    await one.markDelivered(b2.id, 1, new Date(), { error_code: '0' });
    const b4 = await enqueue(b, 4);
    assert.deepEqual((await one.claimDue(new Date(), lease(), 10)).map((c) => c.id), [b4.id], 'B goes on while A waits for its back-off');

    await one.scheduleRetry(a2.id, 1, new Date(Date.now() - 1000), 'portal down');
    assert.deepEqual((await one.claimDue(new Date(), lease(), 10)).map((c) => c.id), [a2.id], 'A’s first call again, not its second');
    await one.markDelivered(a2.id, 2, new Date(), { error_code: '0' });
    assert.deepEqual((await one.claimDue(new Date(), lease(), 10)).map((c) => c.id), [a4.id]);
  });

  test('two processes delivering at once never hold two calls of one dossier and deliver each in order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await dossier(`OUTBOX-P${i}`));
    for (const status of [2, 4, 9, 10]) for (const id of ids) await enqueue(id, status);
    const delivered = new Map<string, string[]>();
    for (let round = 0; round < 20; round++) {
      const [x, y] = await Promise.all([one.claimDue(new Date(), lease(), 5), two.claimDue(new Date(), lease(), 5)]);
      const inFlight = [...x, ...y];
      if (inFlight.length === 0) break;
      const perDossier = inFlight.map((c) => c.dossierId);
      assert.equal(new Set(perDossier).size, perDossier.length, 'at most one call of a dossier in flight');
      for (const call of inFlight) {
        await one.markDelivered(call.id, 1, new Date(), { error_code: '0' });
        delivered.set(call.dossierId, [...(delivered.get(call.dossierId) ?? []), String(call.payload.TrangThai)]);
      }
    }
    for (const id of ids) assert.deepEqual(delivered.get(id), ['2', '4', '9', '10'], `dossier ${id}`);
  });
});
