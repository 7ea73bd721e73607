import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { DEMO_DOSSIERS } from '../../src/dossiers/demo-dossiers.js';
import { demoAccount } from '../../src/identity/demo-accounts.js';
import { backendName } from '../support/database.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from './platform.js';
import type { Schemas } from '../support/api-types.js';

type DossierView = Schemas['DossierDto'];

describe(`API access control (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let client: oidc.Configuration;
  const tokens: Record<string, string> = {};

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { SEED_DEMO_DOSSIERS: 'true' });
    client = await webClient(platform.issuer);
    for (const username of ['citizen1', 'citizen2', 'reception.hongha', 'specialist.ca', 'supervisor', 'admin', 'analyst.sxd']) {
      tokens[username] = await passwordLogin(client, username);
    }
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  /** A token exactly like the provider's, signed by the provider's own key unless told otherwise. */
  async function craft(overrides: Record<string, unknown>, options: { key?: JWK; kid?: string } = {}): Promise<string> {
    const [providerKey] = (JSON.parse(readFileSync(join(site.dataDir, 'identity-keys.json'), 'utf8')) as { signing: JWK[] }).signing;
    const key = options.key ?? providerKey;
    const now = Math.floor(Date.now() / 1000);
    const account = demoAccount('admin');
    return new SignJWT({
      iss: platform.issuer,
      aud: 'mot-cua-api',
      sub: account.id,
      iat: now,
      exp: now + 300,
      typ: 'Bearer',
      azp: 'mot-cua-web',
      preferred_username: account.username,
      realm_access: { roles: ['admin', 'supervisor'] },
      ...overrides,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid })
      .sign(await importJWK(key, 'RS256'));
  }

  async function dossiers(username: string): Promise<DossierView[]> {
    const response = await api(site.baseUrl, '/api/dossiers', tokens[username]);
    assert.equal(response.status, 200);
    return ((await response.json()) as { items: DossierView[] }).items;
  }

  test('a crafted token with the provider’s key is accepted (the probes below differ in one thing only)', async () => {
    assert.equal((await api(site.baseUrl, '/api/me', await craft({}))).status, 200);
  });

  test('no token: 401 with a Bearer challenge', async () => {
    const response = await api(site.baseUrl, '/api/me');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await api(site.baseUrl, '/api/dossiers', undefined, { headers: { authorization: 'Basic YTpi' } })).status, 401);
  });

  test('garbage token: 401', async () => {
    assert.equal((await api(site.baseUrl, '/api/me', 'not.a.jwt')).status, 401);
  });

  test('expired token: 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const response = await api(site.baseUrl, '/api/me', await craft({ iat: now - 7200, exp: now - 3600 }));
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate')!, /error="invalid_token".*expired/);
  });

  test('wrong issuer, signed with the provider’s key: 401', async () => {
    const response = await api(site.baseUrl, '/api/me', await craft({ iss: 'https://idp.example/realms/mot-cua' }));
    assert.equal(response.status, 401);
  });

  test('token of another issuer with its own key: 401', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const foreign = { ...(await exportJWK(privateKey)), kid: 'foreign' };
    assert.equal((await api(site.baseUrl, '/api/me', await craft({ iss: 'https://idp.example/realms/x' }, { key: foreign }))).status, 401);
    // Same issuer name and even the provider's key id: the signature still does not verify.
    const [providerKey] = (JSON.parse(readFileSync(join(site.dataDir, 'identity-keys.json'), 'utf8')) as { signing: JWK[] }).signing;
    assert.equal((await api(site.baseUrl, '/api/me', await craft({}, { key: foreign, kid: providerKey.kid }))).status, 401);
  });

  test('tampered payload (citizen raised to admin): 401', async () => {
    const [header, payload, signature] = tokens.citizen1.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.realm_access = { roles: ['admin'] };
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    assert.equal((await api(site.baseUrl, '/api/users', forged)).status, 401);
  });

  test('wrong audience: 401', async () => {
    assert.equal((await api(site.baseUrl, '/api/me', await craft({ aud: 'another-api' }))).status, 401);
  });

  test('HS256 token keyed with the public key (algorithm confusion): 401', async () => {
    const jwks = (await (await fetch(`${platform.issuer}/protocol/openid-connect/certs`)).json()) as { keys: JWK[] };
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: platform.issuer, aud: 'mot-cua-api', sub: 'x', exp: now + 60, realm_access: { roles: ['admin'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    assert.equal((await api(site.baseUrl, '/api/me', token)).status, 401);
  });

  test('a valid token without the required role: 403', async () => {
    assert.equal((await api(site.baseUrl, '/api/users', tokens.citizen1)).status, 403);
    assert.equal((await api(site.baseUrl, '/api/users', tokens['analyst.sxd'])).status, 403);
    const allowed = await api(site.baseUrl, '/api/users', tokens.admin);
    assert.equal(allowed.status, 200);
    const users = (await allowed.json()) as Record<string, unknown>[];
    assert.ok(users.some((u) => u.username === 'citizen1'));
    assert.ok(users.every((u) => !('passwordHash' in u)), 'password hashes never leave the server');
  });

  test('an officer sees his agency’s dossiers only; another agency’s dossier is 404', async () => {
    // The demo dossiers (submitted at start) are handled by UBND-XA-HH, UBND-XA-BC and CA.
    const all = await dossiers('supervisor');
    const own = await dossiers('reception.hongha');
    assert.ok(own.length > 0);
    assert.deepEqual(own.map((d) => d.id).sort(), all.filter((d) => d.agencyCode === 'UBND-XA-HH').map((d) => d.id).sort());
    const other = (await dossiers('specialist.ca'))[0];
    assert.equal(other.agencyCode, 'CA');
    assert.equal((await api(site.baseUrl, `/api/dossiers/${own[0].id}`, tokens['reception.hongha'])).status, 200);
    assert.equal((await api(site.baseUrl, `/api/dossiers/${other.id}`, tokens['reception.hongha'])).status, 404);
  });

  test('a citizen sees his own dossiers only; another citizen’s dossier is 404', async () => {
    const all = await dossiers('supervisor');
    const mine = await dossiers('citizen1');
    assert.equal(mine.length, DEMO_DOSSIERS.filter((d) => d.citizen === 'citizen1').length);
    assert.deepEqual(mine.map((d) => d.id).sort(), all.filter((d) => d.applicantUserId === demoAccount('citizen1').id).map((d) => d.id).sort());
    const theirs = (await dossiers('citizen2'))[0];
    assert.equal(theirs.applicantUserId, demoAccount('citizen2').id);
    assert.equal((await api(site.baseUrl, `/api/dossiers/${mine[0].id}`, tokens.citizen1)).status, 200);
    assert.equal((await api(site.baseUrl, `/api/dossiers/${theirs.id}`, tokens.citizen1)).status, 404);
  });

  test('a supervisor sees every agency; an administrator sees no dossiers', async () => {
    const all = await dossiers('supervisor');
    assert.equal(all.length, DEMO_DOSSIERS.length);
    assert.deepEqual([...new Set(all.map((d) => d.agencyCode))].sort(), ['CA', 'UBND-XA-BC', 'UBND-XA-HH']);
    assert.deepEqual(await dossiers('admin'), []);
  });

  test('dossier listing pages with `after`', async () => {
    const pages: DossierView[][] = [];
    let after: string | undefined;
    do {
      const response = await api(site.baseUrl, `/api/dossiers?limit=3${after ? `&after=${after}` : ''}`, tokens.supervisor);
      const page = (await response.json()) as { items: DossierView[]; next?: string };
      pages.push(page.items);
      after = page.next;
    } while (after && pages.length < 10);
    assert.ok(pages.length >= 2, 'more than one page');
    assert.ok(pages.slice(0, -1).every((items) => items.length === 3), 'full pages before the last');
    const codes = pages.flat().map((d) => d.code);
    assert.equal(codes.length, DEMO_DOSSIERS.length);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal((await api(site.baseUrl, '/api/dossiers?limit=0', tokens.supervisor)).status, 400);
    assert.equal((await api(site.baseUrl, '/api/dossiers/not-a-uuid', tokens.supervisor)).status, 400);
  });

  test('health stays public', async () => {
    assert.equal((await api(site.baseUrl, '/health/live')).status, 200);
  });
});
