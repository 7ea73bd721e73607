import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

/** What signs on behalf of an agency: its key, its certificate and the certificates above it. */
export interface SigningCredentials {
  /** DER of the signer's certificate, byte for byte as its CA issued it. */
  readonly certificate: Buffer;
  /** DER of the issuing certificates, nearest first (may end with the root). */
  readonly chain: readonly Buffer[];
  readonly privateKey: KeyObject;
}

export interface Agency {
  readonly code: string;
  /** Full name ("Sở Xây dựng tỉnh Quảng Ninh"): the development CA writes it into new certificates. */
  readonly name?: string;
}

/** Where agencies' signing credentials and the trusted root certificates come from. */
export abstract class CredentialStore {
  abstract credentialsFor(agency: Agency): Promise<SigningCredentials>;
  /** Root certificates (DER) this store vouches for, in addition to the configured ones. */
  abstract trustedRoots(): Promise<Buffer[]>;
}

export class SigningConfigurationError extends Error {}

/** Refuses credentials whose certificate does not belong to the key (a mix-up of files). */
export function assertKeyMatches(credentials: SigningCredentials, origin: string): void {
  const certificateKey = new X509Certificate(credentials.certificate).publicKey.export({ type: 'spki', format: 'der' });
  const privateKeyPublic = createPublicKey(credentials.privateKey).export({ type: 'spki', format: 'der' });
  if (!certificateKey.equals(privateKeyPublic)) {
    throw new SigningConfigurationError(`${origin}: the certificate does not match the private key`);
  }
}
