import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';
import { OutboxRepository } from '../../src/federation/outbox.repository.js';
import { backendName, openTestDatabase, type TestDatabase } from '../support/database.js';

describe(`federation outbox (${backendName})`, () => {
  let database: TestDatabase;
  /** On PostgreSQL a second pool stands for a second process; PGlite allows one process only. */
  let second: DatabaseHandle | undefined;
  let one: OutboxRepository;
  let two: OutboxRepository;

  before(async () => {
    database = await openTestDatabase();
    if (database.url) second = await openDatabase({ url: database.url, dataDir: database.dataDir });
    one = new OutboxRepository(database.db);
    two = new OutboxRepository((second ?? database).db);
  });
  after(async () => {
    await second?.close();
    await database?.close();
  });

  test('a message is enqueued once per dedupe key, in the caller’s transaction', async () => {
    const now = new Date();
    const first = await one.enqueue({ peerId: 'qn-b', kind: 'consultation.request', dedupeKey: 'k-once', payload: { n: 1 } }, now);
    const again = await one.enqueue({ peerId: 'qn-b', kind: 'consultation.request', dedupeKey: 'k-once', payload: { n: 2 } }, now);
    assert.equal(again.id, first.id);
    assert.deepEqual(again.payload, { n: 1 });
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await one.enqueue({ peerId: 'qn-b', kind: 'consultation.request', dedupeKey: 'k-rolled-back', payload: {} }, now, tx);
        throw new Error('the business change failed');
      }),
    );
    assert.equal(await one.findByDedupeKey('k-rolled-back'), undefined, 'rolled back with the change');
    await one.markDelivered(first.id, 1, now, {});
  });

  test('two processes claiming at once share the due messages without taking one twice', async () => {
    const now = new Date(Date.now() - 1000);
    for (let i = 0; i < 30; i++) await one.enqueue({ peerId: 'qn-b', kind: 'consultation.request', dedupeKey: `k-${i}`, payload: { i } }, now);
    const lease = new Date(Date.now() + 60_000);
    const taken: string[] = [];
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([one.claimDue(new Date(), lease, 4), two.claimDue(new Date(), lease, 4)]);
      taken.push(...a.map((r) => r.id), ...b.map((r) => r.id));
    }
    assert.equal(new Set(taken).size, taken.length, 'no message claimed twice');
    assert.equal(taken.length, 30);
    assert.deepEqual(await one.claimDue(new Date(), lease, 10), [], 'leased messages are not due');
  });

  test('a delivered message is never due again; a failed attempt is retried after its back-off', async () => {
    const delivered = (await one.findByDedupeKey('k-0'))!;
    const failed = (await one.findByDedupeKey('k-1'))!;
    const past = new Date(Date.now() - 1000);
    await one.markDelivered(delivered.id, 1, new Date(), { status: 'accepted' });
    await one.scheduleRetry(delivered.id, 2, past, 'a late failure of a duplicate attempt');
    await one.scheduleRetry(failed.id, 1, past, 'HTTP 503');
    const due = await two.claimDue(new Date(), new Date(Date.now() + 60_000), 10);
    assert.deepEqual(due.map((r) => r.id), [failed.id]);
    const after = (await one.findByDedupeKey('k-0'))!;
    assert.equal(after.status, 'delivered');
    assert.equal(after.attempts, 1);
    assert.equal(after.lastError, null);
  });
});
