import { createHash, sign, type KeyObject } from 'node:crypto';
import { certificateIds, context, fromDer, int, nullValue, octets, oid, OID, seq, set, toDer, type Asn1 } from './asn1.js';
import type { SigningCredentials } from './credentials.js';

/**
 * A detached CMS SignedData (RFC 5652) for a PDF signature with SubFilter ETSI.CAdES.detached:
 * the signed attributes PAdES baseline B requires (content-type, message-digest and
 * signing-certificate-v2), SHA-256, the signer's certificate and its chain.
 *
 * The issuer name is copied from the certificate's own bytes rather than rebuilt from parsed
 * fields: general-purpose CMS libraries re-encode non-ASCII names (every Vietnamese agency's)
 * differently, and verifiers then cannot find the signer's certificate.
 *
 * No signing-time attribute: PAdES puts the claimed time in the signature dictionary's /M.
 */
export function buildCmsSignature(digest: Buffer, credentials: SigningCredentials): Buffer {
  const { serial, issuer } = certificateIds(credentials.certificate);
  const sha256 = seq([oid(OID.sha256)]);
  const attributes = sortedByEncoding([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(
      OID.signingCertificateV2,
      // SigningCertificateV2 { certs [ESSCertIDv2 { certHash, issuerSerial { [4] issuer name, serial } }] }
      // (hashAlgorithm omitted: SHA-256 is its default).
      seq([seq([seq([octets(createHash('sha256').update(credentials.certificate).digest()), seq([seq([context(4, [issuer])]), serial])])])]),
    ),
  ]);
  // The signature covers the attributes DER-encoded as a SET OF; they are stored as [0] IMPLICIT.
  const signature = sign('sha256', toDer(set(attributes)), credentials.privateKey);
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    sha256,
    context(0, attributes),
    signatureAlgorithm(credentials.privateKey),
    octets(signature),
  ]);
  const certificates = [credentials.certificate, ...credentials.chain].map((der) => fromDer(der));
  const signedData = seq([int(1), set([sha256]), seq([oid(OID.data)]), context(0, certificates), set([signerInfo])]);
  return toDer(seq([oid(OID.signedData), context(0, [signedData])]));
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

/** DER orders the members of a SET OF by their encodings. */
function sortedByEncoding(nodes: Asn1[]): Asn1[] {
  return nodes
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ node }) => node);
}

function signatureAlgorithm(key: KeyObject): Asn1 {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return seq([oid(OID.rsaEncryption), nullValue()]);
    case 'ec':
      return seq([oid(OID.ecdsaWithSha256)]);
    default:
      throw new Error(`Unsupported signing key type: ${key.asymmetricKeyType}`);
  }
}
