import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CredentialStore } from './credentials.js';

/** The root certificates a signature's chain must end in to count as valid. */
export class TrustStore {
  private constructor(readonly roots: readonly X509Certificate[]) {}

  /** The configured PEM bundle (if any) plus the roots the credential store vouches for. */
  static async load(credentials: CredentialStore, pemFile?: string): Promise<TrustStore> {
    const roots = (await credentials.trustedRoots()).map((der) => new X509Certificate(der));
    if (pemFile) {
      const pem = await readFile(pemFile, 'utf8').catch((error: Error) => {
        throw new Error(`PKI_TRUSTED_ROOTS=${pemFile} cannot be read: ${error.message}`);
      });
      const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      if (blocks.length === 0) throw new Error(`PKI_TRUSTED_ROOTS=${pemFile} holds no PEM certificate`);
      roots.push(...blocks.map((block) => new X509Certificate(block)));
    }
    return new TrustStore(roots);
  }

  static of(roots: X509Certificate[]): TrustStore {
    return new TrustStore(roots);
  }

  isTrustedRoot(certificate: X509Certificate): boolean {
    return this.roots.some((root) => root.fingerprint256 === certificate.fingerprint256);
  }
}
