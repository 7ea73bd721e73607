import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthenticatedUser } from './current-user.js';
import { CITIZEN_ID_CLAIM } from './issuer.js';
import { isRole } from './roles.js';

/** The token cannot be trusted (missing, malformed, expired, wrong issuer/audience, bad signature): 401. */
export class InvalidTokenError extends Error {}

/** The issuer's keys could not be fetched, so no token can be checked right now: 503. */
export class IssuerUnavailableError extends Error {}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  agencyClaim: string;
  /** Public keys of the built-in provider; without them the issuer's discovery document names its JWKS. */
  localKeys?: { keys: JWK[] };
  /** Allowed clock difference between the issuer and this server. */
  clockToleranceSeconds?: number;
}

const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * Checks access tokens the way a Keycloak resource server does: RS256 signature by a key of the
 * issuer, exact issuer, the API's audience, not expired; then maps the claims to a user.
 */
export class TokenVerifier {
  private keySet?: Promise<JWTVerifyGetKey>;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.localKeys) this.keySet = Promise.resolve(createLocalJWKSet(options.localKeys));
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const keys = await this.keys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['RS256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError))) {
        throw new IssuerUnavailableError(`Cannot fetch the signing keys of ${this.options.issuer}: ${(error).message}`);
      }
      throw new InvalidTokenError(describe(error));
    }
    return this.toUser(payload);
  }

  private toUser(payload: JWTPayload): AuthenticatedUser {
    const text = (name: string) => (typeof payload[name] === 'string' && payload[name] !== '' ? (payload[name]) : undefined);
    const realmAccess = payload.realm_access as { roles?: unknown } | undefined;
    const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter(isRole) : [];
    return {
      id: payload.sub!,
      username: text('preferred_username') ?? payload.sub!,
      name: text('name'),
      email: text('email'),
      roles: [...new Set(roles)],
      agencyCode: text(this.options.agencyClaim),
      citizenId: text(CITIZEN_ID_CLAIM),
    };
  }

  private keys(): Promise<JWTVerifyGetKey> {
    if (!this.keySet) {
      this.keySet = this.discoverKeys();
      // A failed discovery is retried on the next request rather than remembered.
      this.keySet.catch(() => (this.keySet = undefined));
    }
    return this.keySet;
  }

  private async discoverKeys(): Promise<JWTVerifyGetKey> {
    const url = `${this.options.issuer}/.well-known/openid-configuration`;
    let metadata: { issuer?: string; jwks_uri?: string };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      metadata = (await response.json()) as typeof metadata;
    } catch (error) {
      throw new IssuerUnavailableError(`Cannot read ${url}: ${(error as Error).message}`);
    }
    if (metadata.issuer !== this.options.issuer || !metadata.jwks_uri) {
      throw new IssuerUnavailableError(
        `${url} describes issuer ${JSON.stringify(metadata.issuer)} (expected ${this.options.issuer}) or has no jwks_uri`,
      );
    }
    return createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the access token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the access token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the access token is not signed by a key of the trusted issuer';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the access token is not signed with RS256';
  return 'the access token is malformed';
}
