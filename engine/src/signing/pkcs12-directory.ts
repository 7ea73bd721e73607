import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CredentialStore, SigningConfigurationError, type Agency, type SigningCredentials } from './credentials.js';
import { Pkcs12PasswordError, readPkcs12 } from './pkcs12-file.js';

/**
 * Production credentials: one PKCS#12 file per agency, `<agency code>.p12`, holding the agency's
 * RSA key, its certificate and the chain. All files are read at start, so a wrong password or a
 * broken file stops the platform instead of failing the first signature of the day.
 */
export class Pkcs12Directory extends CredentialStore {
  private readonly byAgency = new Map<string, SigningCredentials>();
  private readonly roots: Buffer[] = [];

  constructor(
    private readonly directory: string,
    private readonly password: string,
  ) {
    super();
  }

  async start(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.directory)).filter((name) => name.endsWith('.p12'));
    } catch (error) {
      throw new SigningConfigurationError(`PKI_DIR=${this.directory} cannot be read: ${(error as Error).message}`);
    }
    for (const name of names) {
      const credentials = await this.load(join(this.directory, name));
      this.byAgency.set(basename(name, '.p12'), credentials);
      for (const der of [credentials.certificate, ...credentials.chain]) {
        const certificate = new X509Certificate(der);
        if (certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey)) this.roots.push(der);
      }
    }
  }

  async credentialsFor(agency: Agency): Promise<SigningCredentials> {
    const credentials = this.byAgency.get(agency.code);
    if (!credentials) {
      throw new SigningConfigurationError(`No signing key for agency ${agency.code}: expected ${join(this.directory, `${agency.code}.p12`)}`);
    }
    return credentials;
  }

  async trustedRoots(): Promise<Buffer[]> {
    return [...this.roots];
  }

  private async load(file: string): Promise<SigningCredentials> {
    try {
      return readPkcs12(await readFile(file), this.password, file);
    } catch (error) {
      if (error instanceof Pkcs12PasswordError) throw new SigningConfigurationError(`${file}: cannot open (wrong PKI_P12_PASSWORD?)`);
      throw error;
    }
  }
}
