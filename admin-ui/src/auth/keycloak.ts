import Keycloak from 'keycloak-js';

/**
 * keycloak-js rather than a generic OIDC client: the platform's built-in provider reproduces
 * Keycloak's URL layout and token shape, and production runs Keycloak itself under the same
 * origin, so one adapter works against both with no discovery round trip. It does the
 * authorization-code flow with PKCE (S256), parses the callback and refreshes tokens.
 */
export const REALM = 'mot-cua';
export const CLIENT_ID = 'mot-cua-web';

export const keycloak = new Keycloak({ url: window.location.origin, realm: REALM, clientId: CLIENT_ID });

let initialised: Promise<boolean> | undefined;

/**
 * Completes a sign-in callback if the URL carries one; never redirects by itself, so public pages
 * stay public. The login-status iframe is Keycloak-only (the built-in provider has none), and token
 * refresh covers session expiry.
 */
export function initAuth(): Promise<boolean> {
  initialised ??= keycloak.init({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment', scope: 'openid profile email' });
  return initialised;
}

/** A fresh access token (refreshed when it expires within 30 s), or undefined when signed out. */
export async function accessToken(): Promise<string | undefined> {
  if (!keycloak.authenticated) return undefined;
  try {
    await keycloak.updateToken(30);
  } catch {
    // The session ended at the provider: sign in again from where the user is.
    await keycloak.login({ redirectUri: window.location.href });
  }
  return keycloak.token;
}
