import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { builtInIssuer } from '../auth/issuer.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { databaseAdapter } from './oidc-adapter.js';

/** Keycloak's broker endpoint for an identity provider `vneid`: VNeID needs one redirect address for either. */
export const VNEID_CALLBACK_PATH = 'broker/vneid/endpoint';

/** How long a citizen has to approve the sign-in in VNeID. */
const PENDING_TTL = 10 * 60;

/** What VNeID vouched for: the personal identification number and the name it holds. */
export interface VneidIdentity {
  personalId: string;
  name: string;
}

export class VneidRefusal extends Error {}

interface PendingLogin {
  uid: string;
  verifier: string;
  nonce: string;
  [key: string]: unknown;
}

/**
 * The built-in provider's side of VNeID sign-in: an OpenID relying party (authorization code with
 * PKCE and a nonce) that verifies VNeID's signed ID token and reads the personal identification
 * number from it. Each pending sign-in is remembered under its `state`, beside the provider's
 * sessions, so any replica can receive VNeID's answer.
 */
@Injectable()
export class VneidBroker {
  private client?: Promise<oidc.Configuration>;
  private readonly pending;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) db: Database,
  ) {
    this.pending = new (databaseAdapter(db))('VneidLogin');
  }

  get enabled(): boolean {
    return !!(this.config.VNEID_ISSUER && this.config.VNEID_CLIENT_ID && this.config.VNEID_CLIENT_SECRET);
  }

  get redirectUri(): string {
    return `${builtInIssuer(this.config)}/${VNEID_CALLBACK_PATH}`;
  }

  /** Where to send the browser to sign in with VNeID for the provider's interaction `uid`. */
  async begin(uid: string): Promise<URL> {
    const client = await this.discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.pending.upsert(state, { uid, verifier, nonce } satisfies PendingLogin, PENDING_TTL);
    return oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /**
   * Completes the sign-in VNeID answered at `callback`: the interaction it belongs to and the
   * identity in the verified ID token. Throws VneidRefusal when VNeID refused or its answer does
   * not hold (unknown or reused state, bad signature, another audience, no valid personal number).
   */
  async finish(callback: URL): Promise<{ uid: string; identity: VneidIdentity }> {
    const state = callback.searchParams.get('state');
    const pending = state ? ((await this.pending.find(state)) as PendingLogin | undefined) : undefined;
    if (!state || !pending) throw new VneidRefusal('unknown or expired state');
    // One answer per sign-in: a replayed callback finds nothing.
    await this.pending.destroy(state);
    const client = await this.discover();
    let claims;
    try {
      const tokens = await oidc.authorizationCodeGrant(client, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new VneidRefusal((error as Error).message);
    }
    const personalId = claims?.[this.config.VNEID_ID_CLAIM];
    if (typeof personalId !== 'string' || !/^\d{12}$/.test(personalId)) {
      throw new VneidRefusal(`the ID token has no 12-digit ${this.config.VNEID_ID_CLAIM}`);
    }
    const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim() : personalId;
    return { uid: pending.uid, identity: { personalId, name } };
  }

  private discover(): Promise<oidc.Configuration> {
    this.client ??= this.connect().catch((error: unknown) => {
      this.client = undefined; // try again at the next sign-in
      throw error;
    });
    return this.client;
  }

  private async connect(): Promise<oidc.Configuration> {
    const { VNEID_ISSUER, VNEID_CLIENT_ID, VNEID_CLIENT_SECRET } = this.config;
    // Plain HTTP only reaches a sandbox: production requires an https issuer (environment.ts).
    const insecure = VNEID_ISSUER!.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined;
    const client = await oidc.discovery(new URL(VNEID_ISSUER!), VNEID_CLIENT_ID!, undefined, oidc.ClientSecretBasic(VNEID_CLIENT_SECRET!), insecure);
    // The ID token is the only evidence of the citizen's number: check its signature against
    // VNeID's published keys, not only the TLS channel it came through.
    oidc.enableNonRepudiationChecks(client);
    return client;
  }
}
