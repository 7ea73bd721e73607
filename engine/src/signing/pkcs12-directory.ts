import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import forge from 'node-forge';
import { toDer } from './asn1.js';
import { assertKeyMatches, CredentialStore, SigningConfigurationError, type Agency, type SigningCredentials } from './credentials.js';

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
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      const der = (await readFile(file)).toString('binary');
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, this.password);
    } catch (error) {
      throw new SigningConfigurationError(`${file}: cannot open (wrong PKI_P12_PASSWORD?): ${(error as Error).message}`);
    }
    const keyBag = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ].find((bag) => bag.key);
    if (!keyBag?.key) throw new SigningConfigurationError(`${file}: no private key (only RSA keys are supported)`);
    const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
    // Parsed certificates keep their original to-be-signed part, so these are the CA's own bytes;
    // the issuer-signature check below proves it for every certificate that has its issuer here.
    const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
      .flatMap((bag) => (bag.cert ? [toDer(forge.pki.certificateToAsn1(bag.cert))] : []))
      .map((der) => ({ der, x509: new X509Certificate(der) }));
    const signer = certificates.find(({ x509 }) => x509.checkPrivateKey(privateKey));
    if (!signer) throw new SigningConfigurationError(`${file}: no certificate matches the private key`);
    for (const { x509 } of certificates) {
      const issuer = certificates.find((candidate) => x509.checkIssued(candidate.x509));
      if (issuer && !x509.verify(issuer.x509.publicKey)) {
        throw new SigningConfigurationError(`${file}: the certificate ${x509.subject} could not be read exactly`);
      }
    }
    const chain: Buffer[] = [];
    for (let current = signer.x509; ; ) {
      const issuer = certificates.find((candidate) => candidate.x509 !== current && current.checkIssued(candidate.x509));
      if (!issuer || chain.some((der) => der.equals(issuer.der))) break;
      chain.push(issuer.der);
      current = issuer.x509;
    }
    const credentials = { certificate: signer.der, chain, privateKey };
    assertKeyMatches(credentials, file);
    return credentials;
  }
}
