/** Public JWKS of the built-in provider, for the API's token verifier. Absent with an external provider. */
export const BUILT_IN_ISSUER_KEYS = Symbol('BUILT_IN_ISSUER_KEYS');
export const IDENTITY_KEYS = Symbol('IDENTITY_KEYS');
export const OIDC_PROVIDER = Symbol('OIDC_PROVIDER');
