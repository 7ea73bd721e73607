import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from './platform.js';

/**
 * The API behind an external issuer (OIDC_ISSUER), as with Keycloak: a second platform plays the
 * identity provider, so discovery and the remote JWKS are exercised over real HTTP.
 */
describe(`API with an external issuer (${backendName})`, () => {
  let idpSite: PlatformSite;
  let apiSite: PlatformSite;
  let idp: RunningPlatform;
  let resourceServer: RunningPlatform;

  before(async () => {
    idpSite = await createSite();
    apiSite = await createSite();
    idp = await startPlatform(idpSite);
    resourceServer = await startPlatform(apiSite, { OIDC_ISSUER: idp.issuer });
  });
  after(async () => {
    await resourceServer?.close();
    await idp?.close();
    await apiSite?.remove();
    await idpSite?.remove();
  });

  test('accepts the issuer’s tokens and refuses its own built-in realm (which is not started)', async () => {
    const token = await passwordLogin(await webClient(idp.issuer), 'specialist.sxd');
    const me = await api(apiSite.baseUrl, '/api/me', token);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { agencyCode: string }).agencyCode, 'SXD');
    assert.equal((await fetch(`${apiSite.baseUrl}/realms/mot-cua/.well-known/openid-configuration`)).status, 404);
  });

  test('answers 503, not 401, while the issuer cannot be reached', async () => {
    const orphan = await createSite();
    const unreachable = await startPlatform(orphan, { OIDC_ISSUER: 'http://127.0.0.1:9/realms/mot-cua' });
    try {
      assert.equal((await api(orphan.baseUrl, '/api/me', 'a.b.c')).status, 503);
      assert.equal((await api(orphan.baseUrl, '/api/me')).status, 401);
    } finally {
      await unreachable.close();
      await orphan.remove();
    }
  });
});
