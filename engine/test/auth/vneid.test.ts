import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { SANDBOX_CITIZENS, SandboxVneid } from '../../src/national-portal/sandbox/sandbox-vneid.js';
import { backendName } from '../support/database.js';
import { CASES } from '../dossiers/fixtures.js';
import { PDF } from '../dossiers/support.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from './platform.js';

/** The secret the national portal presents when it delivers a dossier (NATIONAL_PORTAL_INBOUND_SECRET). */
const PORTAL_SECRET = 'portal-inbound-secret-for-tests-0123456789';

/** One browser: cookies kept per origin (the platform and VNeID both run on 127.0.0.1, on two ports). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  }

  /** Follows redirects from `url` while they stay away from `until`; the last response and its address. */
  async follow(url: string, until: string, init?: RequestInit): Promise<{ response: Response; url: string }> {
    let response = await this.fetch(url, init);
    while ([302, 303].includes(response.status)) {
      const next = new URL(response.headers.get('location')!, url).href;
      if (next.startsWith(until)) return { response, url: next };
      url = next;
      response = await this.fetch(url);
    }
    return { response, url };
  }
}

const post = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

interface UserAccount {
  id: string;
  username: string;
  citizenId?: string;
}

/**
 * The national portal delivers a birth registration filed there by `citizen` (docs/national-portal.md;
 * national-portal.test.ts drives it through the sandbox portal): the dossier's id here.
 */
async function deliverFromPortal(baseUrl: string, portalCode: string, citizen: { name: string; personalId: string }): Promise<string> {
  const birth = CASES['dang-ky-khai-sinh'];
  const catalogue = (await (await api(baseUrl, `/api/public/procedures/${birth.slug}`)).json()) as { code: string; requiredDocuments: { name: string; mandatory: boolean }[] };
  const delivered = await fetch(`${baseUrl}/api/national-portal/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PORTAL_SECRET}` },
    body: JSON.stringify({
      MaHoSo: portalCode,
      MaTTHC: catalogue.code,
      MaDinhDanhDV: '000.21.00.H40',
      ChuHoSo: { HoTen: citizen.name, SoDinhDanh: citizen.personalId },
      DuLieuToKhai: { ...birth.application, nguoiYeuCauSoDinhDanh: citizen.personalId },
      TaiLieuNop: catalogue.requiredDocuments.filter((d) => d.mandatory).map((d) => ({ TenGiayTo: d.name, TenTep: 'giay-to.pdf', NoiDung: PDF.toString('base64') })),
    }),
  });
  assert.equal(delivered.status, 200, await delivered.clone().text());
  return ((await delivered.json()) as { dossierId: string }).dossierId;
}

describe(`VNeID sign-in through the built-in provider (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let vneid: SandboxVneid;
  let client: oidc.Configuration;

  before(async () => {
    site = await createSite();
    vneid = await SandboxVneid.start({
      clients: [{ clientId: 'mot-cua-test', clientSecret: 'vneid-test-secret', redirectUri: `${site.baseUrl}/realms/mot-cua/broker/vneid/endpoint` }],
    });
    platform = await startPlatform(site, {
      VNEID_ISSUER: vneid.issuer,
      VNEID_CLIENT_ID: 'mot-cua-test',
      VNEID_CLIENT_SECRET: 'vneid-test-secret',
      NATIONAL_PORTAL_INBOUND_SECRET: PORTAL_SECRET,
    });
    client = await webClient(platform.issuer);
  });
  after(async () => {
    await platform?.close();
    await vneid?.stop();
    await site?.remove();
  });

  /**
   * A citizen opens the web app's login, presses "Đăng nhập bằng VNeID", picks herself in VNeID and
   * comes back: the response VNeID's answer got from the platform, and the web app's tokens when it
   * let her in.
   */
  async function signIn(personalId: string): Promise<{ refusal?: Response; tokens?: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers }> {
    const browser = new Browser();
    const verifier = oidc.randomPKCECodeVerifier();
    const redirectUri = `${site.baseUrl}/ho-so/cua-toi`;
    const authorize = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const login = await browser.follow(authorize.href, vneid.issuer);
    const html = await login.response.text();
    const action = /<form method="post" action="([^"]+\/vneid)"><button type="submit" class="vneid">Đăng nhập bằng VNeID<\/button>/.exec(html)?.[1];
    assert.ok(action, 'the login page offers "Đăng nhập bằng VNeID"');

    const atVneid = await browser.follow(new URL(action, site.baseUrl).href, site.baseUrl, post({}));
    const choice = await atVneid.response.text();
    assert.match(choice, new RegExp(`value="${personalId}"`), 'VNeID shows the citizen');
    const pick = new URL(/<form method="post" action="([^"]+)"/.exec(choice)![1], atVneid.url).href;

    const back = await browser.follow(pick, redirectUri, post({ citizen: personalId }));
    if (!back.url.startsWith(redirectUri)) return { refusal: back.response };
    const tokens = await oidc.authorizationCodeGrant(client, new URL(back.url), { pkceCodeVerifier: verifier });
    return { tokens };
  }

  async function accounts(): Promise<UserAccount[]> {
    const response = await api(site.baseUrl, '/api/users', await passwordLogin(client, 'admin'));
    assert.equal(response.status, 200);
    return (await response.json()) as UserAccount[];
  }

  async function me(token: string): Promise<Record<string, unknown>> {
    const response = await api(site.baseUrl, '/api/me', token);
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, unknown>;
  }

  test('the first sign-in creates the citizen keyed by the personal identification number; the next finds the same account', async () => {
    const [binh] = SANDBOX_CITIZENS;
    const first = await signIn(binh.personalId);
    assert.ok(first.tokens, 'the web app gets the platform’s tokens');
    const payload = JSON.parse(Buffer.from(first.tokens.access_token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    assert.equal(payload.iss, platform.issuer, 'the token is the platform’s own, not VNeID’s');
    // The claim the API reads into the user's citizenId (token-verifier.ts), used by the
    // applicant prefill of submissions (submission.service.ts).
    assert.equal(payload.citizen_id, binh.personalId);
    const created = await me(first.tokens.access_token);
    assert.deepEqual(created.roles, ['citizen']);
    assert.equal(created.citizenId, binh.personalId);
    assert.equal(created.name, binh.name);
    assert.equal(created.username, binh.personalId);

    const again = await signIn(binh.personalId);
    assert.ok(again.tokens);
    assert.equal((await me(again.tokens.access_token)).id, created.id, 'the second sign-in finds the same account');
    assert.equal((await accounts()).filter((a) => a.citizenId === binh.personalId).length, 1);

    // The account has no password: only VNeID signs it in.
    await assert.rejects(passwordLogin(client, binh.personalId, '!'), (error: oidc.ResponseBodyError) => error.error === 'invalid_grant');
  });

  test('a different personal identification number is a different account', async () => {
    const [binh, cuong] = SANDBOX_CITIZENS;
    const first = (await me((await signIn(binh.personalId)).tokens!.access_token)).id;
    const other = await me((await signIn(cuong.personalId)).tokens!.access_token);
    assert.notEqual(other.id, first);
    assert.equal(other.citizenId, cuong.personalId);
    assert.equal(other.name, cuong.name);
  });

  test('the number reaches the application form’s prefill, the dossier and the public lookup', async () => {
    const cuong = SANDBOX_CITIZENS[1];
    const token = (await signIn(cuong.personalId)).tokens!.access_token;
    // The web app prefills the form's fields marked `account.idNumber` with the signed-in user's
    // citizenId from GET /api/me (admin-ui/src/dossier/prefill.ts, SubmitPage); here the birth registration's
    // nguoiYeuCauSoDinhDanh (forms/dang-ky-khai-sinh/to-khai.form).
    const { citizenId } = await me(token);
    assert.equal(citizenId, cuong.personalId);
    const birth = CASES['dang-ky-khai-sinh'];
    const catalogue = (await (await api(site.baseUrl, `/api/public/procedures/${birth.slug}`)).json()) as {
      requiredDocuments: { name: string; mandatory: boolean }[];
      agency: { code: string };
    };
    const attachments = [];
    for (const document of catalogue.requiredDocuments.filter((d) => d.mandatory)) {
      const form = new FormData();
      form.append('file', new Blob([PDF]), 'giay-to.pdf');
      const uploaded = await api(site.baseUrl, '/api/files', token, { method: 'POST', body: form });
      assert.equal(uploaded.status, 201);
      attachments.push({ document: document.name, fileId: ((await uploaded.json()) as { id: string }).id });
    }
    const application = { ...birth.application, nguoiYeuCauSoDinhDanh: citizenId };
    const submitted = await api(site.baseUrl, '/api/dossiers', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedure: birth.slug, agency: catalogue.agency.code, application, attachments }),
    });
    assert.equal(submitted.status, 201, await submitted.clone().text());
    const dossier = (await submitted.json()) as { code: string; applicantIdNumber: string | null };
    assert.equal(dossier.applicantIdNumber, cuong.personalId);
    const lookup = await api(site.baseUrl, `/api/public/dossiers/lookup?${new URLSearchParams({ code: dossier.code, idNumber: cuong.personalId }).toString()}`);
    assert.equal(lookup.status, 200);
  });

  // OpenID Connect Core 1.0 §3.1.3.7: the ID token's signature is checked with the issuer's keys
  // (steps 6) and its audience must contain the client id (step 3); otherwise it is rejected.
  for (const fault of ['signature', 'audience'] as const) {
    test(`a VNeID ID token with a bad ${fault} is refused and creates no account`, async (t) => {
      const citizen = SANDBOX_CITIZENS[2];
      vneid.fault = fault;
      t.after(() => (vneid.fault = undefined));
      const { refusal, tokens } = await signIn(citizen.personalId);
      assert.equal(tokens, undefined, 'no tokens');
      assert.equal(refusal?.status, 401);
      assert.match(await refusal.text(), /Không xác thực được danh tính qua VNeID/);
      assert.ok(!(await accounts()).some((a) => a.citizenId === citizen.personalId));
    });
  }

  test('a dossier filed on the national portal is the citizen’s own when she signs in with VNeID', async () => {
    const duc = SANDBOX_CITIZENS[2];
    const dossierId = await deliverFromPortal(site.baseUrl, 'G22.99-261204-0001', duc);
    // She has no account yet: none is made for her; the dossier waits under her number.
    assert.ok(!(await accounts()).some((a) => a.citizenId === duc.personalId), 'no account made by the delivery');
    const officer = await passwordLogin(client, 'reception.hongha');
    const held = (await (await api(site.baseUrl, `/api/dossiers/${dossierId}`, officer)).json()) as { applicantUserId: string };
    assert.equal(held.applicantUserId, `vneid:${duc.personalId}`);

    // Her sign-in creates her account, and the dossier is hers.
    const token = (await signIn(duc.personalId)).tokens!.access_token;
    const account = await me(token);
    const mine = await api(site.baseUrl, '/api/dossiers', token);
    assert.equal(mine.status, 200);
    assert.deepEqual(((await mine.json()) as { items: { id: string }[] }).items.map((d) => d.id), [dossierId]);
    assert.equal((await api(site.baseUrl, `/api/dossiers/${dossierId}`, token)).status, 200);
    const moved = (await (await api(site.baseUrl, `/api/dossiers/${dossierId}`, officer)).json()) as { applicantUserId: string; attachments: { fileId: string }[] };
    assert.equal(moved.applicantUserId, account.id);
    // The documents the portal handed in are hers too: she downloads them as their owner.
    assert.equal((await api(site.baseUrl, `/api/files/${moved.attachments[0].fileId}`, token)).status, 200);
    assert.equal((await accounts()).filter((a) => a.citizenId === duc.personalId).length, 1, 'one account for the portal and the sign-in');
  });

  test('behind Keycloak, a portal dossier becomes the citizen’s when the web app first asks who she is after signing in', async (t) => {
    // This platform's built-in provider, which brokers the sandbox VNeID, stands in for Keycloak
    // brokering it (keycloak/realm-mot-cua.json, identity provider vneid): a second platform trusts
    // it as OIDC_ISSUER and has no accounts of its own, so a delivered dossier waits under the number.
    const apiSite = await createSite();
    const resourceServer = await startPlatform(apiSite, { OIDC_ISSUER: platform.issuer, NATIONAL_PORTAL_INBOUND_SECRET: PORTAL_SECRET });
    t.after(async () => {
      await resourceServer.close();
      await apiSite.remove();
    });
    const cuong = SANDBOX_CITIZENS[1];
    const dossierId = await deliverFromPortal(apiSite.baseUrl, 'G22.99-261204-0003', cuong);
    const token = (await signIn(cuong.personalId)).tokens!.access_token;
    const before = (await (await api(apiSite.baseUrl, '/api/dossiers', token)).json()) as { items: unknown[] };
    assert.deepEqual(before.items, [], 'not hers until the platform has seen her sign-in');

    // GET /api/me: what the web app asks first after every sign-in (admin-ui/src/auth/AuthProvider.tsx).
    const seen = await api(apiSite.baseUrl, '/api/me', token);
    assert.equal(seen.status, 200);
    const { id } = (await seen.json()) as { id: string };
    const mine = (await (await api(apiSite.baseUrl, '/api/dossiers', token)).json()) as { items: { id: string; applicantUserId: string }[] };
    assert.deepEqual(mine.items.map((d) => [d.id, d.applicantUserId]), [[dossierId, id]]);

    // Another citizen's token claims nothing of hers.
    const binhToken = (await signIn(SANDBOX_CITIZENS[0].personalId)).tokens!.access_token;
    await api(apiSite.baseUrl, '/api/me', binhToken);
    assert.equal((await api(apiSite.baseUrl, `/api/dossiers/${dossierId}`, binhToken)).status, 404);
  });

  test('a dossier delivered for a citizen who already has an account is hers at once', async () => {
    const binh = SANDBOX_CITIZENS[0];
    const { id } = await me((await signIn(binh.personalId)).tokens!.access_token);
    const dossierId = await deliverFromPortal(site.baseUrl, 'G22.99-261204-0002', binh);
    const officer = await passwordLogin(client, 'reception.hongha');
    assert.equal(((await (await api(site.baseUrl, `/api/dossiers/${dossierId}`, officer)).json()) as { applicantUserId: string }).applicantUserId, id);
  });
});
