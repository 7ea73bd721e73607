import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALL_ROLES } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config/environment.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';

interface RealmExport {
  realm: string;
  roles: { realm: { name: string }[] };
  clients: { clientId: string; publicClient?: boolean; bearerOnly?: boolean; attributes?: Record<string, string>; protocolMappers?: { protocolMapper: string; config: Record<string, string> }[] }[];
  users: KeycloakUser[];
  identityProviders?: { alias: string; providerId: string; enabled: boolean; trustEmail: boolean; config: Record<string, string> }[];
  identityProviderMappers?: { identityProviderAlias: string; identityProviderMapper: string; config: Record<string, string> }[];
}

interface KeycloakUser {
  id?: string;
  username: string;
  realmRoles: string[];
  attributes?: Record<string, string[]>;
  credentials: { type: string; value: string; temporary: boolean }[];
  requiredActions?: string[];
}

const keycloakFile = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../keycloak/${name}`, import.meta.url)), 'utf8'));
const realm = keycloakFile('realm-mot-cua.json') as RealmExport;
const demoUsers = (keycloakFile('demo-users.json') as { users: KeycloakUser[] }).users;

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

  test('the realm imported in production has no demo user: one administrator who must replace the password given at install', () => {
    assert.deepEqual(
      realm.users.map((u) => u.username),
      ['admin'],
    );
    const [admin] = realm.users;
    assert.deepEqual(admin.realmRoles, ['admin']);
    assert.deepEqual(admin.requiredActions, ['UPDATE_PASSWORD']);
    // Keycloak replaces ${...} with the container's environment at import; the compose file requires that variable.
    assert.deepEqual(admin.credentials, [{ type: 'password', value: '${PLATFORM_ADMIN_INITIAL_PASSWORD}', temporary: true }]);
    assert.ok(!JSON.stringify(realm).includes('demo123'));
  });

  test('demo users, kept apart for a demonstration Keycloak, match the built-in demo accounts and are marked as demo', () => {
    assert.equal(demoUsers.length, DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const user = demoUsers.find((u) => u.username === account.username);
      assert.ok(user, account.username);
      assert.equal(user.id, account.id);
      assert.deepEqual(user.realmRoles, account.roles);
      assert.deepEqual(user.attributes?.agency, account.agencyCode ? [account.agencyCode] : undefined);
      assert.deepEqual(user.attributes?.citizen_id, account.citizenId ? [account.citizenId] : undefined);
      assert.deepEqual(user.attributes?.demo, ['true']);
    }
  });

  test('citizens sign in with VNeID, brokered over OpenID Connect and keyed by their personal identification number', () => {
    // Keycloak Server Administration Guide, "Integrating identity providers": an OpenID Connect
    // provider with PKCE and signature validation against its JWKS; mappers import claims into
    // the user. The built-in provider reads the same claim (VNEID_ID_CLAIM) from the same ID token.
    const vneid = realm.identityProviders?.find((p) => p.alias === 'vneid');
    assert.ok(vneid, 'an identity provider "vneid"');
    assert.equal(vneid.providerId, 'oidc');
    assert.equal(vneid.enabled, true);
    assert.equal(vneid.trustEmail, false);
    assert.equal(vneid.config.validateSignature, 'true');
    assert.equal(vneid.config.useJwksUrl, 'true');
    assert.equal(vneid.config.pkceEnabled, 'true');
    assert.equal(vneid.config.pkceMethod, 'S256');
    // Addresses and secret come from the Keycloak container's environment, never from the file.
    for (const key of ['issuer', 'authorizationUrl', 'tokenUrl', 'jwksUrl', 'clientId', 'clientSecret']) {
      assert.match(vneid.config[key], /^\$\{VNEID_[A-Z_]+\}$/, key);
    }

    const claim = loadConfig({}).VNEID_ID_CLAIM;
    const mappers = (realm.identityProviderMappers ?? []).filter((m) => m.identityProviderAlias === 'vneid');
    const username = mappers.find((m) => m.identityProviderMapper === 'oidc-username-idp-mapper');
    assert.equal(username?.config.template, `\${CLAIM.${claim}}`, 'the username is the personal identification number');
    const attribute = mappers.find((m) => m.identityProviderMapper === 'oidc-user-attribute-idp-mapper' && m.config.claim === claim);
    // The attribute the web client's `citizen_id` mapper puts into the platform's tokens.
    const tokenMapper = realm.clients.find((c) => c.clientId === 'mot-cua-web')!.protocolMappers!.find((m) => m.config['claim.name'] === 'citizen_id')!;
    assert.equal(attribute?.config['user.attribute'], tokenMapper.config['user.attribute']);
    const role = mappers.find((m) => m.identityProviderMapper === 'oidc-hardcoded-role-idp-mapper');
    assert.equal(role?.config.role, 'citizen');
    assert.ok(ALL_ROLES.includes('citizen'));
    // Never matched by e-mail: no mapper imports one, and VNeID's e-mail is not trusted.
    assert.ok(!mappers.some((m) => m.config['user.attribute'] === 'email' || m.config.claim === 'email'));
  });
});
