import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { dossiers } from '../../src/dossiers/dossier.schema.js';
import { pdfText, runOnPdf, withTools } from '../documents/tools.js';
import { LOOKUP_BURST } from '../../src/dossiers/public-lookup.controller.js';
import { TokenBuckets } from '../../src/web/client-rate-limit.js';
import { STATUS_LABELS } from '../../src/dossiers/dossier-status.js';
import { backendName } from '../support/database.js';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

const BIRTH = CASES['dang-ky-khai-sinh'];
/** citizen1's identity number (the demo account's citizenId claim, recorded on his dossiers). */
const CITIZEN1_ID = '022090001234';
/**
 * The number citizen1 types on the birth registration form instead of his account's (issue 11: the
 * citizen knows the number he typed, not the one his account holds). The form's field for it is the
 * one marked `"prefill": "account.idNumber"` (forms/dang-ky-khai-sinh/to-khai.form, nguoiYeuCauSoDinhDanh).
 */
const TYPED_ID = '022085007777';
/** The mother's number on the same form (meSoDinhDanh): an identity number of the application, not the applicant's. */
const MOTHER_ID = BIRTH.application.meSoDinhDanh as string;

describe('token buckets', () => {
  test('a burst of `capacity`, then one token per refill interval, per key', () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets(3, 0.5, () => now);
    assert.deepEqual([1, 2, 3].map(() => buckets.take('a')), [0, 0, 0]);
    assert.equal(buckets.take('a'), 2, 'half a token a second: the next one in 2 s');
    assert.equal(buckets.take('b'), 0, 'another key has its own bucket');
    now += 1000;
    assert.equal(buckets.take('a'), 1, 'half a token after 1 s: 1 s to go');
    now += 1000;
    assert.equal(buckets.take('a'), 0);
    assert.equal(buckets.take('a'), 2);
    now += 60_000;
    assert.deepEqual([1, 2, 3, 4].map(() => buckets.take('a')), [0, 0, 0, 2], 'refills up to the capacity only');
  });

  test('forgets the least recently seen keys beyond its size', () => {
    const buckets = new TokenBuckets(1, 0.001, () => 0, 2);
    assert.equal(buckets.take('a'), 0);
    assert.equal(buckets.take('b'), 0);
    assert.equal(buckets.take('c'), 0);
    assert.equal(buckets.take('a'), 0, "'a' was dropped and starts full again");
    assert.ok(buckets.take('c') > 0, "'c' is still counted");
  });
});

/** GET /api/public/dossiers/lookup over real HTTP, without a token. */
describe(`public dossier lookup (${backendName})`, () => {
  let p: DossierPlatform;
  let received: Dossier & { receivedAt: string; procedureName: string };

  before(async () => {
    // The lookups below come through a proxy on loopback that names each client.
    p = await DossierPlatform.start({ TRUSTED_PROXIES: 'loopback' });
    const submitted = await p.submit('citizen1', BIRTH.slug, BIRTH.application);
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    received = (await p.dossier('citizen1', submitted.id)) as typeof received;
  });
  after(async () => {
    await p?.close();
  });

  /** A dossier whose form names another number than the account's, received so that its receipt is issued. */
  async function submitWithTypedNumber(): Promise<Dossier> {
    const submitted = await p.submit('citizen1', BIRTH.slug, { ...BIRTH.application, nguoiYeuCauSoDinhDanh: TYPED_ID });
    await p.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    return p.dossier('citizen1', submitted.id);
  }

  /** Each test looks up from its own address (X-Forwarded-For from the loopback proxy), so buckets do not mix. */
  const lookup = (client: string, query: Record<string, string>) =>
    p.request(undefined, `/api/public/dossiers/lookup?${new URLSearchParams(query).toString()}`, { headers: { 'x-forwarded-for': client } });

  test('the code and the applicant’s identity number together answer the dossier’s progress and nothing more', async () => {
    const response = await lookup('198.51.100.1', { code: received.code.toLowerCase(), idNumber: CITIZEN1_ID });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      code: received.code,
      procedureName: 'Đăng ký khai sinh',
      status: received.status,
      statusLabel: STATUS_LABELS[received.status],
      receivedAt: received.receivedAt,
      dueDate: received.dueDate,
      finishedAt: null,
    });
    assert.notEqual(received.receivedAt, null);
    assert.notEqual(received.dueDate, null);
  });

  test('a wrong code, a wrong number or both answer the same 404; a malformed query 400', async () => {
    const client = '198.51.100.2';
    const answers = [];
    for (const query of [
      { code: received.code, idNumber: '022190005678' },
      { code: `${received.code.slice(0, -1)}9`, idNumber: CITIZEN1_ID },
      { code: 'UBND-XA-HH-000000-0000', idNumber: '001099000000' },
    ]) {
      const response = await lookup(client, query);
      assert.equal(response.status, 404, JSON.stringify(query));
      answers.push(await response.json());
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    const malformed = await lookup(client, { code: received.code, idNumber: '12345' });
    assert.equal(malformed.status, 400);
    assert.match(JSON.stringify(await malformed.json()), /idNumber must be 9 or 12 digits/);
    assert.equal((await lookup(client, { code: received.code })).status, 400);
  });

  test('the number typed on the form finds the dossier; another number of the form, a wrong one or a wrong code answer the same 404', async () => {
    const typed = await submitWithTypedNumber();
    const client = '198.51.100.5';
    const found = await lookup(client, { code: typed.code, idNumber: TYPED_ID });
    assert.equal(found.status, 200);
    assert.equal(((await found.json()) as { code: string }).code, typed.code);
    // The applicant recorded on the dossier is the one of the form, so the receipt and the lookup agree.
    const [row] = await p.platform.app.get<Database>(DATABASE).select().from(dossiers).where(eq(dossiers.id, typed.id));
    assert.equal(row.applicantIdNumber, TYPED_ID);
    assert.equal(row.applicant?.idNumber, TYPED_ID);

    const answers = [];
    for (const query of [
      { code: typed.code, idNumber: MOTHER_ID },
      { code: typed.code, idNumber: '022085007778' },
      { code: `${typed.code.slice(0, -1)}9`, idNumber: TYPED_ID },
    ]) {
      const response = await lookup(client, query);
      assert.equal(response.status, 404, JSON.stringify(query));
      answers.push(await response.json());
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
  });

  test('a dossier filed when the account’s number was recorded is found by that number and by the one typed on its form', async () => {
    const typed = await submitWithTypedNumber();
    // Dossiers filed before the typed number was recorded hold the account's number; the form's stays in the application.
    await p.platform.app.get<Database>(DATABASE).update(dossiers).set({ applicantIdNumber: CITIZEN1_ID }).where(eq(dossiers.id, typed.id));
    const client = '198.51.100.6';
    assert.equal((await lookup(client, { code: typed.code, idNumber: CITIZEN1_ID })).status, 200);
    assert.equal((await lookup(client, { code: typed.code, idNumber: TYPED_ID })).status, 200);
    assert.equal((await lookup(client, { code: typed.code, idNumber: MOTHER_ID })).status, 404, 'the mother’s number is on the form, but not as the applicant’s');
  });

  test('the receipt prints the code and the lookup page’s address, still on one page', async (t) => {
    const typed = await submitWithTypedNumber();
    const receipt = await p.signedDocument('citizen1', typed.id, 'receipt', 0);
    withTools(t, ['pdftotext', 'pdfinfo'], () => {
      const all = pdfText(receipt).replace(/\s+/g, ' ');
      assert.ok(all.includes(`Mã hồ sơ: ${typed.code}`), `the code in:\n${all}`);
      // PUBLIC_URL of the test platform is its own address; the portal's lookup page is /portal/tra-cuu.
      assert.ok(all.includes(`Tra cứu tình trạng hồ sơ tại ${p.site.baseUrl}/portal/tra-cuu bằng mã hồ sơ ${typed.code}`), `the lookup address in:\n${all}`);
      assert.match(runOnPdf('pdfinfo', [], receipt), /Pages:\s+1\n/, 'the receipt, signatures included, on one page');
    });
  });

  test('an address that spends its burst gets 429 with Retry-After; other addresses are not affected', async () => {
    const guesser = '198.51.100.3';
    const started = Date.now();
    let sent = 0;
    let limited: Response | undefined;
    while (!limited) {
      const answer = await lookup(guesser, { code: received.code, idNumber: `0220900${String(sent).padStart(5, '0')}` });
      sent++;
      if (answer.status === 429) limited = answer;
      else assert.equal(answer.status, 404);
      // The bucket gives one lookup back every 6 s (public-lookup.controller.ts): on a slow machine
      // the guesser gets those few more, never more.
      assert.ok(sent <= LOOKUP_BURST + 1 + Math.ceil((Date.now() - started) / 6000), `${sent} lookups in ${Date.now() - started} ms and none refused`);
    }
    assert.ok(sent > LOOKUP_BURST, `the burst of ${LOOKUP_BURST} is served before a refusal (refused after ${sent - 1})`);
    assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match(((await limited.json()) as { message: string }).message, /Too many lookups/);
    assert.equal((await lookup('198.51.100.4', { code: received.code, idNumber: CITIZEN1_ID })).status, 200);
  });
});

describe(`public dossier lookup without a configured proxy (${backendName})`, () => {
  let p: DossierPlatform;
  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  test('X-Forwarded-For is not believed: a guesser that names a new address each time still spends one burst', async () => {
    let limited: Response | undefined;
    for (let i = 0; i <= LOOKUP_BURST && !limited; i++) {
      const response = await p.request(undefined, `/api/public/dossiers/lookup?code=HS-000-${i}&idNumber=022090001234`, {
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      if (response.status === 429) limited = response;
      else assert.equal(response.status, 404);
    }
    assert.ok(limited, `after ${LOOKUP_BURST} lookups from one peer the next is refused, whatever the header says`);
  });
});
