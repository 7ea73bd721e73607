import * as oauth from 'oauth4webapi';

/**
 * Sign-in with the authorization-code flow and PKCE (S256), over oauth4webapi. The platform's
 * built-in provider reproduces Keycloak's URL layout and token shape, and production runs Keycloak
 * itself under the same origin, so the endpoints are fixed paths under /realms/<realm> and no
 * discovery round trip is needed. Refresh tokens are used as the opaque strings OAuth says they are
 * (the built-in provider's are not JWTs). A reload within the access token's life takes the tokens
 * back from the tab's sessionStorage (gone with the tab, as oidc-client-ts keeps them by default);
 * otherwise the app stays signed in through a silent `prompt=none` request in a hidden iframe. The
 * app and the provider share an origin, so no third-party cookie is involved.
 */
export const REALM = 'mot-cua';
export const CLIENT_ID = 'mot-cua-web';

const origin = window.location.origin;
const endpoints = `${origin}/realms/${REALM}/protocol/openid-connect`;
const server: oauth.AuthorizationServer = {
  issuer: `${origin}/realms/${REALM}`,
  authorization_endpoint: `${endpoints}/auth`,
  token_endpoint: `${endpoints}/token`,
  end_session_endpoint: `${endpoints}/logout`,
};
const client: oauth.Client = { client_id: CLIENT_ID };
const clientAuth = oauth.None();
const SCOPE = 'openid profile email';
const CALLBACK = `${origin}/`;
const SILENT_CALLBACK = `${origin}/silent-check-sso.html`;
const PENDING_KEY = 'mot-cua.oidc.pending';
const SESSION_KEY = 'mot-cua.oidc.session';
const SILENT_TIMEOUT_MS = 5000;
// Development and tests run on http://127.0.0.1; production is https and keeps the library's check.
const options = { [oauth.allowInsecureRequests]: window.location.protocol === 'http:' };

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  redirectUri: string;
}

interface Session {
  accessToken: string;
  expiresAt: number;
  refreshToken?: string;
  idToken?: string;
}

let session: Session | undefined;
let initialised: Promise<boolean> | undefined;

async function authorizationUrl(redirectUri: string, returnTo: string, prompt?: 'none'): Promise<{ url: URL; pending: Pending }> {
  const pending: Pending = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
    returnTo,
    redirectUri,
  };
  const url = new URL(server.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SCOPE,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ...(prompt ? { prompt } : {}),
  }).toString();
  return { url, pending };
}

async function exchange(pending: Pending, callback: URL): Promise<void> {
  const params = oauth.validateAuthResponse(server, client, callback, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth, params, pending.redirectUri, pending.verifier, options);
  keep(await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: pending.nonce, requireIdToken: true }));
}

function keep(tokens: oauth.TokenEndpointResponse): void {
  session = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
    refreshToken: tokens.refresh_token ?? session?.refreshToken,
    idToken: tokens.id_token ?? session?.idToken,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

function forget(): void {
  session = undefined;
  sessionStorage.removeItem(SESSION_KEY);
}

/** The tab's tokens from before a reload, when the access token has more than 30 s to live. */
function restore(): boolean {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (!stored || typeof stored.accessToken !== 'string' || stored.expiresAt - Date.now() < 30_000) return false;
    session = stored;
    return true;
  } catch {
    return false;
  }
}

/** Asks the provider, without showing anything, whether the browser has a session there. */
async function silentSignIn(): Promise<boolean> {
  const { url, pending } = await authorizationUrl(SILENT_CALLBACK, '', 'none');
  const iframe = document.createElement('iframe');
  iframe.title = 'sso';
  iframe.hidden = true;
  const answer = new Promise<URL | undefined>((resolve) => {
    const timer = setTimeout(() => finish(undefined), SILENT_TIMEOUT_MS);
    function finish(value: URL | undefined) {
      clearTimeout(timer);
      window.removeEventListener('message', listen);
      iframe.remove();
      resolve(value);
    }
    function listen(event: MessageEvent) {
      if (event.origin !== origin || event.source !== iframe.contentWindow || typeof event.data !== 'string') return;
      finish(new URL(event.data));
    }
    window.addEventListener('message', listen);
  });
  iframe.src = url.href;
  document.body.append(iframe);
  const callback = await answer;
  if (!callback || callback.searchParams.has('error')) return false;
  try {
    await exchange(pending, callback);
    return true;
  } catch {
    return false;
  }
}

/**
 * A sign-in callback (`/?code=…&state=…`) is taken out of the address bar as soon as this module
 * loads, before the router reads the location: the code must not stay in the history, and the
 * router should start on the page the user signed in from.
 */
const callback: { pending: Pending; url: URL } | undefined = (() => {
  const here = new URL(window.location.href);
  const stored = sessionStorage.getItem(PENDING_KEY);
  if (!stored || !here.searchParams.has('state') || !(here.searchParams.has('code') || here.searchParams.has('error'))) return undefined;
  sessionStorage.removeItem(PENDING_KEY);
  const pending = JSON.parse(stored) as Pending;
  window.history.replaceState(null, '', pending.returnTo || '/');
  return { pending, url: here };
})();

/** Completes the sign-in callback when there is one, else checks silently for a session; never redirects by itself. */
export function initAuth(): Promise<boolean> {
  initialised ??= callback ? exchange(callback.pending, callback.url).then(() => true) : restore() ? Promise.resolve(true) : silentSignIn();
  return initialised;
}

/** Drops the tab's tokens and asks the provider again: for tokens the API no longer accepts. */
export function renewSession(): Promise<boolean> {
  forget();
  return silentSignIn();
}

export async function signIn(returnTo: string): Promise<void> {
  const { url, pending } = await authorizationUrl(CALLBACK, returnTo);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(url.href);
}

export function signOut(): void {
  const url = new URL(server.end_session_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    post_logout_redirect_uri: CALLBACK,
    ...(session?.idToken ? { id_token_hint: session.idToken } : {}),
  }).toString();
  forget();
  window.location.assign(url.href);
}

let refreshing: Promise<void> | undefined;

async function refresh(): Promise<void> {
  if (session?.refreshToken) {
    try {
      const response = await oauth.refreshTokenGrantRequest(server, client, clientAuth, session.refreshToken, options);
      keep(await oauth.processRefreshTokenResponse(server, client, response));
      return;
    } catch {
      // The refresh token expired or was revoked: try the provider's session next.
    }
  }
  if (await silentSignIn()) return;
  forget();
  // The session ended at the provider: sign in again and come back to where the user is.
  await signIn(window.location.pathname + window.location.search);
}

/** A fresh access token (renewed when it expires within 30 s), or undefined when signed out. */
export async function accessToken(): Promise<string | undefined> {
  if (!session) return undefined;
  if (session.expiresAt - Date.now() < 30_000) {
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    await refreshing;
  }
  return session?.accessToken;
}
