import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import type * as oidc from 'openid-client';
import { api, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';

/** An Ed25519 key pair as the JWKs FEDERATION_SIGNING_KEY and FEDERATION_PEERS take. */
export function keyPair(): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }) };
}

export interface PeerEntry {
  id: string;
  url: string;
  publicKey: JWK;
  agencies: string[];
}

/** The FEDERATION_* settings of one instance; back-off capped at one second so retries come quickly. */
export function federationEnv(instanceId: string, privateJwk: JWK, peers: PeerEntry[]): Record<string, string> {
  return {
    FEDERATION_INSTANCE_ID: instanceId,
    FEDERATION_SIGNING_KEY: JSON.stringify(privateJwk),
    FEDERATION_PEERS: JSON.stringify(peers),
    FEDERATION_RETRY_MAX_SECONDS: '1',
  };
}

/** A second whole platform on its own site, reached like any client would: HTTP and real tokens. */
export class Instance {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly site: PlatformSite,
    readonly platform: RunningPlatform,
    private readonly client: oidc.Configuration,
  ) {}

  static async start(site: PlatformSite, env: Record<string, string>): Promise<Instance> {
    const platform = await startPlatform(site, env);
    return new Instance(site, platform, await webClient(platform.issuer));
  }

  async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) this.tokens.set(username, (token = await passwordLogin(this.client, username)));
    return token;
  }

  async call<T>(username: string, path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    const response = await api(this.site.baseUrl, path, await this.token(username), {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
    });
    const text = await response.text();
    assert.equal(response.status, status, `${path} as ${username}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  close(): Promise<void> {
    return this.platform.close();
  }
}

/** POSTs a compact JWS to an instance's federation endpoint, as a peer would. */
export async function postMessage(baseUrl: string, message: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/federation/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
