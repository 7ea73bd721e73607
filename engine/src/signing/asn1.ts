import forge from 'node-forge';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

/** Object identifiers of CMS (RFC 5652), ESS (RFC 5035) and the algorithms the platform uses. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/**
 * Parses DER without reinterpreting BIT STRING contents, so that writing a parsed node back gives
 * the very same bytes: a certificate's names must reach the signature exactly as the CA wrote them.
 */
export function fromDer(bytes: Buffer, { trailingBytes = false } = {}): Asn1 {
  // The typings know only the boolean form; forge also takes these options.
  const options = { strict: true, parseAllBytes: !trailingBytes, decodeBitStrings: false } as unknown as boolean;
  return asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), options);
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export const seq = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
export const set = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
export const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
export const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
export const int = (value: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
export const nullValue = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
/** [n] with the given children: EXPLICIT wrapping, or IMPLICIT retagging of a SET/SEQUENCE's items. */
export const context = (tag: number, items: Asn1[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);

export function oidOf(node: Asn1 | undefined): string | undefined {
  return node && node.tagClass === asn1.Class.UNIVERSAL && node.type === asn1.Type.OID ? asn1.derToOid(node.value as string) : undefined;
}

export function bytesOf(node: Asn1 | undefined): Buffer {
  if (!node || typeof node.value !== 'string') throw new Error('Malformed ASN.1: expected a primitive value');
  return Buffer.from(node.value, 'binary');
}

export function childrenOf(node: Asn1 | undefined): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error('Malformed ASN.1: expected a constructed value');
  return node.value;
}

/** The serial number and issuer name of an X.509 certificate, as parsed nodes of its own bytes. */
export function certificateIds(certificate: Buffer): { serial: Asn1; issuer: Asn1; subject: Asn1 } {
  const tbs = childrenOf(childrenOf(fromDer(certificate))[0]);
  // TBSCertificate starts with an optional [0] version.
  const first = tbs[0];
  const offset = first.tagClass === asn1.Class.CONTEXT_SPECIFIC && Number(first.type) === 0 ? 1 : 0;
  return { serial: tbs[offset], issuer: tbs[offset + 2], subject: tbs[offset + 4] };
}

export { asn1 };
