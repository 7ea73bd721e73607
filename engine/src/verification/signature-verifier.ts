import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { asn1, bytesOf, childrenOf, fromDer, oidOf, OID, set, toDer, type Asn1 } from '../signing/asn1.js';
import type { TrustStore } from '../signing/trust-store.js';
import { findSignatureFields, MalformedSignatureError, type PdfSignatureField } from './pdf-signatures.js';

/** What one signature of a PDF proves. */
export interface SignatureReport {
  /** Common name of the signing certificate (the agency for an agency seal). */
  readonly signer: string | null;
  /** Full subject of the signing certificate. */
  readonly certificateSubject: string | null;
  /** The official named in the signature (/Name). */
  readonly signerName: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  /** Claimed signing time, ISO 8601. */
  readonly signedAt: string | null;
  /** The signed bytes are unchanged and the signature was made by the certificate's key. */
  readonly intact: boolean;
  /** The certificate chains to a trusted root and was within its validity at signing time. */
  readonly trusted: boolean;
  readonly valid: boolean;
  /** Nothing was appended after this signature. */
  readonly coversWholeDocument: boolean;
  readonly problems: readonly string[];
}

export interface PdfVerification {
  readonly sha256: string;
  /** At least one signature, every signature valid, and the last one covers the whole file. */
  readonly valid: boolean;
  readonly signatures: readonly SignatureReport[];
}

const DIGESTS: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
const SIGNATURE_DIGESTS: Record<string, string | undefined> = {
  [OID.rsaEncryption]: undefined, // the digest algorithm of the SignerInfo applies
  '1.2.840.10045.2.1': undefined, // id-ecPublicKey, likewise
  [OID.sha256WithRsa]: 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  [OID.ecdsaWithSha256]: 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/**
 * Checks every signature of a PDF from its bytes alone: the digest of the signed ranges, the CMS
 * signature against the embedded certificate, the signing-certificate attribute, and the chain to
 * a trusted root. Revocation (OCSP, CRL) is not checked: it needs the CA's services online.
 */
export function verifyPdf(pdf: Buffer, trust: TrustStore): PdfVerification {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const signatures = findSignatureFields(pdf).map((field) =>
    field instanceof MalformedSignatureError ? failed([field.message]) : verifyField(pdf, field, trust),
  );
  const last = signatures.at(-1);
  return { sha256, signatures, valid: signatures.length > 0 && signatures.every((s) => s.valid) && last!.coversWholeDocument };
}

function verifyField(pdf: Buffer, field: PdfSignatureField, trust: TrustStore): SignatureReport {
  const problems: string[] = [];
  const [, b, c, d] = field.byteRange;
  const base = {
    signerName: field.name ?? null,
    reason: field.reason ?? null,
    location: field.location ?? null,
    coversWholeDocument: c + d === pdf.length,
  };
  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(field.contents);
  } catch (error) {
    return { ...failed([`The signature is not a CMS SignedData: ${(error as Error).message}`]), ...base, signedAt: iso(field.signingTime) };
  }
  const { signer, certificates, signerInfo } = parsed;
  const signedAt = field.signingTime ?? parsed.signingTime;
  const digestName = DIGESTS[signerInfo.digestOid];
  let intact = false;
  if (!signer) problems.push('The signing certificate is not in the signature');
  else if (!digestName) problems.push(`Unsupported digest algorithm ${signerInfo.digestOid}`);
  else {
    const signed = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
    intact = checkIntegrity(signed, digestName, signer, signerInfo, problems);
  }
  const trusted = signer ? checkChain(signer, certificates, trust, signedAt, problems) : false;
  return {
    signer: signer ? commonName(signer) : null,
    certificateSubject: signer ? signer.subject.replace(/\n/g, ', ') : null,
    ...base,
    signedAt: iso(signedAt),
    intact,
    trusted,
    valid: intact && trusted,
    problems,
  };
}

interface ParsedSignerInfo {
  readonly issuer: Buffer;
  readonly serial: Buffer;
  readonly digestOid: string;
  readonly signedAttributes?: Asn1[];
  readonly signatureOid: string;
  readonly signature: Buffer;
}

interface ParsedSignedData {
  readonly certificates: X509Certificate[];
  readonly signer?: X509Certificate;
  readonly signerInfo: ParsedSignerInfo;
  readonly signingTime?: Date;
}

function parseSignedData(contents: Buffer): ParsedSignedData {
  // /Contents is padded with zeros after the DER: parse one element and ignore the rest.
  const contentInfo = childrenOf(fromDer(contents, { trailingBytes: true }));
  if (oidOf(contentInfo[0]) !== OID.signedData) throw new Error('content type is not signed-data');
  const signedData = childrenOf(childrenOf(contentInfo[1])[0]);
  const certificates = signedData
    .filter((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && Number(node.type) === 0)
    .flatMap((node) => childrenOf(node))
    .filter((node) => node.type === asn1.Type.SEQUENCE)
    .map((node) => new X509Certificate(toDer(node)));
  const signerInfos = childrenOf(signedData.at(-1));
  if (signerInfos.length !== 1) throw new Error(`expected one SignerInfo, found ${signerInfos.length}`);
  const info = childrenOf(signerInfos[0]);
  const sid = info[1];
  if (sid.tagClass !== asn1.Class.UNIVERSAL) throw new Error('signer identified by key identifier, not issuer and serial');
  const [issuer, serial] = childrenOf(sid);
  let index = 3;
  const signedAttributes = info[index]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && Number(info[index]?.type) === 0 ? childrenOf(info[index++]) : undefined;
  const signerInfo: ParsedSignerInfo = {
    issuer: toDer(issuer),
    serial: bytesOf(serial),
    digestOid: oidOf(childrenOf(info[2])[0]) ?? '',
    signedAttributes,
    signatureOid: oidOf(childrenOf(info[index])[0]) ?? '',
    signature: bytesOf(info[index + 1]),
  };
  // The signer is the certificate whose issuer and serial match byte for byte, as verifiers match them.
  const signer = certificates.find((certificate) => {
    const ids = fromDer(Buffer.from(certificate.raw));
    const tbs = childrenOf(childrenOf(ids)[0]);
    const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
    return bytesOf(tbs[offset]).equals(signerInfo.serial) && toDer(tbs[offset + 2]).equals(signerInfo.issuer);
  });
  const time = attribute(signedAttributes, OID.signingTime);
  const signingTime = !time
    ? undefined
    : time.type === asn1.Type.UTCTIME
      ? asn1.utcTimeToDate(time.value as string)
      : asn1.generalizedTimeToDate(time.value as string);
  return { certificates, signer, signerInfo, signingTime };
}

function checkIntegrity(signed: Buffer, digestName: string, signer: X509Certificate, info: ParsedSignerInfo, problems: string[]): boolean {
  const digest = createHash(digestName).update(signed).digest();
  let data = signed;
  if (info.signedAttributes) {
    const messageDigest = attribute(info.signedAttributes, OID.messageDigest);
    if (!messageDigest || !bytesOf(messageDigest).equals(digest)) {
      problems.push('Digest mismatch: the signed part of the document was changed');
      return false;
    }
    const certificateHash = signingCertificateHash(info.signedAttributes);
    if (certificateHash && !createHash(certificateHash.algorithm).update(signer.raw).digest().equals(certificateHash.hash)) {
      problems.push('The signing-certificate attribute names another certificate');
      return false;
    }
    // The signature covers the attributes encoded as a SET OF, not with their [0] tag.
    data = toDer(set(info.signedAttributes));
  }
  if (!(info.signatureOid in SIGNATURE_DIGESTS)) {
    problems.push(`Unsupported signature algorithm ${info.signatureOid}`);
    return false;
  }
  const hash = SIGNATURE_DIGESTS[info.signatureOid] ?? digestName;
  const ok = verifySignature(hash, data, { key: signer.publicKey, dsaEncoding: 'der' }, info.signature);
  if (!ok) problems.push("The signature does not verify with the signer's certificate");
  return ok;
}

function checkChain(signer: X509Certificate, embedded: X509Certificate[], trust: TrustStore, at: Date | undefined, problems: string[]): boolean {
  const when = at ?? new Date();
  const candidates = [...embedded, ...trust.roots];
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    if (when < new Date(current.validFrom) || when > new Date(current.validTo)) {
      problems.push(`The certificate "${commonName(current)}" was not valid at the signing time`);
      return false;
    }
    if (trust.isTrustedRoot(current)) return true;
    const issuer = candidates.find(
      (candidate) => candidate.fingerprint256 !== current.fingerprint256 && current.checkIssued(candidate) && candidate.ca && current.verify(candidate.publicKey),
    );
    if (!issuer) {
      problems.push(`The certificate "${commonName(current)}" does not chain to a trusted root`);
      return false;
    }
    current = issuer;
  }
  problems.push('The certificate chain is too long');
  return false;
}

function attribute(attributes: Asn1[] | undefined, type: string): Asn1 | undefined {
  const found = attributes?.find((node) => oidOf(childrenOf(node)[0]) === type);
  return found ? childrenOf(childrenOf(found)[1])[0] : undefined;
}

/** certHash of the first ESSCertIDv2 of signing-certificate-v2, when the attribute is there. */
function signingCertificateHash(attributes: Asn1[]): { algorithm: string; hash: Buffer } | undefined {
  const value = attribute(attributes, OID.signingCertificateV2);
  if (!value) return undefined;
  const essCertId = childrenOf(childrenOf(childrenOf(value)[0])[0]);
  const hasAlgorithm = essCertId[0]?.type === asn1.Type.SEQUENCE;
  const algorithm = hasAlgorithm ? (DIGESTS[oidOf(childrenOf(essCertId[0])[0]) ?? ''] ?? 'sha256') : 'sha256';
  return { algorithm, hash: bytesOf(essCertId[hasAlgorithm ? 1 : 0]) };
}

function commonName(certificate: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1] ?? certificate.subject;
}

function failed(problems: string[]): SignatureReport {
  return {
    signer: null,
    certificateSubject: null,
    signerName: null,
    reason: null,
    location: null,
    signedAt: null,
    intact: false,
    trusted: false,
    valid: false,
    coversWholeDocument: false,
    problems,
  };
}

function iso(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
