import { createPrivateKey, generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { certificateIds, toDer } from './asn1.js';
import { assertKeyMatches, CredentialStore, SigningConfigurationError, type Agency, type SigningCredentials } from './credentials.js';

const generateRsa = promisify(generateKeyPair);

/** Where the development certificates say they are from; real certificates come from the PKCS#12 files. */
const PROVINCE = { organization: 'Ủy ban nhân dân tỉnh Quảng Ninh', locality: 'Quảng Ninh' };
const CA_NAME = 'CA thử nghiệm Một cửa BPM (không dùng cho văn bản thật)';
const UID = '0.9.2342.19200300.100.1.1';

interface KeyAndCertificate {
  readonly key: forge.pki.rsa.PrivateKey;
  readonly keyPem: string;
  readonly certificate: forge.pki.Certificate;
  readonly der: Buffer;
}

/**
 * A certificate authority for development and tests, kept under DATA_DIR/pki: its root is made on
 * first start, and each agency's certificate on the agency's first signature, with the agency's
 * Vietnamese name in UTF8String as real agency certificates have it.
 */
export class DevelopmentCertificateAuthority extends CredentialStore {
  private ca?: Promise<KeyAndCertificate>;
  private readonly agencies = new Map<string, Promise<SigningCredentials>>();

  constructor(private readonly directory: string) {
    super();
  }

  /** Loads the root, making it on the very first start. */
  async start(): Promise<void> {
    await this.root();
  }

  async trustedRoots(): Promise<Buffer[]> {
    return [(await this.root()).der];
  }

  credentialsFor(agency: Agency): Promise<SigningCredentials> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(agency.code)) {
      return Promise.reject(new SigningConfigurationError(`Invalid agency code: ${JSON.stringify(agency.code)}`));
    }
    let credentials = this.agencies.get(agency.code);
    if (!credentials) {
      credentials = this.agencyCredentials(agency);
      this.agencies.set(agency.code, credentials);
      credentials.catch(() => this.agencies.delete(agency.code));
    }
    return credentials;
  }

  private root(): Promise<KeyAndCertificate> {
    this.ca ??= this.loadOrCreate('ca', async (keys) => {
      const attributes = names({ commonName: CA_NAME, organization: 'Một cửa BPM', locality: PROVINCE.locality });
      const certificate = newCertificate(keys.publicKey, attributes, 20);
      certificate.setIssuer(attributes);
      certificate.setExtensions([
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ]);
      certificate.sign(keys.privateKey, forge.md.sha256.create());
      return certificate;
    });
    return this.ca;
  }

  private async agencyCredentials(agency: Agency): Promise<SigningCredentials> {
    const ca = await this.root();
    const issued = await this.loadOrCreate(join('agencies', agency.code), async (keys) => {
      const certificate = newCertificate(
        keys.publicKey,
        names({ commonName: agency.name ?? agency.code, organization: PROVINCE.organization, locality: PROVINCE.locality, uid: agency.code }),
        3,
      );
      certificate.setIssuer(ca.certificate.subject.attributes);
      certificate.setExtensions([
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        { name: 'subjectKeyIdentifier' },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
      ]);
      certificate.sign(ca.key, forge.md.sha256.create());
      return certificate;
    });
    // The issuer written by the library must be the root's subject byte for byte, or chains break.
    if (!toDer(certificateIds(issued.der).issuer).equals(toDer(certificateIds(ca.der).subject))) {
      throw new SigningConfigurationError(`The certificate of ${agency.code} does not name its CA exactly`);
    }
    const credentials = { certificate: issued.der, chain: [ca.der], privateKey: createPrivateKey(issued.keyPem) };
    assertKeyMatches(credentials, `Development certificate of ${agency.code}`);
    return credentials;
  }

  /**
   * A certificate for a person (a leader who signs in her own name): her full name as CN, her
   * login as UID, her agency's province as O. The key is hers: the caller keeps it, encrypted.
   */
  async issuePersonCertificate(person: { username: string; fullName: string }, publicKeyPem: string): Promise<{ certificate: Buffer; chain: Buffer[] }> {
    const ca = await this.root();
    const certificate = newCertificate(
      forge.pki.publicKeyFromPem(publicKeyPem),
      names({ commonName: person.fullName, organization: PROVINCE.organization, locality: PROVINCE.locality, uid: person.username }),
      3,
    );
    certificate.setIssuer(ca.certificate.subject.attributes);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
    ]);
    certificate.sign(ca.key, forge.md.sha256.create());
    const der = Buffer.from(new X509Certificate(forge.pki.certificateToPem(certificate)).raw);
    if (!toDer(certificateIds(der).issuer).equals(toDer(certificateIds(ca.der).subject))) {
      throw new SigningConfigurationError(`The certificate of ${person.username} does not name its CA exactly`);
    }
    return { certificate: der, chain: [ca.der] };
  }

  /** Reads `<name>.pem` and `<name>.key.pem`, or makes and writes them (key first, private to the owner). */
  private async loadOrCreate(
    name: string,
    create: (keys: { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey }) => Promise<forge.pki.Certificate>,
  ): Promise<KeyAndCertificate> {
    const certificateFile = join(this.directory, `${name}.pem`);
    const keyFile = join(this.directory, `${name}.key.pem`);
    if (existsSync(certificateFile) && existsSync(keyFile)) {
      const [certificatePem, keyPem] = await Promise.all([readFile(certificateFile, 'utf8'), readFile(keyFile, 'utf8')]);
      const der = Buffer.from(new X509Certificate(certificatePem).raw);
      const certificate = forge.pki.certificateFromPem(certificatePem);
      decodeUtf8Names(certificate.subject.attributes);
      return { key: forge.pki.privateKeyFromPem(keyPem), keyPem, certificate, der };
    }
    const pair = await generateRsa('rsa', { modulusLength: 2048 });
    const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const privateKey = forge.pki.privateKeyFromPem(keyPem);
    const publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const certificate = await create({ publicKey, privateKey });
    const certificatePem = forge.pki.certificateToPem(certificate);
    await writeAtomically(keyFile, keyPem, 0o600);
    await writeAtomically(certificateFile, certificatePem, 0o644);
    return { key: privateKey, keyPem, certificate, der: Buffer.from(new X509Certificate(certificatePem).raw) };
  }
}

function names(fields: { commonName: string; organization: string; locality: string; uid?: string }): forge.pki.CertificateField[] {
  const utf8 = forge.asn1.Type.UTF8;
  return [
    { name: 'countryName', value: 'VN', valueTagClass: forge.asn1.Type.PRINTABLESTRING },
    { name: 'localityName', value: fields.locality, valueTagClass: utf8 },
    { name: 'organizationName', value: fields.organization, valueTagClass: utf8 },
    ...(fields.uid ? [{ type: UID, value: fields.uid, valueTagClass: utf8 }] : []),
    { name: 'commonName', value: fields.commonName, valueTagClass: utf8 },
  ] as unknown as forge.pki.CertificateField[];
}

/**
 * node-forge reads a UTF8String name as its raw bytes but encodes it again when the name is
 * written, so a reloaded CA would issue certificates whose issuer no longer matches it byte for byte.
 */
function decodeUtf8Names(attributes: forge.pki.CertificateField[]): void {
  for (const attribute of attributes) {
    if ((attribute.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
      attribute.value = forge.util.decodeUtf8(attribute.value);
    }
  }
}

function newCertificate(publicKey: forge.pki.rsa.PublicKey, subject: forge.pki.CertificateField[], years: number): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  // A positive 128-bit serial whose first byte is neither 0 nor ≥ 0x80, so its DER INTEGER is minimal.
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  certificate.serialNumber = serial.toString('hex');
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(now + years * 365 * 24 * 60 * 60 * 1000);
  certificate.setSubject(subject);
  return certificate;
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, file);
}
