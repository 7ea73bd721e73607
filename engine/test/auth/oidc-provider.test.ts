import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { DEMO_PASSWORD, demoAccount } from '../../src/identity/demo-accounts.js';
import { backendName } from '../support/database.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from './platform.js';

/** Cookies of one browser; paths are ignored, which only means sending a few cookies too many. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }
}

describe(`built-in OpenID provider (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let client: oidc.Configuration;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site);
    client = await webClient(platform.issuer);
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  test('publishes discovery in Keycloak’s layout', async () => {
    const realm = `${site.baseUrl}/realms/mot-cua`;
    const response = await fetch(`${realm}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, unknown>;
    assert.equal(metadata.issuer, realm);
    assert.equal(metadata.authorization_endpoint, `${realm}/protocol/openid-connect/auth`);
    assert.equal(metadata.token_endpoint, `${realm}/protocol/openid-connect/token`);
    assert.equal(metadata.jwks_uri, `${realm}/protocol/openid-connect/certs`);
    assert.equal(metadata.userinfo_endpoint, `${realm}/protocol/openid-connect/userinfo`);
    assert.equal(metadata.end_session_endpoint, `${realm}/protocol/openid-connect/logout`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);

    const jwks = (await (await fetch(String(metadata.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].alg, 'RS256');
    assert.equal(jwks.keys[0].d, undefined, 'the JWKS must not publish the private key');
  });

  test('a demo officer logs in with the password grant and gets a Keycloak-shaped token', async () => {
    const token = await passwordLogin(client, 'reception.sxd');
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    assert.equal(header.alg, 'RS256');
    const account = demoAccount('reception.sxd');
    assert.equal(payload.iss, platform.issuer);
    assert.equal(payload.aud, 'mot-cua-api');
    assert.equal(payload.typ, 'Bearer');
    assert.equal(payload.azp, 'mot-cua-web');
    assert.equal(payload.sub, account.id);
    assert.equal(payload.preferred_username, 'reception.sxd');
    assert.equal(payload.name, account.displayName);
    assert.deepEqual(payload.realm_access, { roles: ['reception'] });
    assert.equal(payload.agency, 'SXD');

    const me = await api(site.baseUrl, '/api/me', token);
    assert.equal(me.status, 200);
    const body = (await me.json()) as Record<string, unknown>;
    assert.equal(body.id, account.id);
    assert.equal(body.username, 'reception.sxd');
    assert.deepEqual(body.roles, ['reception']);
    assert.equal(body.agencyCode, 'SXD');
    // The name the agency directory gives it (processes/agencies.json), which the account menu shows.
    assert.equal(body.agencyName, 'Sở Xây dựng');
    assert.deepEqual(body.roleLabels, ['Cán bộ tiếp nhận']);
  });

  test('the password grant refuses a wrong password', async () => {
    await assert.rejects(passwordLogin(client, 'citizen1', 'wrong'), (error: oidc.ResponseBodyError) => {
      assert.equal(error.error, 'invalid_grant');
      return true;
    });
  });

  test('wrong passwords lock the username for a while, as Keycloak’s brute force detection: then even the right one is refused', async () => {
    // Keycloak Server Administration Guide, "Brute force attacks": after the failure factor the
    // account is temporarily disabled, for a wait that grows with each further failure.
    const browser = new CookieJar();
    const authorize = oidc.buildAuthorizationUrl(client, {
      redirect_uri: `${site.baseUrl}/ho-so/cua-toi`,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const loginUrl = new URL((await browser.fetch(authorize.href)).headers.get('location')!, site.baseUrl);
    const action = /<form method="post" action="([^"]+\/login)"/.exec(await (await browser.fetch(loginUrl.href)).text())![1];
    const post = (password: string) =>
      browser.fetch(new URL(action, site.baseUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'citizen2', password }),
      });
    for (let attempt = 1; attempt <= 5; attempt++) assert.equal((await post(`guess-${attempt}`)).status, 401, `attempt ${attempt}`);
    const locked = await post(DEMO_PASSWORD);
    assert.equal(locked.status, 429);
    assert.match(locked.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match(await locked.text(), /Đăng nhập sai quá nhiều lần/);
    await assert.rejects(passwordLogin(client, 'CITIZEN2'), (error: oidc.ResponseBodyError) => {
      assert.equal(error.error, 'invalid_grant', 'the password grant refuses the right password too');
      return true;
    });
    assert.ok(await passwordLogin(client, 'leader.stnmt'), 'other accounts are not affected');
  });

  test('authorization code with PKCE through the Vietnamese login page', async () => {
    const browser = new CookieJar();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const redirectUri = `${site.baseUrl}/ho-so/cua-toi`;
    const authorize = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });

    const toLogin = await browser.fetch(authorize.href);
    assert.equal(toLogin.status, 303);
    const loginUrl = new URL(toLogin.headers.get('location')!, site.baseUrl);
    assert.match(loginUrl.pathname, /^\/realms\/mot-cua\/login-actions\/[\w-]+$/);

    const page = await browser.fetch(loginUrl.href);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /text\/html; charset=utf-8/i);
    const html = await page.text();
    assert.match(html, /<html lang="vi">/);
    assert.match(html, /Tên đăng nhập/);
    assert.match(html, /Mật khẩu/);
    assert.doesNotMatch(html, /VNeID/, 'no VNeID sign-in while VNEID_ISSUER is unset');
    const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
    assert.ok(action, 'the login page has a form posting the credentials');

    const post = (password: string) =>
      browser.fetch(new URL(action, site.baseUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'citizen1', password }),
      });
    const refused = await post('not-the-password');
    assert.equal(refused.status, 401);
    const refusedHtml = await refused.text();
    assert.match(refusedHtml, /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.match(refusedHtml, /value="citizen1"/, 'the username is kept after a failed attempt');

    const accepted = await post(DEMO_PASSWORD);
    assert.equal(accepted.status, 303);
    const resume = await browser.fetch(new URL(accepted.headers.get('location')!, site.baseUrl).href);
    assert.equal(resume.status, 303);
    const callback = new URL(resume.headers.get('location')!);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);

    const tokens = await oidc.authorizationCodeGrant(client, callback, { pkceCodeVerifier: verifier, expectedState: state });
    assert.ok(tokens.refresh_token, 'the web app gets a refresh token, as from Keycloak');
    assert.equal(tokens.claims()?.preferred_username, 'citizen1');

    const me = (await (await api(site.baseUrl, '/api/me', tokens.access_token)).json()) as Record<string, unknown>;
    assert.equal(me.id, demoAccount('citizen1').id);
    assert.deepEqual(me.roles, ['citizen']);
    assert.equal(me.citizenId, '022090001234');

    const info = await oidc.fetchUserInfo(client, tokens.access_token, demoAccount('citizen1').id);
    assert.equal(info.name, 'Nguyễn Văn An');

    const refreshed = await oidc.refreshTokenGrant(client, tokens.refresh_token);
    assert.equal((await api(site.baseUrl, '/api/me', refreshed.access_token)).status, 200);
  });

  test('refuses a redirect outside the platform', async () => {
    const authorize = oidc.buildAuthorizationUrl(client, {
      redirect_uri: 'https://attacker.example/callback',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const response = await fetch(authorize, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Yêu cầu đăng nhập không hợp lệ/);
  });

  test('keys and sessions survive a restart on the same data folder', async () => {
    const token = await passwordLogin(client, 'leader.stnmt');
    await platform.close();
    platform = await startPlatform(site);
    const me = await api(site.baseUrl, '/api/me', token);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { username: string }).username, 'leader.stnmt');
  });
});
