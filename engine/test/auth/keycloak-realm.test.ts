import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALL_ROLES } from '../../src/auth/roles.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';

interface RealmExport {
  realm: string;
  roles: { realm: { name: string }[] };
  clients: { clientId: string; publicClient?: boolean; bearerOnly?: boolean; attributes?: Record<string, string>; protocolMappers?: { protocolMapper: string; config: Record<string, string> }[] }[];
  users: { id: string; username: string; realmRoles: string[]; attributes: Record<string, string[]> }[];
}

const realm = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../keycloak/realm-mot-cua.json', import.meta.url)), 'utf8'),
) as RealmExport;

/** The Keycloak realm and the built-in provider must describe the same roles, clients and demo users. */
describe('Keycloak realm export', () => {
  test('declares exactly the platform roles', () => {
    assert.equal(realm.realm, 'mot-cua');
    assert.deepEqual(realm.roles.realm.map((r) => r.name).sort(), [...ALL_ROLES].sort());
  });

  test('web client is public with PKCE; its access tokens carry the API audience and the agency', () => {
    const web = realm.clients.find((c) => c.clientId === 'mot-cua-web')!;
    assert.equal(web.publicClient, true);
    assert.equal(web.attributes?.['pkce.code.challenge.method'], 'S256');
    const mappers = web.protocolMappers ?? [];
    assert.ok(mappers.some((m) => m.protocolMapper === 'oidc-audience-mapper' && m.config['included.client.audience'] === 'mot-cua-api'));
    for (const claim of ['agency', 'citizen_id']) {
      assert.ok(mappers.some((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['claim.name'] === claim), claim);
    }
    assert.equal(realm.clients.find((c) => c.clientId === 'mot-cua-api')?.bearerOnly, true);
  });

  test('demo users match the built-in demo accounts and are marked as demo', () => {
    assert.equal(realm.users.length, DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const user = realm.users.find((u) => u.username === account.username);
      assert.ok(user, account.username);
      assert.equal(user.id, account.id);
      assert.deepEqual(user.realmRoles, account.roles);
      assert.deepEqual(user.attributes.agency, account.agencyCode ? [account.agencyCode] : undefined);
      assert.deepEqual(user.attributes.citizen_id, account.citizenId ? [account.citizenId] : undefined);
      assert.deepEqual(user.attributes.demo, ['true']);
    }
  });
});
