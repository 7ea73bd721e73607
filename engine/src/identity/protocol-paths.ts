/**
 * Keycloak's endpoint paths, relative to the realm (the provider is mounted at /realms/<realm>).
 * Apart from the provider's factory, so that routes can name them without loading oidc-provider.
 */
export const PROTOCOL_PATH = '/protocol/openid-connect';
export const USERINFO_PATH = `${PROTOCOL_PATH}/userinfo`;
