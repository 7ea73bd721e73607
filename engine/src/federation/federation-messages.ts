import { createHash } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { FEDERATION_SETTINGS, type FederationSettings, type Peer } from './federation-settings.js';

export const MESSAGE_KINDS = ['consultation.request', 'consultation.answer'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** JWS `typ` of platform-to-platform messages: a token of another kind (an access token) is refused. */
const MESSAGE_TYPE = 'mot-cua-federation+jwt';
/** Tolerated difference between the two instances' clocks. */
const CLOCK_SKEW_SECONDS = 30;
const ENVELOPE_CLAIMS = new Set(['iss', 'aud', 'iat', 'jti', 'exp', 'nbf', 'sub']);

export interface VerifiedMessage {
  readonly peer: Peer;
  readonly jti: string;
  readonly kind: MessageKind;
  /** The business claims (everything but the envelope). */
  readonly body: Record<string, unknown>;
  /** SHA-256 of the canonical business claims: one id must always carry the same content. */
  readonly digest: string;
  readonly compact: string;
}

/**
 * Signs messages to peers and verifies messages from them: compact JWS with the sender instance
 * (`iss`), the receiver (`aud`), the signing time (`iat`) and the message id (`jti`).
 */
@Injectable()
export class FederationMessages {
  constructor(@Inject(FEDERATION_SETTINGS) private readonly settings: FederationSettings) {}

  sign(peer: Peer, jti: string, body: Record<string, unknown>): Promise<string> {
    return new SignJWT(body)
      .setProtectedHeader({ alg: this.settings.alg, kid: this.settings.kid, typ: MESSAGE_TYPE })
      .setIssuer(this.settings.instanceId)
      .setAudience(peer.id)
      .setIssuedAt()
      .setJti(jti)
      .sign(this.settings.signingKey);
  }

  /** 401 unless a configured peer signed it for this instance within the freshness window. */
  async verify(compact: string): Promise<VerifiedMessage> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(compact).iss;
    } catch {
      throw new UnauthorizedException('The message is not a compact JWS');
    }
    const peer = this.settings.peers.find((p) => p.id === issuer);
    if (!peer) throw new UnauthorizedException(`Unknown sender ${JSON.stringify(issuer ?? null)}: not in FEDERATION_PEERS`);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(compact, peer.publicKey, {
        algorithms: [peer.alg],
        typ: MESSAGE_TYPE,
        issuer: peer.id,
        audience: this.settings.instanceId,
        maxTokenAge: this.settings.maxAgeSeconds,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      throw new UnauthorizedException(`Message from ${peer.id} refused: ${reason(error)}`);
    }
    const kind = payload.kind as MessageKind;
    if (!MESSAGE_KINDS.includes(kind)) throw new UnauthorizedException(`Message from ${peer.id} refused: unknown kind ${JSON.stringify(kind ?? null)}`);
    const body = Object.fromEntries(Object.entries(payload).filter(([k]) => !ENVELOPE_CLAIMS.has(k)));
    return { peer, jti: payload.jti as string, kind, body, digest: digest(body), compact };
  }
}

function reason(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWTExpired) return 'too old';
  if (error instanceof errors.JOSEError) return error.message;
  return (error as Error).message;
}

/** Key order does not change the digest: JSONB and JSON.parse may reorder keys. */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('base64url');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
