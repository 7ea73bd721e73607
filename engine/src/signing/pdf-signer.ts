import { createHash, randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { findByteRange, removeTrailingNewLine, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { buildCmsSignature } from './cms.js';
import type { CredentialStore, SigningCredentials } from './credentials.js';

/** Who signs, in whose name, and what a reader of the signature panel sees. */
export interface SignOptions {
  /** The agency whose certificate signs. */
  readonly agencyCode: string;
  /** The agency's full name, for a development certificate made on its first signature. */
  readonly agencyName?: string;
  /** The official who signs ("Nguyễn Văn An"), written into the signature dictionary's /Name. */
  readonly signerName: string;
  /** `leader` (approval) or `clerk` (the agency's seal). */
  readonly role: string;
  readonly reason: string;
  readonly location: string;
  /** Claimed signing time (/M); now when omitted. */
  readonly signingTime?: Date;
}

export class PdfSigningError extends Error {}

/**
 * PAdES baseline-B signatures appended as incremental updates: each signature covers the whole
 * file as it stood, and a later signature (the clerk's seal after the leader's approval) leaves
 * the earlier ones valid.
 */
export class PdfSigner {
  constructor(private readonly credentials: CredentialStore) {}

  async sign(pdf: Buffer, options: SignOptions): Promise<Buffer> {
    const credentials = await this.credentials.credentialsFor({ code: options.agencyCode, name: options.agencyName });
    return signWith(pdf, credentials, options);
  }
}

export function signWith(pdf: Buffer, credentials: SigningCredentials, options: SignOptions): Buffer {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfSigningError('Not a PDF file');
  // The placeholder library writes non-ASCII strings as mangled bytes: it is given random ASCII
  // markers exactly as long as the UTF-16 hex strings that then replace them, so no offset moves.
  const texts = { reason: options.reason, name: options.signerName, location: options.location };
  const encoded = Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, pdfTextString(text)])) as typeof texts;
  const markers = Object.fromEntries(Object.entries(encoded).map(([key, hex]) => [key, randomMarker(hex.length - 2)])) as typeof texts;
  let prepared: Buffer;
  try {
    prepared = removeTrailingNewLine(
      plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: markers.reason,
        contactInfo: '',
        name: markers.name,
        location: markers.location,
        signingTime: options.signingTime ?? new Date(),
        signatureLength: placeholderLength(credentials),
        subFilter: SUBFILTER_ETSI_CADES_DETACHED,
        appName: 'Mot-cua-BPM',
      }),
    );
  } catch (error) {
    throw new PdfSigningError(`Cannot prepare the PDF for signing: ${(error as Error).message}`, { cause: error });
  }
  const appended = pdf.length - 2;
  for (const key of Object.keys(texts) as Array<keyof typeof texts>) {
    const position = prepared.indexOf(`(${markers[key]})`, appended, 'latin1');
    if (position < 0) throw new PdfSigningError(`The signature's ${key} was not written`);
    prepared.write(encoded[key], position, 'latin1');
  }

  const { byteRangePlaceholder, byteRangePlaceholderPosition } = findByteRange(prepared);
  if (byteRangePlaceholder === undefined || byteRangePlaceholderPosition === undefined) {
    throw new PdfSigningError('The signature placeholder was not written');
  }
  const byteRangeEnd = byteRangePlaceholderPosition + byteRangePlaceholder.length;
  const contentsStart = prepared.indexOf('<', prepared.indexOf('/Contents ', byteRangeEnd));
  const contentsEnd = prepared.indexOf('>', contentsStart) + 1;
  const byteRange = [0, contentsStart, contentsEnd, prepared.length - contentsEnd];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(byteRangePlaceholder.length, ' ');
  prepared.write(byteRangeText, byteRangePlaceholderPosition, 'latin1');

  const digest = createHash('sha256')
    .update(prepared.subarray(0, contentsStart))
    .update(prepared.subarray(contentsEnd))
    .digest();
  const cms = buildCmsSignature(digest, credentials).toString('hex');
  const room = contentsEnd - contentsStart - 2;
  if (cms.length > room) throw new PdfSigningError(`The signature (${cms.length / 2} bytes) exceeds its placeholder (${room / 2} bytes)`);
  prepared.write(cms.padEnd(room, '0'), contentsStart + 1, 'latin1');
  return prepared;
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex: `<FEFF…>`. */
function pdfTextString(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

function randomMarker(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Room for the CMS: the certificates it carries plus attributes and an RSA-4096 signature, with margin. */
function placeholderLength(credentials: SigningCredentials): number {
  const certificates = [credentials.certificate, ...credentials.chain].reduce((sum, der) => sum + der.length, 0);
  return certificates + 4096;
}
