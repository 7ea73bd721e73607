import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { toDer } from './asn1.js';
import { assertKeyMatches, SigningConfigurationError, type SigningCredentials } from './credentials.js';

/** The PKCS#12 file opened, but not with this password (its integrity MAC does not verify). */
export class Pkcs12PasswordError extends Error {}

/**
 * Opens a PKCS#12 file holding an RSA key, its certificate and the chain. `origin` names the file
 * in error messages.
 */
export function readPkcs12(bytes: Buffer, password: string, origin: string): SigningCredentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, password);
  } catch (error) {
    const message = (error as Error).message;
    // node-forge's words when the MAC computed with the password does not match.
    if (/Invalid password/i.test(message)) throw new Pkcs12PasswordError(`${origin}: wrong password`);
    throw new SigningConfigurationError(`${origin}: cannot open: ${message}`);
  }
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].find((bag) => bag.key);
  if (!keyBag?.key) throw new SigningConfigurationError(`${origin}: no private key (only RSA keys are supported)`);
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  // Parsed certificates keep their original to-be-signed part, so these are the CA's own bytes;
  // the issuer-signature check below proves it for every certificate that has its issuer here.
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .flatMap((bag) => (bag.cert ? [toDer(forge.pki.certificateToAsn1(bag.cert))] : []))
    .map((der) => ({ der, x509: new X509Certificate(der) }));
  const signer = certificates.find(({ x509 }) => x509.checkPrivateKey(privateKey));
  if (!signer) throw new SigningConfigurationError(`${origin}: no certificate matches the private key`);
  for (const { x509 } of certificates) {
    const issuer = certificates.find((candidate) => x509.checkIssued(candidate.x509));
    if (issuer && !x509.verify(issuer.x509.publicKey)) {
      throw new SigningConfigurationError(`${origin}: the certificate ${x509.subject} could not be read exactly`);
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
  assertKeyMatches(credentials, origin);
  return credentials;
}

/** A PKCS#12 file of a key and its certificates, encrypted with AES-256 under `password`. */
export function writePkcs12(privateKey: KeyObject, certificates: readonly Buffer[], password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const certs = certificates.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary'))));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: 'aes256', count: 100_000 });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
