import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { compactVerify, importJWK, SignJWT } from 'jose';
import { loadConfig } from '../../src/config/environment.js';
import { ConsultationsRepository } from '../../src/consultations/consultations.repository.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { FederationMessages } from '../../src/federation/federation-messages.js';
import { loadFederationSettings } from '../../src/federation/federation-settings.js';
import { FederationService } from '../../src/federation/federation.service.js';
import { InboundRepository } from '../../src/federation/inbound.repository.js';
import { OutboxRepository } from '../../src/federation/outbox.repository.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { createSite, type PlatformSite } from '../auth/platform.js';
import { appraisal, CASES, CRITERIA, RECEIVE } from '../dossiers/fixtures.js';
import { DossierPlatform, waitFor, type Dossier } from '../dossiers/support.js';
import { backendName } from '../support/database.js';
import { federationEnv, Instance, keyPair, postMessage } from './support.js';
import type { Schemas } from '../support/api-types.js';

type Consultation = Schemas['ConsultationDto'];

const LAND = CASES['cap-gcn-quyen-su-dung-dat-lan-dau'];
const BIRTH = CASES['dang-ky-khai-sinh'];

/**
 * Two whole platforms on loopback: A (the province; requesting agency UBND-XA-BC, the commune where
 * the land lies, which decides the first land certificate) consults the tax agency CT, which is
 * served by instance B. Messages between them are signed JWS over HTTP.
 */
describe(`consultation of an agency on another platform instance (${backendName})`, () => {
  const keysA = keyPair();
  const keysB = keyPair();
  let siteB: PlatformSite;
  let envA: Record<string, string>;
  let envB: Record<string, string>;
  let a: DossierPlatform;
  let b: Instance | undefined;
  let dossier: Dossier;
  let consultationAtA: Consultation;
  let requestAtB: Consultation;

  before(async () => {
    siteB = await createSite();
    envA = federationEnv('qn-a', keysA.privateJwk, [{ id: 'qn-b', url: siteB.baseUrl, publicKey: keysB.publicJwk, agencies: ['CT'] }]);
    a = await DossierPlatform.start(envA);
    // A hosts UBND-XA-BC, the commune that asks.
    envB = federationEnv('qn-b', keysB.privateJwk, [{ id: 'qn-a', url: a.site.baseUrl, publicKey: keysA.publicJwk, agencies: ['UBND-XA-BC'] }]);
  });
  after(async () => {
    await b?.close();
    await siteB?.remove();
    await a?.close();
  });

  /** A message signed the way instance A signs, with A's key unless another one is given. */
  async function signerOfA(privateJwk = keysA.privateJwk): Promise<{ sign: (jti: string, body: Record<string, unknown>) => Promise<string> }> {
    const settings = await loadFederationSettings(loadConfig({ ...envA, FEDERATION_SIGNING_KEY: JSON.stringify(privateJwk), DATA_DIR: tmpdir(), NODE_ENV: 'test' }));
    const messages = new FederationMessages(settings);
    return { sign: (jti, body) => messages.sign(settings.peers[0], jti, body) };
  }

  function requestBody(question: string): Record<string, unknown> {
    return {
      kind: 'consultation.request',
      consultation: { id: randomUUID(), requestingAgency: 'UBND-XA-BC', consultedAgency: 'CT', question, deadlineDays: 3, elementId: 'Task_XinYKienThue' },
      dossier: { id: dossier.id, code: dossier.code, procedureCode: dossier.procedureCode, procedureName: 'Cấp GCN quyền sử dụng đất lần đầu', applicantName: 'Nguyễn Văn An' },
    };
  }

  test('publishes its id and public key at the well-known address', async () => {
    const response = await fetch(`${a.site.baseUrl}/.well-known/mot-cua-federation`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { id: string; keys: Record<string, string>[] };
    assert.equal(body.id, 'qn-a');
    assert.equal(body.keys.length, 1);
    assert.equal(body.keys[0].x, keysA.publicJwk.x);
    assert.equal(body.keys[0].d, undefined, 'never the private half');
  });

  test('B is down at first: the request stays in the outbox through a restart of A and is delivered once B starts', async () => {
    dossier = await a.submit('citizen1', LAND.slug, LAND.application, { agency: 'UBND-XA-BC' });
    await a.completeStep('reception.baichay', dossier.id, 'Task_TiepNhan', RECEIVE);
    await a.completeStep('specialist.baichay', dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[LAND.slug]));
    // After the appraisal the model consults the tax agency (on B).
    consultationAtA = await waitFor('the tax consultation at A', async () =>
      (await a.call<Consultation[]>('specialist.baichay', `/api/dossiers/${dossier.id}/consultations`)).find((c) => c.consultedAgency === 'CT'),
    );
    // The consultation worker has handed the request for CT (served by B) to federation; sending it
    // again, as a retried job would, queues nothing more.
    const app = a.platform.app;
    const record = (await app.get(ConsultationsRepository).findById(consultationAtA.id))!;
    const dossierRecord = (await app.get(DossiersRepository).findById(dossier.id))!;
    assert.equal(app.get(FederationService).isExternal('CT'), true);
    assert.equal(app.get(FederationService).isExternal('UBND-XA-HH'), false);
    await app.get(FederationService).sendConsultation({ consultation: record, dossier: dossierRecord, deadlineDays: 3 });

    const key = `consultation.request:${consultationAtA.id}`;
    const failing = await waitFor('two failed attempts', async () => {
      const row = await a.platform.app.get(OutboxRepository).findByDedupeKey(key);
      return row && row.attempts >= 2 ? row : undefined;
    });
    assert.equal(failing.status, 'pending');
    assert.match(failing.lastError ?? '', /fetch failed|ECONNREFUSED/);

    await a.restart(envA);
    assert.equal((await a.platform.app.get(OutboxRepository).findByDedupeKey(key))!.status, 'pending', 'still pending after the restart');

    b = await Instance.start(siteB, envB);
    const delivered = await waitFor('delivery to B', async () => {
      const row = await a.platform.app.get(OutboxRepository).findByDedupeKey(key);
      return row?.status === 'delivered' ? row : undefined;
    });
    assert.ok(delivered.attempts > 2);
    assert.equal(delivered.response?.status, 'accepted');
    assert.equal(typeof delivered.response?.consultationId, 'string');
  });

  test('B’s officer finds the request in his inbox and answers; A receives the signed answer and the process goes on', async () => {
    const inbox = await b!.call<Consultation[]>('specialist.thue', '/api/consultations');
    const mine = inbox.filter((c) => c.dossierCode === `${dossier.code}@qn-a`);
    assert.equal(mine.length, 1, 'one request, however many times it was sent');
    requestAtB = mine[0]!;
    assert.equal(requestAtB.requestingAgency, 'UBND-XA-BC');
    assert.equal(requestAtB.question, consultationAtA.question);
    const opinion = 'CT: người sử dụng đất không còn nợ thuế; thống nhất cấp giấy chứng nhận';
    await b!.call('specialist.thue', `/api/consultations/${requestAtB.id}/answer`, { json: { opinion } });

    const answered = await waitFor('the answer at A', async () => {
      const c = await a.call<Consultation>('specialist.baichay', `/api/consultations/${consultationAtA.id}`);
      return c.status === 'answered' ? c : undefined;
    });
    assert.equal(answered.answer, opinion);
    assert.equal(answered.answeredByName, demoAccount('specialist.thue').displayName);
    assert.equal(answered.answeredBy, `qn-b#${demoAccount('specialist.thue').id}`);

    // A keeps B's signed answer: the officer, the opinion and B's signed time of answering.
    const inbound = await waitFor('the stored answer', async () => {
      const outbox = await b!.platform.app.get(OutboxRepository).findByDedupeKey(`consultation.answer:${requestAtB.id}`);
      return outbox?.status === 'delivered' ? a.platform.app.get(InboundRepository).find('qn-b', outbox.id) : undefined;
    });
    const { payload } = await compactVerify(inbound.message, await importJWK(keysB.publicJwk, 'EdDSA'));
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { iss: string; aud: string; iat: number; answer: { opinion: string; officer: { name: string }; answeredAt: string } };
    assert.equal(claims.iss, 'qn-b');
    assert.equal(claims.aud, 'qn-a');
    assert.equal(claims.answer.opinion, opinion);
    assert.equal(claims.answer.officer.name, demoAccount('specialist.thue').displayName);
    assert.ok(Date.parse(claims.answer.answeredAt) <= claims.iat * 1000 + 1000, 'answered before the message was signed');

    // The process heard the answer: it leaves the consultations and requests the fee.
    await a.waitForStatus('citizen1', dossier.id, 'waiting_for_fee');
  });

  test('a message with a forged signature, for another audience or too old gets 401 and stores nothing', async () => {
    const before = (await b!.call<Consultation[]>('specialist.thue', '/api/consultations?status=all')).length;
    const forger = await signerOfA(keyPair().privateJwk);
    const jti = randomUUID();
    const forged = await postMessage(siteB.baseUrl, await forger.sign(jti, requestBody('Câu hỏi giả mạo')));
    assert.equal(forged.status, 401);
    assert.match(String(forged.body.message), /bad signature/);
    assert.equal(await b!.platform.app.get(InboundRepository).find('qn-a', jti), undefined);

    // Signed by A but addressed to A itself.
    const settings = await loadFederationSettings(loadConfig({ ...envA, DATA_DIR: tmpdir(), NODE_ENV: 'test' }));
    const toSelf = await new FederationMessages(settings).sign({ ...settings.peers[0], id: 'qn-a' }, randomUUID(), requestBody('Sai người nhận'));
    assert.equal((await postMessage(siteB.baseUrl, toSelf)).status, 401);

    // Signed by A, but an hour ago: outside the freshness window.
    const old = await new SignJWT(requestBody('Tin cũ'))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'mot-cua-federation+jwt' })
      .setIssuer('qn-a')
      .setAudience('qn-b')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setJti(randomUUID())
      .sign(await importJWK(keysA.privateJwk, 'EdDSA'));
    const stale = await postMessage(siteB.baseUrl, old);
    assert.equal(stale.status, 401);
    assert.match(String(stale.body.message), /too old/);
    assert.equal((await postMessage(siteB.baseUrl, 'not-a-jws')).status, 401);
    assert.equal((await b!.call<Consultation[]>('specialist.thue', '/api/consultations?status=all')).length, before, 'no request was opened');
  });

  test('a replayed or retried message gets the same receipt and opens no second request', async () => {
    const signer = await signerOfA();
    const jti = randomUUID();
    const body = requestBody('Đề nghị xác nhận nghĩa vụ tài chính về đất (lần 2)');
    const message = await signer.sign(jti, body);
    const first = await postMessage(siteB.baseUrl, message);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'accepted');
    const replay = await postMessage(siteB.baseUrl, message);
    assert.deepEqual(replay, first);
    const retry = await postMessage(siteB.baseUrl, await signer.sign(jti, body));
    assert.deepEqual(retry, first, 'a fresh signature of the same message');

    const other = await postMessage(siteB.baseUrl, await signer.sign(jti, requestBody('Nội dung khác')));
    assert.equal(other.status, 409, 'the same id with other content');

    const inbox = await b!.call<Consultation[]>('specialist.thue', '/api/consultations?status=all');
    assert.equal(inbox.filter((c) => c.question === 'Đề nghị xác nhận nghĩa vụ tài chính về đất (lần 2)').length, 1);
    assert.equal(inbox.filter((c) => c.question === 'Nội dung khác').length, 0);
    // Both requests about the dossier share one local copy of it.
    assert.equal(new Set(inbox.filter((c) => c.dossierCode === `${dossier.code}@qn-a`).map((c) => c.dossierId)).size, 1);
  });

  test('a peer asks only for the agencies it hosts, and its copies never take a local dossier code', async () => {
    // Hardening finding 5: a copy took the agency's next dossier code (every later local submission
    // then failed), and a peer could place dossiers in any local agency's lists.
    const signer = await signerOfA();
    const inbox = () => b!.call<Consultation[]>('specialist.thue', '/api/consultations?status=all');
    const before = (await inbox()).length;
    const foreign = requestBody('Xin ý kiến thay một cơ quan của B');
    (foreign.consultation as Record<string, unknown>).requestingAgency = 'UBND-XA-HH';
    const refused = await postMessage(siteB.baseUrl, await signer.sign(randomUUID(), foreign));
    assert.equal(refused.status, 403);
    assert.match(String(refused.body.message), /qn-a does not host UBND-XA-HH/);
    assert.equal((await inbox()).length, before, 'no request was opened');

    const counterSubmit = async () => {
      const catalogue = await b!.call<{ requiredDocuments: { name: string; mandatory: boolean }[] }>('reception.hongha', `/api/public/procedures/${BIRTH.slug}`);
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1')]), 'scan.pdf');
      const { id } = await b!.call<{ id: string }>('reception.hongha', '/api/files', { method: 'POST', body: form }, 201);
      const attachments = catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ document: d.name, fileId: id }));
      return b!.call<{ code: string }>('reception.hongha', '/api/dossiers/counter', { json: { procedure: BIRTH.slug, application: BIRTH.application, attachments, applicant: { fullName: 'Trần Văn Bình' } } }, 201);
    };
    const first = await counterSubmit();
    const next = first.code.replace(/\d+$/, (sequence) => String(Number(sequence) + 1).padStart(sequence.length, '0'));
    const copy = requestBody('Hồ sơ mang đúng mã kế tiếp của B');
    copy.dossier = { ...(copy.dossier as Record<string, unknown>), id: randomUUID(), code: next };
    assert.equal((await postMessage(siteB.baseUrl, await signer.sign(randomUUID(), copy))).status, 200);
    const second = await counterSubmit();
    assert.equal(second.code, next, 'the local dossier gets its own next code');
    assert.ok((await inbox()).some((c) => c.dossierCode === `${next}@qn-a`), 'the copy keeps the peer’s code in the peer’s namespace');
  });

  test('an answer altered after signing is refused and changes nothing', async () => {
    const outbox = (await b!.platform.app.get(OutboxRepository).findByDedupeKey(`consultation.answer:${requestAtB.id}`))!;
    const genuine = (await a.platform.app.get(InboundRepository).find('qn-b', outbox.id))!.message;
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { answer: { opinion: string } };
    claims.answer.opinion = 'CT: không đồng ý';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const refused = await postMessage(a.site.baseUrl, tampered);
    assert.equal(refused.status, 401);
    assert.match(String(refused.body.message), /bad signature/);
    const consultation = await a.call<Consultation>('specialist.baichay', `/api/consultations/${consultationAtA.id}`);
    assert.notEqual(consultation.answer, 'CT: không đồng ý');
  });
});
