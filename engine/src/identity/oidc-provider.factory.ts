import { Provider, errors, type Configuration, type KoaContextWithOIDC, type TokenEndpointGrantContext } from 'oidc-provider';
import type { AppConfig } from '../config/environment.js';
import type { Database } from '../database/database.js';
import { builtInIssuer, CITIZEN_ID_CLAIM } from '../auth/issuer.js';
import { profileClaims, type AccountsService } from './accounts.service.js';
import { LoginLockedError } from './login-throttle.js';
import type { IdentityKeys } from './keys.js';
import { databaseAdapter } from './oidc-adapter.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';
import { PROTOCOL_PATH, USERINFO_PATH } from './protocol-paths.js';

export const WEB_CLIENT_ID = 'mot-cua-web';

const SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const ACCESS_TOKEN_TTL = 5 * 60; // Keycloak's default; the web app refreshes
const SESSION_TTL = 10 * 60 * 60; // a working day

export interface ProviderDependencies {
  config: AppConfig;
  db: Database;
  keys: IdentityKeys;
  accounts: AccountsService;
}

/**
 * The built-in OpenID provider: Keycloak's URL layout and token shape (RS256 JWT access tokens
 * with `typ`, `azp`, `preferred_username`, `realm_access.roles` and the agency claim), so the web
 * app and the API work unchanged against either.
 */
export function createOidcProvider({ config, db, keys, accounts }: ProviderDependencies): Provider {
  const issuer = builtInIssuer(config);
  const publicOrigin = new URL(config.PUBLIC_URL).origin;
  // Resource indicator of the API; tokens for it carry OIDC_AUDIENCE as `aud`.
  const apiResource = `${config.PUBLIC_URL}/api`;
  const apiServer = {
    scope: SCOPES.join(' '),
    audience: config.OIDC_AUDIENCE,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: ACCESS_TOKEN_TTL,
    jwt: { sign: { alg: 'RS256' as const } },
  };

  const configuration: Configuration = {
    adapter: databaseAdapter(db),
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'Hệ thống một cửa',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token', ...(config.IDP_PASSWORD_GRANT ? ['password'] : [])],
        response_types: ['code'],
        redirect_uris: [`${config.PUBLIC_URL}/`],
        post_logout_redirect_uris: [`${config.PUBLIC_URL}/`],
      },
    ],
    jwks: { keys: keys.signing },
    cookies: {
      keys: keys.cookies,
      long: { signed: true, sameSite: 'lax' },
      short: { signed: true, sameSite: 'lax' },
    },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name'],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx, sub) {
      const user = await accounts.findEnabled(sub);
      if (!user) return undefined;
      return { accountId: user.id, claims: () => profileClaims(user) };
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Served by UserinfoController: the provider's own refuses JWT access tokens for the API.
      userinfo: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => html(ctx, logoutPage(form)),
        postLogoutSuccessSource: (ctx) => html(ctx, loggedOutPage()),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource) {
          if (resource !== apiResource) throw new errors.InvalidTarget();
          return apiServer;
        },
      },
    },
    discovery: { userinfo_endpoint: `${issuer}${USERINFO_PATH}` },
    routes: {
      authorization: `${PROTOCOL_PATH}/auth`,
      token: `${PROTOCOL_PATH}/token`,
      jwks: `${PROTOCOL_PATH}/certs`,
      end_session: `${PROTOCOL_PATH}/logout`,
      revocation: `${PROTOCOL_PATH}/revoke`,
      pushed_authorization_request: `${PROTOCOL_PATH}/ext/par/request`,
    },
    interactions: { url: (_ctx, interaction) => `/realms/${encodeURIComponent(config.OIDC_REALM)}/login-actions/${interaction.uid}` },
    // The platform's own clients are first-party: like Keycloak with "consent required" off, the
    // user is not asked to approve what they request.
    async loadExistingGrant(ctx) {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const grant = existing?.accountId === session.accountId ? existing : new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      const requested = [...ctx.oidc.requestParamScopes].filter((s) => SCOPES.includes(s));
      grant.addOIDCScope(requested.join(' '));
      grant.addResourceScope(apiResource, requested.join(' '));
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => origin === publicOrigin,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL,
      Interaction: 60 * 60,
      Session: SESSION_TTL,
      Grant: SESSION_TTL,
      RefreshToken: SESSION_TTL,
    },
    formats: {
      customizers: {
        // Keycloak's access-token claims, which keycloak-connect and the API's verifier rely on.
        async jwt(_ctx, token, { payload }) {
          payload.typ = 'Bearer';
          payload.azp = token.clientId;
          const user = 'accountId' in token && token.accountId ? await accounts.findEnabled(token.accountId) : undefined;
          if (!user) return;
          const { sub: _sub, ...profile } = profileClaims(user);
          Object.assign(payload, profile, { realm_access: { roles: user.roles } });
          if (user.agencyCode) payload[config.OIDC_AGENCY_CLAIM] = user.agencyCode;
          if (user.citizenId) payload[CITIZEN_ID_CLAIM] = user.citizenId;
        },
      },
    },
    renderError: (ctx, out) => html(ctx, errorPage(out.error ?? 'server_error', describeError(out))),
  };

  const provider = new Provider(issuer, configuration);
  // Behind a TLS-terminating proxy the provider must trust X-Forwarded-Proto to set secure cookies.
  provider.proxy = config.PUBLIC_URL.startsWith('https:');
  allowRedirectsUnder(provider, config.PUBLIC_URL);
  if (config.IDP_PASSWORD_GRANT) registerPasswordGrant(provider, accounts, apiResource, apiServer);
  return provider;
}

function html(ctx: KoaContextWithOIDC, body: string): void {
  ctx.type = 'html';
  ctx.body = body;
}

function describeError(out: { error?: string; error_description?: string }): string {
  switch (out.error) {
    case 'invalid_request':
    case 'invalid_client':
    case 'invalid_redirect_uri':
      return `Yêu cầu đăng nhập không hợp lệ (${out.error_description ?? out.error}).`;
    case 'access_denied':
      return 'Bạn đã hủy đăng nhập.';
    default:
      return 'Đã xảy ra lỗi khi đăng nhập.';
  }
}

/**
 * keycloak-js redirects back to the page the user was on, as Keycloak allows with
 * "<PUBLIC_URL>/*": accept any address of the platform itself, and nothing else.
 */
function allowRedirectsUnder(provider: Provider, publicUrl: string): void {
  const base = new URL(`${publicUrl}/`);
  const under = (uri: string) => {
    const url = URL.parse(uri);
    return !!url && url.origin === base.origin && url.pathname.startsWith(base.pathname) && !url.hash;
  };
  const { prototype } = provider.Client;
  prototype.redirectUriAllowed = function (uri: string) {
    return this.clientId === WEB_CLIENT_ID ? under(uri) : this.redirectUris!.includes(uri);
  };
  prototype.postLogoutRedirectUriAllowed = function (uri: string) {
    return this.clientId === WEB_CLIENT_ID ? under(uri) : (this.postLogoutRedirectUris ?? []).includes(uri);
  };
}

/**
 * Resource-owner password grant, for tests and local scripts only (IDP_PASSWORD_GRANT; refused in
 * production). It issues the same access token as the browser flow, without an ID or refresh token.
 */
function registerPasswordGrant(
  provider: Provider,
  accounts: AccountsService,
  apiResource: string,
  apiServer: ConstructorParameters<Provider['ResourceServer']>[1],
): void {
  provider.registerGrantType(
    'password',
    async (ctx: TokenEndpointGrantContext<{ username?: string; password?: string }>) => {
      const { username, password, scope } = ctx.oidc.params;
      if (!username || !password) throw new errors.InvalidRequest('username and password are required');
      const user = await accounts.authenticate(username, password).catch((error: unknown) => {
        if (error instanceof LoginLockedError) throw new errors.InvalidGrant(error.message);
        throw error;
      });
      if (!user) throw new errors.InvalidGrant('invalid username or password');
      const scopes = (scope ?? 'openid profile email').split(' ').filter((s) => SCOPES.includes(s)).join(' ');
      const grant = new provider.Grant({ accountId: user.id, clientId: ctx.oidc.client.clientId });
      grant.addOIDCScope(scopes);
      grant.addResourceScope(apiResource, scopes);
      const grantId = await grant.save();
      const token = new provider.AccessToken({ accountId: user.id, client: ctx.oidc.client, grantId, gty: 'password', scope: scopes });
      token.resourceServer = new provider.ResourceServer(apiResource, apiServer);
      ctx.body = {
        access_token: await token.save(),
        token_type: 'Bearer',
        expires_in: token.expiration,
        scope: scopes,
      };
    },
    ['username', 'password', 'scope'],
  );
}
