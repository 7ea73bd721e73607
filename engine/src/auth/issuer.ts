import type { AppConfig } from '../config/environment.js';

/** Issuer of the built-in provider: Keycloak's layout, so clients need only a different base URL. */
export function builtInIssuer(config: AppConfig): string {
  return `${config.PUBLIC_URL}/realms/${encodeURIComponent(config.OIDC_REALM)}`;
}

/** The issuer whose tokens the API accepts: the external provider when configured, else the built-in one. */
export function trustedIssuer(config: AppConfig): string {
  return config.OIDC_ISSUER ? config.OIDC_ISSUER.replace(/\/+$/, '') : builtInIssuer(config);
}

/** Claim carrying the citizen identity number (a Keycloak user-attribute mapper in production). */
export const CITIZEN_ID_CLAIM = 'citizen_id';
